// reports master | balance | unscheduled | metrics | export — ScheduleReportService
// (protos/secsched/sectioning/v1/schedule_reports.proto). Tables print every page; --output json
// prints the whole response; `export` prints the CSV text (docs/formats/schedule-reports-csv.md).
#include "absl/strings/str_join.h"
#include "secsched/sectioning/v1/schedule_reports.grpc.pb.h"
#include "tools/schedctl/command.h"
#include "tools/schedctl/command_support.h"
#include "tools/schedctl/output.h"

namespace secsched::schedctl {
namespace {

namespace sectioning = secsched::sectioning::v1;
using Rows = std::vector<std::vector<std::string>>;

std::unique_ptr<sectioning::ScheduleReportService::Stub> ReportStub(const CommandContext& context) {
  return sectioning::ScheduleReportService::NewStub(ChannelTo(context, Service::kSectioning));
}

// "teacher" → BY_TEACHER etc.; false for anything else.
bool ParseView(std::string text, sectioning::MasterScheduleView& view) {
  for (char& c : text) c = static_cast<char>(std::toupper(c));
  return sectioning::MasterScheduleView_Parse("BY_" + text, &view) &&
         view != sectioning::MASTER_SCHEDULE_VIEW_UNSPECIFIED;
}

int Master(const CommandContext& context) {
  sectioning::ListMasterScheduleRequest request;
  request.set_parent(context.Operand(0));
  sectioning::MasterScheduleView view;
  if (!ParseView(context.args.Get("view"), view)) {
    return UsageError(context, "--view must be one of: teacher, room, course");
  }
  request.set_view(view);
  auto stub = ReportStub(context);
  sectioning::ListMasterScheduleResponse all;
  grpc::Status status = FetchAllPages(
      [&](const std::string& token, sectioning::ListMasterScheduleResponse& page) {
        request.set_page_token(token);
        grpc::ClientContext call;
        PrepareCall(context, call);
        return stub->ListMasterSchedule(&call, request, &page);
      },
      [](sectioning::ListMasterScheduleResponse& r) { return r.mutable_rows(); }, all);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, all);
  }
  Rows rows = {{"GROUP", "COURSE", "NO", "SECTION", "TEACHERS", "ROOM", "MEETINGS", "ENROLLED"}};
  for (const sectioning::MasterScheduleRow& r : all.rows()) {
    rows.push_back({r.group(), r.course(), std::to_string(r.section_number()), ShortId(r.section()),
                    absl::StrJoin(r.teachers(), ", "), r.room(), absl::StrJoin(r.meetings(), ", "),
                    std::to_string(r.enrolled()) + "/" + std::to_string(r.capacity())});
  }
  context.out << RenderColumns(rows);
  return kExitOk;
}

int Balance(const CommandContext& context) {
  sectioning::ListSectionBalanceRequest request;
  request.set_parent(context.Operand(0));
  auto stub = ReportStub(context);
  sectioning::ListSectionBalanceResponse all;
  grpc::Status status = FetchAllPages(
      [&](const std::string& token, sectioning::ListSectionBalanceResponse& page) {
        request.set_page_token(token);
        grpc::ClientContext call;
        PrepareCall(context, call);
        return stub->ListSectionBalance(&call, request, &page);
      },
      [](sectioning::ListSectionBalanceResponse& r) { return r.mutable_rows(); }, all);
  return Report(context, Service::kSectioning, status, all);
}

int Unscheduled(const CommandContext& context) {
  sectioning::ListUnscheduledRequestsRequest request;
  request.set_parent(context.Operand(0));
  auto stub = ReportStub(context);
  sectioning::ListUnscheduledRequestsResponse all;
  grpc::Status status = FetchAllPages(
      [&](const std::string& token, sectioning::ListUnscheduledRequestsResponse& page) {
        request.set_page_token(token);
        grpc::ClientContext call;
        PrepareCall(context, call);
        return stub->ListUnscheduledRequests(&call, request, &page);
      },
      [](sectioning::ListUnscheduledRequestsResponse& r) { return r.mutable_rows(); }, all);
  return Report(context, Service::kSectioning, status, all);
}

int Metrics(const CommandContext& context) {
  sectioning::GetLoadMetricsRequest request;
  request.set_parent(context.Operand(0));
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::LoadMetrics response;
  return Report(context, Service::kSectioning,
                ReportStub(context)->GetLoadMetrics(&call, request, &response), response);
}

int Export(const CommandContext& context) {
  sectioning::ExportScheduleReportRequest request;
  request.set_parent(context.Operand(0));
  std::string name = context.args.Get("report");
  for (char& c : name) c = c == '-' ? '_' : static_cast<char>(std::toupper(c));
  sectioning::ScheduleReport report;
  if (!sectioning::ScheduleReport_Parse(name, &report) ||
      report == sectioning::SCHEDULE_REPORT_UNSPECIFIED) {
    return UsageError(context,
                      "--report must be one of: master-schedule-by-teacher, "
                      "master-schedule-by-room, master-schedule-by-course, section-balance, "
                      "unscheduled-requests, load-metrics");
  }
  request.set_report(report);
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::ExportScheduleReportResponse response;
  grpc::Status status = ReportStub(context)->ExportScheduleReport(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, response);
  }
  context.out << response.csv();
  return kExitOk;
}

Command OnTrial(std::string verb, std::string summary,
                std::function<int(const CommandContext&)> run) {
  return {.resource = "reports",
          .verb = std::move(verb),
          .synopsis = "calendars/CAL/trials/TRIAL",
          .summary = std::move(summary),
          .operands = 1,
          .run = std::move(run)};
}

}  // namespace

std::vector<Command> ScheduleReportCommands() {
  return {
      {.resource = "reports",
       .verb = "master",
       .synopsis = "calendars/CAL/trials/TRIAL --view teacher|room|course",
       .summary = "A trial's master schedule by teacher, room or course.",
       .value_flags = {"view"},
       .required = {"view"},
       .operands = 1,
       .run = Master},
      OnTrial("balance", "Enrollment spread of each course's sections.", Balance),
      OnTrial("unscheduled", "Requests the last load left unmet, with the reason.", Unscheduled),
      OnTrial("metrics", "A trial's load metrics.", Metrics),
      {.resource = "reports",
       .verb = "export",
       .synopsis = "calendars/CAL/trials/TRIAL --report REPORT",
       .summary = "A whole report as CSV on stdout (REPORT: section-balance, load-metrics, ...).",
       .value_flags = {"report"},
       .required = {"report"},
       .operands = 1,
       .run = Export},
  };
}

}  // namespace secsched::schedctl
