// Request planning — RequestPlanningService (protos/secsched/requests/v1/planning.proto):
// rules create, autoload create | run, requests verify | tally | conflicts.
// The reports print summary tables; --output json prints the whole response.
#include <algorithm>
#include <map>
#include <sstream>
#include <vector>

#include "absl/strings/str_join.h"
#include "secsched/requests/v1/planning.grpc.pb.h"
#include "tools/schedctl/command.h"
#include "tools/schedctl/command_support.h"
#include "tools/schedctl/output.h"

namespace secsched::schedctl {
namespace {

namespace requests = secsched::requests::v1;
using Rows = std::vector<std::vector<std::string>>;

std::unique_ptr<requests::RequestPlanningService::Stub> PlanningStub(
    const CommandContext& context) {
  return requests::RequestPlanningService::NewStub(ChannelTo(context, Service::kRequests));
}

std::string CalendarFlag(const CommandContext& context) {
  return QualifiedName("calendars", context.args.Get("calendar"));
}

std::string OneDecimal(double value) {
  std::ostringstream text;
  text.setf(std::ios::fixed);
  text.precision(1);
  text << value;
  return text.str();
}

int CreateRule(const CommandContext& context) {
  std::string type_name = context.args.Get("type");
  for (char& c : type_name) c = c == '-' ? '_' : static_cast<char>(std::toupper(c));
  requests::CourseRule::Type type;
  if (!requests::CourseRule::Type_Parse(type_name, &type) ||
      type == requests::CourseRule::TYPE_UNSPECIFIED) {
    return UsageError(context,
                      "--type must be one of: same-period, not-same-period, same-term, "
                      "different-term, precedes, linked");
  }
  requests::CourseRule::Scope scope = requests::CourseRule::SCOPE_UNSPECIFIED;
  if (context.args.Has("scope")) {
    std::string scope_name = context.args.Get("scope");
    for (char& c : scope_name) c = static_cast<char>(std::toupper(c));
    if (!requests::CourseRule::Scope_Parse(scope_name, &scope) ||
        scope == requests::CourseRule::SCOPE_UNSPECIFIED) {
      return UsageError(context, "--scope must be student or master");
    }
  }
  const std::string calendar = CalendarFlag(context);
  requests::CreateCourseRuleRequest request;
  request.set_parent(calendar);
  request.mutable_course_rule()->set_type(type);
  request.mutable_course_rule()->set_scope(scope);
  request.mutable_course_rule()->set_course_a(CourseName(calendar, context.args.Get("course-a")));
  request.mutable_course_rule()->set_course_b(CourseName(calendar, context.args.Get("course-b")));
  request.set_request_id(context.options.request_id);
  grpc::ClientContext call;
  PrepareCall(context, call);
  requests::CourseRule response;
  return Report(context, Service::kRequests,
                PlanningStub(context)->CreateCourseRule(&call, request, &response), response);
}

int CreateAutoLoadRule(const CommandContext& context) {
  int grade = 0, priority = 0, exit_code = kExitOk;
  if (!WholeNumberFlag(context, "grade", 0, grade, exit_code) ||
      !WholeNumberFlag(context, "priority", 0, priority, exit_code)) {
    return exit_code;
  }
  const std::string calendar = CalendarFlag(context);
  requests::CreateAutoLoadRuleRequest request;
  request.set_parent(calendar);
  requests::AutoLoadRule& rule = *request.mutable_auto_load_rule();
  rule.set_grade(grade);
  rule.set_team(context.args.Get("team"));
  rule.set_course(CourseName(calendar, context.args.Get("course")));
  rule.set_required(context.args.Has("required"));
  rule.set_priority(priority);
  request.set_auto_load_rule_id(context.args.Get("id"));
  request.set_request_id(context.options.request_id);
  grpc::ClientContext call;
  PrepareCall(context, call);
  requests::AutoLoadRule response;
  return Report(context, Service::kRequests,
                PlanningStub(context)->CreateAutoLoadRule(&call, request, &response), response);
}

// Per course: the requests created (or previewed), then the skips grouped by reason.
void PrintAutoLoad(const CommandContext& context, const requests::RunAutoLoadResponse& response) {
  struct CourseCount {
    int requests = 0;
    int required = 0;
  };
  std::map<std::string, CourseCount> by_course;
  for (const requests::StudentAutoLoad& student : response.students()) {
    for (const requests::AutoLoadRequestPlan& plan : student.requests()) {
      CourseCount& count = by_course[ShortId(plan.course())];
      ++count.requests;
      if (plan.required()) ++count.required;
    }
  }
  std::map<std::string, int> skips;
  for (const requests::AutoLoadSkip& skip : response.skipped()) {
    ++skips[ShortId(skip.course()) + ": " + skip.reason()];
  }
  context.out << RenderColumns({{response.dry_run() ? "requests_to_create" : "requests_created",
                                 std::to_string(response.requests_created())},
                                {"students", std::to_string(response.students_size())},
                                {"skipped", std::to_string(response.skipped_size())}});
  if (!by_course.empty()) {
    Rows rows = {{"COURSE", "REQUESTS", "REQUIRED"}};
    for (const auto& [course, count] : by_course) {
      rows.push_back({course, std::to_string(count.requests), std::to_string(count.required)});
    }
    context.out << "\n" << RenderColumns(rows);
  }
  if (!skips.empty()) {
    Rows rows = {{"SKIPPED", "STUDENTS"}};
    for (const auto& [reason, count] : skips) rows.push_back({reason, std::to_string(count)});
    context.out << "\n" << RenderColumns(rows);
  }
  if (response.dry_run()) context.out << "dry run: nothing was written\n";
  context.out << std::flush;
}

int RunAutoLoad(const CommandContext& context) {
  requests::RunAutoLoadRequest request;
  request.set_parent(CalendarFlag(context));
  request.set_dry_run(context.args.Has("dry-run"));
  grpc::ClientContext call;
  PrepareCall(context, call);
  requests::RunAutoLoadResponse response;
  grpc::Status status = PlanningStub(context)->RunAutoLoad(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kRequests, status, response);
  }
  PrintAutoLoad(context, response);
  return kExitOk;
}

void PrintVerification(const CommandContext& context, const requests::VerificationReport& report,
                       int limit) {
  const requests::VerificationSummary& summary = report.summary();
  context.out << RenderColumns(
      {{"students_checked", std::to_string(summary.students_checked())},
       {"students_with_findings", std::to_string(summary.students_with_findings())}});
  if (summary.checks_size() > 0) {
    Rows rows = {{"CHECK", "FINDINGS", "STUDENTS"}};
    for (const requests::VerificationCheckCount& check : summary.checks()) {
      rows.push_back({requests::VerificationFinding::Check_Name(check.check()),
                      std::to_string(check.findings()), std::to_string(check.students())});
    }
    context.out << "\n" << RenderColumns(rows);
  }
  if (report.students_size() > 0 && limit > 0) {
    Rows rows = {{"STUDENT", "GRADE", "CHECK", "COURSE", "MESSAGE"}};
    int shown = 0;
    for (const requests::StudentVerification& student : report.students()) {
      if (shown++ == limit) break;
      for (const requests::VerificationFinding& finding : student.findings()) {
        rows.push_back({ShortId(student.student()), std::to_string(student.grade()),
                        requests::VerificationFinding::Check_Name(finding.check()),
                        ShortId(finding.course()), finding.message()});
      }
    }
    context.out << "\n" << RenderColumns(rows);
    if (summary.students_with_findings() > limit) {
      context.out << "(first " << limit << " of " << summary.students_with_findings()
                  << " students with findings; --limit N shows more, --output json all)\n";
    }
  }
  context.out << std::flush;
}

int VerifyRequests(const CommandContext& context) {
  int limit = 0, exit_code = kExitOk;
  if (!WholeNumberFlag(context, "limit", 10, limit, exit_code)) return exit_code;
  requests::VerifyRequestsRequest request;
  request.set_parent(CalendarFlag(context));
  request.set_summary_only(context.args.Has("summary-only"));
  request.set_page_size(1000);
  auto stub = PlanningStub(context);
  // Every page, so --output json holds every student with findings; the summary is on each page.
  requests::VerificationReport all;
  grpc::Status status = FetchAllPages(
      [&](const std::string& token, requests::VerificationReport& page) {
        request.set_page_token(token);
        grpc::ClientContext call;
        PrepareCall(context, call);
        grpc::Status page_status = stub->VerifyRequests(&call, request, &page);
        if (page_status.ok() && token.empty()) *all.mutable_summary() = page.summary();
        return page_status;
      },
      [](requests::VerificationReport& report) { return report.mutable_students(); }, all);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kRequests, status, all);
  }
  PrintVerification(context, all, limit);
  return kExitOk;
}

std::string ByGrade(const google::protobuf::RepeatedPtrField<requests::GradeCount>& counts) {
  std::vector<std::string> items;
  for (const requests::GradeCount& count : counts) {
    items.push_back(std::to_string(count.grade()) + ":" + std::to_string(count.count()));
  }
  return absl::StrJoin(items, " ");
}

int CourseTally(const CommandContext& context) {
  requests::GetCourseTallyRequest request;
  request.set_parent(CalendarFlag(context));
  grpc::ClientContext call;
  PrepareCall(context, call);
  requests::CourseTally response;
  grpc::Status status = PlanningStub(context)->GetCourseTally(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kRequests, status, response);
  }
  Rows rows = {{"COURSE", "PRIMARY", "ALT", "REQUIRED", "BY GRADE", "MAX", "SECTIONS", "TEACHERS",
                "TEACHER SECTIONS", "SHORTFALL", "ACTIVE"}};
  int primaries = 0, alternates = 0, sections = 0, shortfalls = 0;
  for (const requests::CourseTallyRow& row : response.courses()) {
    rows.push_back({row.course_number(), std::to_string(row.primaries()),
                    std::to_string(row.alternates()), std::to_string(row.required()),
                    ByGrade(row.primaries_by_grade()), std::to_string(row.max_students()),
                    std::to_string(row.sections_needed()), std::to_string(row.qualified_teachers()),
                    OneDecimal(row.shared_teacher_sections()), YesOrBlank(row.teacher_shortfall()),
                    YesOrBlank(row.active())});
    primaries += row.primaries();
    alternates += row.alternates();
    sections += row.sections_needed();
    if (row.teacher_shortfall()) ++shortfalls;
  }
  context.out << RenderColumns(rows) << response.courses_size() << " courses: " << primaries
              << " primary requests, " << alternates << " alternates, " << sections
              << " sections needed, " << shortfalls
              << " with a teacher shortfall; the teachers can "
              << "give " << response.teacher_sections_covered() << " of "
              << response.sections_needed() << " sections together (short "
              << response.teacher_section_shortage() << ")\n"
              << std::flush;
  return kExitOk;
}

int ConflictMatrix(const CommandContext& context) {
  int top = 0, exit_code = kExitOk;
  if (!WholeNumberFlag(context, "top", 20, top, exit_code)) return exit_code;
  requests::GetConflictMatrixRequest request;
  request.set_parent(CalendarFlag(context));
  request.set_top_n(top);
  request.set_top_only(!context.args.Has("all-pairs"));
  grpc::ClientContext call;
  PrepareCall(context, call);
  requests::ConflictMatrix response;
  grpc::Status status = PlanningStub(context)->GetConflictMatrix(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kRequests, status, response);
  }
  std::map<std::string, std::string> numbers;  // course name → number
  for (const requests::ConflictMatrixCourse& course : response.courses()) {
    numbers[course.course()] = course.course_number();
  }
  auto number = [&](const std::string& name) {
    auto it = numbers.find(name);
    return it == numbers.end() ? ShortId(name) : it->second;
  };
  context.out << RenderColumns({{"students_counted", std::to_string(response.students_counted())},
                                {"courses", std::to_string(response.courses_size())}})
              << "\n";
  Rows rows = {{"COURSE A", "COURSE B", "STUDENTS", "SECTIONS A", "SECTIONS B", "KIND"}};
  for (const requests::CoursePair& pair : response.top_pairs()) {
    rows.push_back({number(pair.course_a()), number(pair.course_b()),
                    std::to_string(pair.students()), std::to_string(pair.course_a_sections()),
                    std::to_string(pair.course_b_sections()),
                    pair.singleton_pair()   ? "singleton"
                    : pair.doubleton_pair() ? "doubleton"
                                            : ""});
  }
  context.out << RenderColumns(rows) << std::flush;
  return kExitOk;
}

}  // namespace

std::vector<Command> PlanningCommands() {
  return {
      {.resource = "rules",
       .verb = "create",
       .synopsis = "--calendar CAL --type TYPE --course-a COURSE --course-b COURSE "
                   "[--scope student|master]",
       .summary = "Create a course rule (same-period, not-same-period, same-term, different-term, "
                  "precedes, linked; --scope master: not-same-period binds the master schedule; "
                  "docs/formats/course-rules.md).",
       .value_flags = {"calendar", "type", "course-a", "course-b", "scope"},
       .required = {"calendar", "type", "course-a", "course-b"},
       .run = CreateRule},
      {.resource = "autoload",
       .verb = "create",
       .synopsis = "--calendar CAL --course COURSE [--grade G] [--team T] [--required] "
                   "[--priority P] [--id ID]",
       .summary = "Create an auto-load rule: every student of the grade (and/or team) requests "
                  "the course.",
       .value_flags = {"calendar", "course", "grade", "team", "priority", "id"},
       .switches = {"required"},
       .required = {"calendar", "course"},
       .run = CreateAutoLoadRule},
      {.resource = "autoload",
       .verb = "run",
       .synopsis = "--calendar CAL [--dry-run]",
       .summary = "Apply the auto-load rules: create the requests students lack, per course.",
       .value_flags = {"calendar"},
       .switches = {"dry-run"},
       .required = {"calendar"},
       .run = RunAutoLoad},
      {.resource = "requests",
       .verb = "verify",
       .synopsis = "--calendar CAL [--summary-only] [--limit N]",
       .summary = "The verification report: findings per check, then the first N students with "
                  "findings (default 10).",
       .value_flags = {"calendar", "limit"},
       .switches = {"summary-only"},
       .required = {"calendar"},
       .run = VerifyRequests},
      {.resource = "requests",
       .verb = "tally",
       .synopsis = "--calendar CAL",
       .summary = "Requests per course, sections needed and qualified teachers.",
       .value_flags = {"calendar"},
       .required = {"calendar"},
       .run = CourseTally},
      {.resource = "requests",
       .verb = "conflicts",
       .synopsis = "--calendar CAL [--top N] [--all-pairs]",
       .summary = "The conflict matrix's most requested course pairs (default top 20; "
                  "--all-pairs adds every pair to --output json).",
       .value_flags = {"calendar", "top"},
       .switches = {"all-pairs"},
       .required = {"calendar"},
       .run = ConflictMatrix},
  };
}

}  // namespace secsched::schedctl
