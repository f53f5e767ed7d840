// trials create | get | list | update | delete | copy | lock | unlock | activate | compare —
// SectioningService (jobs are in commands_jobs.cc).
#include <google/protobuf/empty.pb.h>

#include <algorithm>
#include <cctype>

#include "secsched/sectioning/v1/sectioning.grpc.pb.h"
#include "tools/schedctl/command.h"
#include "tools/schedctl/command_support.h"
#include "tools/schedctl/output.h"

namespace secsched::schedctl {
namespace {

namespace sectioning = secsched::sectioning::v1;
using Rows = std::vector<std::vector<std::string>>;

std::unique_ptr<sectioning::SectioningService::Stub> SectioningStub(const CommandContext& context) {
  return sectioning::SectioningService::NewStub(ChannelTo(context, Service::kSectioning));
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string StateText(sectioning::Trial::State state) {
  switch (state) {
    case sectioning::Trial::DRAFT:
      return "DRAFT";
    case sectioning::Trial::ACTIVE:
      return "ACTIVE";
    default:
      return "";
  }
}

// Calls `rpc` with a prepared context and prints the Trial it returns.
template <typename Request, typename Rpc>
int CallForTrial(const CommandContext& context, const Request& request, Rpc rpc) {
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::Trial response;
  auto stub = SectioningStub(context);
  return Report(context, Service::kSectioning, ((*stub).*rpc)(&call, request, &response), response);
}

int CreateTrial(const CommandContext& context) {
  sectioning::CreateTrialRequest request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  request.mutable_trial()->set_display_name(context.args.Get("name"));
  request.set_trial_id(context.args.Get("id"));
  request.set_request_id(context.options.request_id);
  return CallForTrial(context, request, &sectioning::SectioningService::Stub::CreateTrial);
}

int GetTrial(const CommandContext& context) {
  sectioning::GetTrialRequest request;
  request.set_name(context.Operand(0));
  return CallForTrial(context, request, &sectioning::SectioningService::Stub::GetTrial);
}

int ListTrials(const CommandContext& context) {
  sectioning::ListTrialsRequest request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  request.set_page_size(1000);
  if (context.args.Has("state")) {
    const std::string state = Lower(context.args.Get("state"));
    if (state == "draft") {
      request.set_state(sectioning::Trial::DRAFT);
    } else if (state == "active") {
      request.set_state(sectioning::Trial::ACTIVE);
    } else {
      return UsageError(context, "--state must be draft or active");
    }
  }
  auto stub = SectioningStub(context);
  sectioning::ListTrialsResponse all;
  grpc::Status status = FetchAllPages(
      [&](const std::string& token, sectioning::ListTrialsResponse& page) {
        request.set_page_token(token);
        grpc::ClientContext call;
        PrepareCall(context, call);
        return stub->ListTrials(&call, request, &page);
      },
      [](sectioning::ListTrialsResponse& response) { return response.mutable_trials(); }, all);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, all);
  }
  Rows rows = {{"ID", "NAME", "STATE", "LOCKED", "SECTIONS", "COPIED FROM", "CREATOR"}};
  for (const sectioning::Trial& trial : all.trials()) {
    rows.push_back({ShortId(trial.name()), trial.display_name(), StateText(trial.state()),
                    YesOrBlank(trial.locked()), std::to_string(trial.section_count()),
                    trial.copied_from().empty() ? "" : ShortId(trial.copied_from()),
                    trial.creator()});
  }
  context.out << RenderColumns(rows) << all.trials_size() << " trials\n" << std::flush;
  return kExitOk;
}

int UpdateTrial(const CommandContext& context) {
  sectioning::UpdateTrialRequest request;
  request.mutable_trial()->set_name(context.Operand(0));
  request.mutable_trial()->set_display_name(context.args.Get("name"));
  request.mutable_update_mask()->add_paths("display_name");
  return CallForTrial(context, request, &sectioning::SectioningService::Stub::UpdateTrial);
}

int DeleteTrial(const CommandContext& context) {
  sectioning::DeleteTrialRequest request;
  request.set_name(context.Operand(0));
  grpc::ClientContext call;
  PrepareCall(context, call);
  google::protobuf::Empty response;
  grpc::Status status = SectioningStub(context)->DeleteTrial(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, response);
  }
  context.out << "deleted " << request.name() << "\n" << std::flush;
  return kExitOk;
}

int CopyTrial(const CommandContext& context) {
  sectioning::CopyTrialRequest request;
  request.set_name(context.Operand(0));
  request.set_trial_id(context.args.Get("id"));
  request.set_display_name(context.args.Get("name"));
  request.set_request_id(context.options.request_id);
  return CallForTrial(context, request, &sectioning::SectioningService::Stub::CopyTrial);
}

int LockTrial(const CommandContext& context) {
  sectioning::LockTrialRequest request;
  request.set_name(context.Operand(0));
  return CallForTrial(context, request, &sectioning::SectioningService::Stub::LockTrial);
}

int UnlockTrial(const CommandContext& context) {
  sectioning::UnlockTrialRequest request;
  request.set_name(context.Operand(0));
  return CallForTrial(context, request, &sectioning::SectioningService::Stub::UnlockTrial);
}

int ActivateTrial(const CommandContext& context) {
  sectioning::ActivateTrialRequest request;
  request.set_name(context.Operand(0));
  return CallForTrial(context, request, &sectioning::SectioningService::Stub::ActivateTrial);
}

std::string Change(int a, int b) {
  if (a == b) return std::to_string(a);
  return std::to_string(a) + " -> " + std::to_string(b);
}

int CompareTrials(const CommandContext& context) {
  sectioning::CompareTrialsRequest request;
  request.set_name(context.Operand(0));
  request.set_other(context.Operand(1));
  request.set_page_size(1000);
  request.set_changed_students_only(context.args.Has("changed-only"));
  auto stub = SectioningStub(context);
  // The first page has the summary and courses; later pages add students.
  sectioning::CompareTrialsResponse all;
  std::string token;
  do {
    request.set_page_token(token);
    grpc::ClientContext call;
    PrepareCall(context, call);
    sectioning::CompareTrialsResponse page;
    grpc::Status status = stub->CompareTrials(&call, request, &page);
    if (!status.ok()) return ReportRpcError(context, Service::kSectioning, status);
    token = page.next_page_token();
    if (token == request.page_token() && !token.empty()) break;  // defensive: no progress
    if (request.page_token().empty()) {
      all = std::move(page);
    } else {
      for (auto& student : *page.mutable_students()) *all.add_students() = std::move(student);
    }
  } while (!token.empty());
  all.clear_next_page_token();
  if (context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, grpc::Status::OK, all);
  }
  const sectioning::TrialTotals& a = all.summary_a();
  const sectioning::TrialTotals& b = all.summary_b();
  context.out << "a: " << request.name() << "\nb: " << request.other() << "\n\n"
              << RenderColumns(
                     {{"TOTAL", "A", "B"},
                      {"sections", std::to_string(a.sections()), std::to_string(b.sections())},
                      {"seats", std::to_string(a.seats()), std::to_string(b.seats())},
                      {"students", std::to_string(a.students()), std::to_string(b.students())},
                      {"complete schedules", std::to_string(a.students_complete()),
                       std::to_string(b.students_complete())},
                      {"primary requests met", std::to_string(a.primary_requests_met()),
                       std::to_string(b.primary_requests_met())},
                      {"requests met", std::to_string(a.requests_met()),
                       std::to_string(b.requests_met())},
                      {"unmet requests", std::to_string(a.unmet_requests()),
                       std::to_string(b.unmet_requests())}});
  Rows courses = {{"COURSE", "SECTIONS", "SEATS", "MOVED", "UNMATCHED"}};
  for (const sectioning::CourseComparison& c : all.courses()) {
    courses.push_back({c.course_id(), Change(c.sections_a(), c.sections_b()),
                       Change(c.seats_a(), c.seats_b()), std::to_string(c.placements_differ()),
                       std::to_string(c.unmatched_sections())});
  }
  context.out << "\n"
              << RenderColumns(courses) << all.courses_size() << " courses, "
              << all.changed_courses() << " changed\n";
  Rows students = {{"STUDENT", "PRIMARY MET", "COMPLETE A", "COMPLETE B"}};
  for (const sectioning::StudentComparison& s : all.students()) {
    students.push_back({s.student_id(),
                        Change(s.primary_requests_met_a(), s.primary_requests_met_b()),
                        YesOrBlank(s.complete_a()), YesOrBlank(s.complete_b())});
  }
  context.out << "\n"
              << RenderColumns(students) << all.students_size() << " students shown, "
              << all.changed_students() << " changed\n"
              << std::flush;
  return kExitOk;
}

}  // namespace

std::vector<Command> TrialCommands() {
  return {
      {.resource = "trials",
       .verb = "create",
       .synopsis = "--calendar CAL --name NAME [--id ID]",
       .summary = "Create a trial of a calendar's schedule (CAL: calendars/ID or ID).",
       .value_flags = {"calendar", "name", "id"},
       .required = {"calendar", "name"},
       .run = CreateTrial},
      {.resource = "trials",
       .verb = "get",
       .synopsis = "calendars/CAL/trials/TRIAL",
       .summary = "Show a trial.",
       .operands = 1,
       .run = GetTrial},
      {.resource = "trials",
       .verb = "list",
       .synopsis = "--calendar CAL [--state draft|active]",
       .summary = "List a calendar's trials, ordered by id (every page).",
       .value_flags = {"calendar", "state"},
       .required = {"calendar"},
       .run = ListTrials},
      {.resource = "trials",
       .verb = "update",
       .synopsis = "calendars/CAL/trials/TRIAL --name NAME",
       .summary = "Rename a trial.",
       .value_flags = {"name"},
       .required = {"name"},
       .operands = 1,
       .run = UpdateTrial},
      {.resource = "trials",
       .verb = "delete",
       .synopsis = "calendars/CAL/trials/TRIAL",
       .summary = "Delete a trial with its whole schedule (not the ACTIVE or a locked one).",
       .operands = 1,
       .run = DeleteTrial},
      {.resource = "trials",
       .verb = "copy",
       .synopsis = "calendars/CAL/trials/TRIAL [--id ID] [--name NAME]",
       .summary = "Copy a trial's sections, teachers, meetings, enrollments and unmet requests "
                  "into a new DRAFT trial.",
       .value_flags = {"id", "name"},
       .operands = 1,
       .run = CopyTrial},
      {.resource = "trials",
       .verb = "lock",
       .synopsis = "calendars/CAL/trials/TRIAL",
       .summary = "Lock a trial: every write to it is refused until it is unlocked.",
       .operands = 1,
       .run = LockTrial},
      {.resource = "trials",
       .verb = "unlock",
       .synopsis = "calendars/CAL/trials/TRIAL",
       .summary = "Unlock a trial.",
       .operands = 1,
       .run = UnlockTrial},
      {.resource = "trials",
       .verb = "activate",
       .synopsis = "calendars/CAL/trials/TRIAL",
       .summary = "Make the trial its calendar's ACTIVE one (the previous one becomes DRAFT).",
       .operands = 1,
       .run = ActivateTrial},
      {.resource = "trials",
       .verb = "compare",
       .synopsis = "calendars/CAL/trials/A calendars/CAL/trials/B [--changed-only]",
       .summary = "Compare two trials of a calendar: totals, courses and students (every page; "
                  "--changed-only lists only students whose results differ).",
       .switches = {"changed-only"},
       .operands = 2,
       .run = CompareTrials},
  };
}

}  // namespace secsched::schedctl
