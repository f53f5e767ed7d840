// grading create | list | except | unexcept | is-open | open — GradingWindowService
// (protos/secsched/sectioning/v1/grading.proto). Instants are RFC 3339: 2026-10-20T00:00:00Z.
#include <google/protobuf/util/time_util.h>

#include "secsched/sectioning/v1/grading.grpc.pb.h"
#include "tools/schedctl/command.h"
#include "tools/schedctl/command_support.h"
#include "tools/schedctl/output.h"

namespace secsched::schedctl {
namespace {

namespace sectioning = secsched::sectioning::v1;
using google::protobuf::util::TimeUtil;
using Rows = std::vector<std::vector<std::string>>;

std::unique_ptr<sectioning::GradingWindowService::Stub> GradingStub(const CommandContext& context) {
  return sectioning::GradingWindowService::NewStub(ChannelTo(context, Service::kSectioning));
}

// Flag `flag` as a Timestamp; false (after a usage error in `exit_code`) when it is not RFC 3339.
bool TimeFlag(const CommandContext& context, const std::string& flag,
              google::protobuf::Timestamp& out, int& exit_code) {
  if (TimeUtil::FromString(context.args.Get(flag), &out)) return true;
  exit_code = UsageError(context, "--" + flag +
                                      " must be an RFC 3339 instant, e.g. "
                                      "2026-10-20T00:00:00Z");
  return false;
}

int CreateWindow(const CommandContext& context) {
  sectioning::CreateGradingWindowRequest request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  request.set_grading_window_id(context.args.Get("id"));
  request.set_request_id(context.options.request_id);
  sectioning::GradingWindow& window = *request.mutable_grading_window();
  window.set_task(context.args.Get("task"));
  window.set_term(context.args.Get("term"));
  int exit_code = kExitOk;
  if (!TimeFlag(context, "open", *window.mutable_open_time(), exit_code) ||
      !TimeFlag(context, "close", *window.mutable_close_time(), exit_code)) {
    return exit_code;
  }
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::GradingWindow response;
  return Report(context, Service::kSectioning,
                GradingStub(context)->CreateGradingWindow(&call, request, &response), response);
}

int ListWindows(const CommandContext& context) {
  auto stub = GradingStub(context);
  sectioning::ListGradingWindowsRequest request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  sectioning::ListGradingWindowsResponse all;
  grpc::Status status = FetchAllPages(
      [&](const std::string& token, sectioning::ListGradingWindowsResponse& page) {
        request.set_page_token(token);
        grpc::ClientContext call;
        PrepareCall(context, call);
        return stub->ListGradingWindows(&call, request, &page);
      },
      [](sectioning::ListGradingWindowsResponse& r) { return r.mutable_grading_windows(); }, all);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, all);
  }
  Rows rows = {{"ID", "TASK", "TERM", "OPEN", "CLOSE", "EXCEPTIONS"}};
  for (const sectioning::GradingWindow& w : all.grading_windows()) {
    rows.push_back({ShortId(w.name()), w.task(), w.term(), TimeUtil::ToString(w.open_time()),
                    TimeUtil::ToString(w.close_time()), std::to_string(w.exceptions_size())});
  }
  context.out << RenderColumns(rows);
  return kExitOk;
}

int AddException(const CommandContext& context) {
  sectioning::AddGradingExceptionRequest request;
  request.set_name(context.Operand(0));
  request.mutable_exception()->set_section(context.args.Get("section"));
  request.mutable_exception()->set_teacher(context.args.Get("teacher"));
  int exit_code = kExitOk;
  if (!TimeFlag(context, "close", *request.mutable_exception()->mutable_close_time(), exit_code)) {
    return exit_code;
  }
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::GradingWindow response;
  return Report(context, Service::kSectioning,
                GradingStub(context)->AddGradingException(&call, request, &response), response);
}

int RemoveException(const CommandContext& context) {
  sectioning::RemoveGradingExceptionRequest request;
  request.set_name(context.Operand(0));
  request.set_section(context.args.Get("section"));
  request.set_teacher(context.args.Get("teacher"));
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::GradingWindow response;
  return Report(context, Service::kSectioning,
                GradingStub(context)->RemoveGradingException(&call, request, &response), response);
}

int IsOpen(const CommandContext& context) {
  sectioning::IsGradingOpenRequest request;
  request.set_section(context.Operand(0));
  request.set_task(context.args.Get("task"));
  int exit_code = kExitOk;
  if (context.args.Has("at") && !TimeFlag(context, "at", *request.mutable_at(), exit_code)) {
    return exit_code;
  }
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::IsGradingOpenResponse response;
  grpc::Status status = GradingStub(context)->IsGradingOpen(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, response);
  }
  context.out << (response.open() ? "OPEN" : "NOT OPEN") << ": " << response.explanation() << "\n";
  return kExitOk;
}

int OpenWindows(const CommandContext& context) {
  sectioning::ListOpenWindowsRequest request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  int exit_code = kExitOk;
  if (context.args.Has("at") && !TimeFlag(context, "at", *request.mutable_at(), exit_code)) {
    return exit_code;
  }
  auto stub = GradingStub(context);
  sectioning::ListOpenWindowsResponse all;
  grpc::Status status = FetchAllPages(
      [&](const std::string& token, sectioning::ListOpenWindowsResponse& page) {
        request.set_page_token(token);
        grpc::ClientContext call;
        PrepareCall(context, call);
        return stub->ListOpenWindows(&call, request, &page);
      },
      [](sectioning::ListOpenWindowsResponse& r) { return r.mutable_windows(); }, all);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, all);
  }
  Rows rows = {{"ID", "TASK", "TERM", "CLOSE", "EXCEPTIONS ONLY"}};
  for (const sectioning::OpenGradingWindow& o : all.windows()) {
    rows.push_back({ShortId(o.window().name()), o.window().task(), o.window().term(),
                    TimeUtil::ToString(o.window().close_time()), YesOrBlank(!o.open_by_window())});
  }
  context.out << RenderColumns(rows);
  return kExitOk;
}

}  // namespace

std::vector<Command> GradingCommands() {
  return {
      {.resource = "grading",
       .verb = "create",
       .synopsis = "--calendar CAL --task TASK --term TERM --open TIME --close TIME [--id ID]",
       .summary = "Create a grading window (TIME: RFC 3339, e.g. 2026-10-20T00:00:00Z).",
       .value_flags = {"calendar", "task", "term", "open", "close", "id"},
       .required = {"calendar", "task", "term", "open", "close"},
       .run = CreateWindow},
      {.resource = "grading",
       .verb = "list",
       .synopsis = "--calendar CAL",
       .summary = "List a calendar's grading windows.",
       .value_flags = {"calendar"},
       .required = {"calendar"},
       .run = ListWindows},
      {.resource = "grading",
       .verb = "except",
       .synopsis = "calendars/CAL/gradingWindows/W (--section SECTION | --teacher ID) --close TIME",
       .summary = "Give one section or teacher its own close (replaces an existing one).",
       .value_flags = {"section", "teacher", "close"},
       .required = {"close"},
       .operands = 1,
       .run = AddException},
      {.resource = "grading",
       .verb = "unexcept",
       .synopsis = "calendars/CAL/gradingWindows/W (--section SECTION | --teacher ID)",
       .summary = "Remove a section's or teacher's exception.",
       .value_flags = {"section", "teacher"},
       .operands = 1,
       .run = RemoveException},
      {.resource = "grading",
       .verb = "is-open",
       .synopsis = "calendars/CAL/trials/T/sections/S --task TASK [--at TIME]",
       .summary = "Whether a section's marks for a task may be entered, and why.",
       .value_flags = {"task", "at"},
       .required = {"task"},
       .operands = 1,
       .run = IsOpen},
      {.resource = "grading",
       .verb = "open",
       .synopsis = "--calendar CAL [--at TIME]",
       .summary = "The calendar's grading windows open now (or at TIME).",
       .value_flags = {"calendar", "at"},
       .required = {"calendar"},
       .run = OpenWindows},
  };
}

}  // namespace secsched::schedctl
