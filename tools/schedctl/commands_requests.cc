// students create | get, teams create — RequestsService.
#include <charconv>
#include <optional>

#include "secsched/requests/v1/requests.grpc.pb.h"
#include "tools/schedctl/command.h"

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
  };
}

}  // namespace secsched::schedctl
