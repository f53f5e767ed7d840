#include "services/requests/api/requests_handler.h"

#include "common/api/resource_name.h"
#include "common/api/timestamps.h"
#include "common/grpc/call.h"

namespace secsched::requests {
namespace {

constexpr char kCalendarPattern[] = "calendars/{calendar}";
constexpr char kStudentPattern[] = "calendars/{calendar}/students/{student}";

void ToProto(const Student& student, v1::Student* out) {
  out->set_name(api::FormatName(kStudentPattern, {student.calendar_id, student.student_number}));
  out->set_student_number(student.student_number);
  out->set_display_name(student.display_name);
  out->set_grade(student.grade);
  out->set_team(student.team);
  out->set_active(student.active);
  *out->mutable_create_time() = api::ToProtoTime(student.create_time);
}

}  // namespace

grpc::Status RequestsHandler::CreateStudent(grpc::ServerContext* context,
                                            const v1::CreateStudentRequest* request,
                                            v1::Student* response) {
  return HandleCall(context, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> parent =
        api::ParseName(request->parent(), kCalendarPattern, "parent");
    if (!parent.ok()) return parent.status();
    const v1::Student& in = request->student();
    absl::StatusOr<Student> created = students_.Create(
        caller,
        {.calendar_id = (*parent)[0], .student_number = in.student_number(),
         .display_name = in.display_name(), .grade = in.grade(), .team = in.team(),
         .active = true},
        request->request_id());
    if (!created.ok()) return created.status();
    ToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status RequestsHandler::GetStudent(grpc::ServerContext* context,
                                         const v1::GetStudentRequest* request,
                                         v1::Student* response) {
  return HandleCall(context, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids = api::ParseName(request->name(), kStudentPattern);
    if (!ids.ok()) return ids.status();
    absl::StatusOr<Student> student = students_.Get(caller, (*ids)[0], (*ids)[1]);
    if (!student.ok()) return student.status();
    ToProto(*student, response);
    return absl::OkStatus();
  });
}

}  // namespace secsched::requests
