// RequestsService: students and teams.
#include "services/requests/api/requests_handler.h"

#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/grpc/call.h"
#include "services/requests/api/proto_convert.h"

namespace secsched::requests {
namespace {

Student FromProto(const std::string& calendar_id, const v1::Student& in) {
  return Student{.calendar_id = calendar_id,
                 .student_number = in.student_number(),
                 .display_name = in.display_name(),
                 .grade = in.grade(),
                 .team = in.team(),
                 .gender = in.gender(),
                 .active = true};
}

}  // namespace

grpc::Status RequestsHandler::CreateStudent(Context* context,
                                            const v1::CreateStudentRequest* request,
                                            v1::Student* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> parent =
        api::ParseName(request->parent(), kCalendarPattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<Student> created = domain_.students.Create(
        caller, FromProto((*parent)[0], request->student()), request->request_id());
    if (!created.ok()) return created.status();
    ToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status RequestsHandler::GetStudent(Context* context, const v1::GetStudentRequest* request,
                                         v1::Student* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids = api::ParseName(request->name(), kStudentPattern);
    if (!ids.ok()) return ids.status();
    absl::StatusOr<Student> student = domain_.students.Get(caller, (*ids)[0], (*ids)[1]);
    if (!student.ok()) return student.status();
    ToProto(*student, response);
    return absl::OkStatus();
  });
}

grpc::Status RequestsHandler::ListStudents(Context* context, const v1::ListStudentsRequest* request,
                                           v1::ListStudentsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> parent =
        api::ParseName(request->parent(), kCalendarPattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<api::PageRequest> paging =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!paging.ok()) return paging.status();
    StudentFilter filter;
    if (request->grade() != 0) filter.grade = request->grade();
    if (!request->team().empty()) filter.team = request->team();
    if (request->active() == v1::ListStudentsRequest::ACTIVE_ONLY) filter.active = true;
    if (request->active() == v1::ListStudentsRequest::INACTIVE_ONLY) filter.active = false;
    absl::StatusOr<api::Page<Student>> page =
        domain_.students.List(caller, (*parent)[0], filter, paging->after, paging->size);
    if (!page.ok()) return page.status();
    for (const Student& s : page->items) ToProto(s, response->add_students());
    response->set_next_page_token(api::EncodePageToken(page->next_after));
    return absl::OkStatus();
  });
}

grpc::Status RequestsHandler::UpdateStudent(Context* context,
                                            const v1::UpdateStudentRequest* request,
                                            v1::Student* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids =
        api::ParseName(request->student().name(), kStudentPattern, "student.name");
    if (!ids.ok()) return ids.status();
    absl::StatusOr<StudentFieldMask> mask = StudentMask(request->update_mask());
    if (!mask.ok()) return mask.status();
    Student student = FromProto((*ids)[0], request->student());
    student.student_number = (*ids)[1];
    student.active = request->student().active();
    absl::StatusOr<Student> updated = domain_.students.Update(caller, student, *mask);
    if (!updated.ok()) return updated.status();
    ToProto(*updated, response);
    return absl::OkStatus();
  });
}

grpc::Status RequestsHandler::DeleteStudent(Context* context,
                                            const v1::DeleteStudentRequest* request, Empty*) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids = api::ParseName(request->name(), kStudentPattern);
    if (!ids.ok()) return ids.status();
    return domain_.students.Delete(caller, (*ids)[0], (*ids)[1]);
  });
}

grpc::Status RequestsHandler::CreateTeam(Context* context, const v1::CreateTeamRequest* request,
                                         v1::Team* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> parent =
        api::ParseName(request->parent(), kCalendarPattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<Team> created =
        domain_.teams.Create(caller, Team{.calendar_id = (*parent)[0],
                                          .team_id = request->team_id(),
                                          .display_name = request->team().display_name()});
    if (!created.ok()) return created.status();
    ToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status RequestsHandler::ListTeams(Context* context, const v1::ListTeamsRequest* request,
                                        v1::ListTeamsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> parent =
        api::ParseName(request->parent(), kCalendarPattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<api::PageRequest> paging =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!paging.ok()) return paging.status();
    absl::StatusOr<api::Page<Team>> page =
        domain_.teams.List(caller, (*parent)[0], paging->after, paging->size);
    if (!page.ok()) return page.status();
    for (const Team& t : page->items) ToProto(t, response->add_teams());
    response->set_next_page_token(api::EncodePageToken(page->next_after));
    return absl::OkStatus();
  });
}

grpc::Status RequestsHandler::DeleteTeam(Context* context, const v1::DeleteTeamRequest* request,
                                         Empty*) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids = api::ParseName(request->name(), kTeamPattern);
    if (!ids.ok()) return ids.status();
    return domain_.teams.Delete(caller, (*ids)[0], (*ids)[1]);
  });
}

}  // namespace secsched::requests
