// students create | get, teams create, constraints create | list | delete — RequestsService.
#include <charconv>
#include <optional>

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

// Only the syntax is checked here; the service owns the range (6..12) and says so in a field
// violation, so the rule lives in one place.
std::optional<int> ParseWholeNumber(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

int CreateStudent(const CommandContext& context) {
  std::optional<int> grade = ParseWholeNumber(context.args.Get("grade"));
  if (!grade.has_value()) {
    return UsageError(context,
                      "--grade must be a whole number, not \"" + context.args.Get("grade") + "\"");
  }
  requests::CreateStudentRequest request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  requests::Student& student = *request.mutable_student();
  student.set_student_number(context.args.Get("number"));
  student.set_display_name(context.args.Get("name"));
  student.set_grade(*grade);
  student.set_team(context.args.Get("team"));
  request.set_request_id(context.options.request_id);
  grpc::ClientContext call;
  PrepareCall(context, call);
  requests::Student response;
  return Report(context, Service::kRequests,
                RequestsStub(context)->CreateStudent(&call, request, &response), response);
}

int CreateTeam(const CommandContext& context) {
  requests::CreateTeamRequest request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  request.set_team_id(context.args.Get("id"));
  request.mutable_team()->set_display_name(context.args.Get("name"));
  grpc::ClientContext call;
  PrepareCall(context, call);
  requests::Team response;
  return Report(context, Service::kRequests,
                RequestsStub(context)->CreateTeam(&call, request, &response), response);
}

int GetStudent(const CommandContext& context) {
  requests::GetStudentRequest request;
  request.set_name(context.Operand(0));
  grpc::ClientContext call;
  PrepareCall(context, call);
  requests::Student response;
  return Report(context, Service::kRequests,
                RequestsStub(context)->GetStudent(&call, request, &response), response);
}

// "calendars/c" of "calendars/c/students/s".
std::string CalendarOf(std::string_view student) {
  const size_t end = student.find("/students/");
  return std::string(student.substr(0, end == std::string_view::npos ? 0 : end));
}

int CreateConstraint(const CommandContext& context) {
  const std::string student = context.args.Get("student");
  const bool avoid = context.args.Has("avoid-teacher");
  const bool keep_free = context.args.Has("keep-period-free");
  if (avoid == keep_free) {
    return UsageError(context, "give exactly one of --avoid-teacher T and --keep-period-free N");
  }
  if (CalendarOf(student).empty()) {
    return UsageError(context, "--student must be calendars/CAL/students/STUDENT");
  }
  requests::CreateStudentConstraintRequest request;
  request.set_parent(student);
  requests::StudentConstraint& constraint = *request.mutable_student_constraint();
  if (avoid) {
    constraint.set_kind(requests::StudentConstraint::AVOID_TEACHER);
    const std::string teacher = context.args.Get("avoid-teacher");
    constraint.set_teacher(teacher.find('/') == std::string::npos
                               ? CalendarOf(student) + "/teachers/" + teacher
                               : teacher);
  } else {
    int period = 0, exit_code = kExitOk;
    if (!WholeNumberFlag(context, "keep-period-free", 0, period, exit_code)) return exit_code;
    constraint.set_kind(requests::StudentConstraint::KEEP_PERIOD_FREE);
    constraint.set_period(period);
    constraint.set_term(context.args.Get("term"));
  }
  constraint.set_note(context.args.Get("note"));
  grpc::ClientContext call;
  PrepareCall(context, call);
  requests::StudentConstraint response;
  return Report(context, Service::kRequests,
                RequestsStub(context)->CreateStudentConstraint(&call, request, &response),
                response);
}

int ListConstraints(const CommandContext& context) {
  requests::ListStudentConstraintsResponse all;
  grpc::Status status = FetchAllPages(
      [&](const std::string& token, requests::ListStudentConstraintsResponse& page) {
        requests::ListStudentConstraintsRequest request;
        request.set_parent(context.Operand(0));
        request.set_page_token(token);
        grpc::ClientContext call;
        PrepareCall(context, call);
        return RequestsStub(context)->ListStudentConstraints(&call, request, &page);
      },
      [](requests::ListStudentConstraintsResponse& r) { return r.mutable_student_constraints(); },
      all);
  if (!status.ok()) return ReportRpcError(context, Service::kRequests, status);
  if (context.options.output != OutputFormat::kTable) {
    return Report(context, Service::kRequests, status, all);
  }
  std::vector<std::vector<std::string>> rows = {
      {"CONSTRAINT", "KIND", "TEACHER", "PERIOD", "TERM", "NOTE"}};
  for (const requests::StudentConstraint& c : all.student_constraints()) {
    const bool avoid = c.kind() == requests::StudentConstraint::AVOID_TEACHER;
    rows.push_back({ShortId(c.name()), requests::StudentConstraint::Kind_Name(c.kind()),
                    avoid ? ShortId(c.teacher()) : "", avoid ? "" : std::to_string(c.period()),
                    c.term(), c.note()});
  }
  context.out << RenderColumns(rows) << std::flush;
  return kExitOk;
}

int DeleteConstraint(const CommandContext& context) {
  requests::DeleteStudentConstraintRequest request;
  request.set_name(context.Operand(0));
  grpc::ClientContext call;
  PrepareCall(context, call);
  google::protobuf::Empty response;
  return Report(context, Service::kRequests,
                RequestsStub(context)->DeleteStudentConstraint(&call, request, &response),
                response);
}

}  // namespace

std::vector<Command> StudentCommands() {
  return {
      {.resource = "students",
       .verb = "create",
       .synopsis = "--calendar CAL --number N --name NAME --grade G [--team T]",
       .summary = "Create a student in a calendar (CAL: calendars/ID or ID).",
       .value_flags = {"calendar", "number", "name", "grade", "team"},
       .required = {"calendar", "number", "name", "grade"},
       .run = CreateStudent},
      {.resource = "students",
       .verb = "get",
       .synopsis = "calendars/CAL/students/STUDENT",
       .summary = "Show a student.",
       .operands = 1,
       .run = GetStudent},
      {.resource = "teams",
       .verb = "create",
       .synopsis = "--calendar CAL --id TEAM --name NAME",
       .summary = "Create a team in a calendar (students name it in --team).",
       .value_flags = {"calendar", "id", "name"},
       .required = {"calendar", "id", "name"},
       .run = CreateTeam},
      {.resource = "constraints",
       .verb = "create",
       .synopsis = "--student calendars/CAL/students/S (--avoid-teacher TEACHER | "
                   "--keep-period-free PERIOD [--term TERM]) [--note TEXT]",
       .summary = "Add a scheduling constraint to a student: never with a teacher (a teacher id "
                  "or name), or a period (1-based) kept free in every term or in one.",
       .value_flags = {"student", "avoid-teacher", "keep-period-free", "term", "note"},
       .required = {"student"},
       .run = CreateConstraint},
      {.resource = "constraints",
       .verb = "list",
       .synopsis = "calendars/CAL/students/STUDENT",
       .summary = "A student's scheduling constraints.",
       .operands = 1,
       .run = ListConstraints},
      {.resource = "constraints",
       .verb = "delete",
       .synopsis = "calendars/CAL/students/STUDENT/constraints/ID",
       .summary = "Remove a student's scheduling constraint.",
       .operands = 1,
       .run = DeleteConstraint},
  };
}

}  // namespace secsched::schedctl
