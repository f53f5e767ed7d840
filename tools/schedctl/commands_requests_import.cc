// students import, requests import — RequestsService CSV imports
// (docs/formats/requests-csv.md). Kept apart from commands_requests.cc (single-record commands).
#include <vector>

#include "secsched/requests/v1/requests.grpc.pb.h"
#include "tools/schedctl/command.h"
#include "tools/schedctl/command_support.h"
#include "tools/schedctl/output.h"

namespace secsched::schedctl {
namespace {

namespace requests = secsched::requests::v1;

std::unique_ptr<requests::RequestsService::Stub> RequestsStub(const CommandContext& context) {
  return requests::RequestsService::NewStub(ChannelTo(context, Service::kRequests));
}

int ReportImport(const CommandContext& context, const grpc::Status& status,
                 const google::protobuf::Message& response, bool dry_run) {
  const int code = Report(context, Service::kRequests, status, response);
  if (code == kExitOk && dry_run && context.options.output == OutputFormat::kTable) {
    context.out << "dry run: nothing was written\n" << std::flush;
  }
  return code;
}

int ImportStudents(const CommandContext& context) {
  absl::StatusOr<std::string> csv = ReadInputFile(context.args.Get("file"));
  if (!csv.ok()) return UsageError(context, std::string(csv.status().message()));
  requests::ImportStudentsRequest request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  request.set_csv(*std::move(csv));
  request.set_dry_run(context.args.Has("dry-run"));
  const std::string format = context.args.Get("format", "students");
  if (format == "oneroster") {
    request.set_format(requests::ImportStudentsRequest::ONEROSTER_USERS);
    if (context.args.Has("demographics")) {
      absl::StatusOr<std::string> demographics = ReadInputFile(context.args.Get("demographics"));
      if (!demographics.ok()) {
        return UsageError(context, std::string(demographics.status().message()));
      }
      request.set_demographics_csv(*std::move(demographics));
    }
  } else if (format != "students" || context.args.Has("demographics")) {
    return UsageError(context, format != "students"
                                   ? "--format must be students or oneroster"
                                   : "--demographics goes with --format oneroster");
  }
  grpc::ClientContext call;
  PrepareCall(context, call);
  requests::ImportStudentsResponse response;
  return ReportImport(context, RequestsStub(context)->ImportStudents(&call, request, &response),
                      response, request.dry_run());
}

int ImportRequests(const CommandContext& context) {
  absl::StatusOr<std::string> csv = ReadInputFile(context.args.Get("file"));
  if (!csv.ok()) return UsageError(context, std::string(csv.status().message()));
  requests::ImportRequestsRequest request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  request.set_csv(*std::move(csv));
  request.set_dry_run(context.args.Has("dry-run"));
  request.set_replace_existing(context.args.Has("replace"));
  grpc::ClientContext call;
  PrepareCall(context, call);
  requests::ImportRequestsResponse response;
  return ReportImport(context, RequestsStub(context)->ImportRequests(&call, request, &response),
                      response, request.dry_run());
}

}  // namespace

std::vector<Command> RequestImportCommands() {
  return {
      {.resource = "students",
       .verb = "import",
       .synopsis = "--calendar CAL --file STUDENTS.csv [--dry-run] "
                   "| --format oneroster --file users.csv [--demographics demographics.csv]",
       .summary = "Create or update students by student number from CSV, all or nothing: the "
                  "suite's students.csv (docs/formats/requests-csv.md) or a SIS's OneRoster 1.1 "
                  "users.csv (docs/formats/oneroster-import.md).",
       .value_flags = {"calendar", "file", "format", "demographics"},
       .switches = {"dry-run"},
       .required = {"calendar", "file"},
       .run = ImportStudents},
      {.resource = "requests",
       .verb = "import",
       .synopsis = "--calendar CAL --file REQUESTS.csv [--dry-run] [--replace]",
       .summary = "Add course requests and ranked alternates from CSV, all or nothing; --replace "
                  "first deletes the requests of every student in the file.",
       .value_flags = {"calendar", "file"},
       .switches = {"dry-run", "replace"},
       .required = {"calendar", "file"},
       .run = ImportRequests},
  };
}

}  // namespace secsched::schedctl
