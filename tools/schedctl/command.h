// What every subcommand is made of, and the helpers they share for calling a service.
//
// A command declares its flags and operands; the dispatcher (schedctl.cc) checks them before
// `run` is called, so handlers only build the request, call, and report.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "tools/schedctl/args.h"
#include "tools/schedctl/settings.h"

namespace google::protobuf {
class Message;
}

namespace secsched::schedctl {

// Exit codes (docs/schedctl.md): 0 success; 1 the call failed, or the watched job did not
// succeed; 2 the command line is wrong (nothing was sent).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

struct Command;

struct CommandContext {
  const Command& command;
  const GlobalOptions& options;
  const ParsedArgs& args;
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;

  // Operand `i` (after resource and verb); the dispatcher has checked that it exists.
  const std::string& Operand(size_t i) const { return args.positionals.at(2 + i); }
};

struct Command {
  std::string resource;                  // "staff"
  std::string verb;                      // "upsert"
  std::string synopsis;                  // "--id ID --name NAME --email EMAIL [--departed]"
  std::string summary;                   // one sentence for help
  std::vector<std::string> value_flags;  // flags that take a value (beyond the global ones)
  std::vector<std::string> switches;     // flags without a value
  std::vector<std::string> required;     // value flags that must be given, non-empty
  size_t operands = 0;                   // exact number of words after the verb
  std::function<int(const CommandContext&)> run;
};

// The commands of each resource group, one file each.
std::vector<Command> StaffCommands();           // commands_access.cc
std::vector<Command> CalendarCommands();        // commands_catalog.cc
std::vector<Command> StudentCommands();         // commands_requests.cc
std::vector<Command> TrialCommands();           // commands_sectioning.cc
std::vector<Command> JobCommands();             // commands_jobs.cc
std::vector<Command> CalendarSetupCommands();   // commands_calendar_setup.cc
std::vector<Command> CourseCommands();          // commands_courses.cc
std::vector<Command> ResourceCommands();        // commands_resources.cc
std::vector<Command> RequestImportCommands();   // commands_requests_import.cc
std::vector<Command> PlanningCommands();        // commands_planning.cc
std::vector<Command> SectionCommands();         // commands_sections.cc
std::vector<Command> GradingCommands();         // commands_grading.cc
std::vector<Command> ScheduleReportCommands();  // commands_schedule_reports.cc
std::vector<Command> ExportCommands();          // commands_export.cc
std::vector<Command> BoardCommands();           // commands_board.cc
std::vector<Command> RosterCommands();          // commands_rosters.cc

// A channel to the service, at the address resolved from flags and environment.
std::shared_ptr<grpc::Channel> ChannelTo(const CommandContext& context, Service service);

// Bearer token, request id and deadline (--timeout) on a fresh call context.
void PrepareCall(const CommandContext& context, grpc::ClientContext& call);

// Prints the response (table or json) and returns 0, or prints the error and returns 1.
int Report(const CommandContext& context, Service service, const grpc::Status& status,
           const google::protobuf::Message& response);

// Prints an RPC error to stderr, with the address called when the service could not be reached
// (the usual cause is a wrong SECSCHED_*_ADDR or --server). Returns 1.
int ReportRpcError(const CommandContext& context, Service service, const grpc::Status& status);

// Prints "error: <message>" and the command's usage line to stderr. Returns 2.
int UsageError(const CommandContext& context, std::string_view message);

// "schedctl staff upsert --id ID ..." for help and usage errors.
std::string UsageLine(const Command& command);

// `id` → "collection/id"; a name already under "collection/" is kept, so commands accept both
// `calendars/east-2026` and `east-2026`.
std::string QualifiedName(std::string_view collection, std::string_view name_or_id);

}  // namespace secsched::schedctl
