// RequestsService: course requests and student constraints.
#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/grpc/call.h"
#include "common/status/status.h"
#include "services/requests/api/proto_convert.h"
#include "services/requests/api/requests_handler.h"

namespace secsched::requests {
namespace {

absl::StatusOr<RequestFieldMask> RequestMask(const google::protobuf::FieldMask& mask) {
  if (mask.paths().empty()) return RequestFieldMask{true, true, true};
  RequestFieldMask fields;
  FieldValidator v;
  for (const std::string& path : mask.paths()) {
    if (path == "*") return RequestFieldMask{true, true, true};
    if (path == "required")
      fields.required = true;
    else if (path == "priority")
      fields.priority = true;
    else if (path == "alternate_rank")
      fields.alternate_rank = true;
    else
      v.Add("update_mask", "unknown or unchangeable path \"" + path + "\"");
  }
  if (absl::Status s = v.Finish(); !s.ok()) return s;
  return fields;
}

}  // namespace

grpc::Status RequestsHandler::CreateCourseRequest(Context* context,
                                                  const v1::CreateCourseRequestRequest* request,
                                                  v1::CourseRequest* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> parent =
        api::ParseName(request->parent(), kStudentPattern, "parent");
    if (!parent.ok()) return parent.status();
    const std::string& calendar_id = (*parent)[0];
    const v1::CourseRequest& in = request->course_request();
    FieldValidator v;
    absl::StatusOr<std::string> course =
        IdInCalendar(in.course(), kCoursePattern, calendar_id, "course_request.course");
    if (!course.ok())
      v.Add("course_request.course",
            "must be calendars/{calendar}/courses/{course} of the same calendar");
    absl::StatusOr<std::vector<std::string>> tied;
    if (!in.alternate_for().empty()) {
      tied = api::ParseName(in.alternate_for(), kRequestPattern, "course_request.alternate_for");
      if (!tied.ok() || (*tied)[0] != calendar_id || (*tied)[1] != (*parent)[1]) {
        v.Add("course_request.alternate_for", "must name a request of the same student");
      }
    }
    v.Require(in.kind() == v1::PRIMARY || in.kind() == v1::ALTERNATE, "course_request.kind",
              "must be PRIMARY or ALTERNATE");
    v.Require(in.source() != v1::BATCH && in.source() != v1::IMPORT && in.source() != v1::AUTO_LOAD,
              "course_request.source",
              "must be COUNSELOR or PORTAL (BATCH, IMPORT and AUTO_LOAD are set by those methods)");
    if (absl::Status s = v.Finish("The course request has invalid fields."); !s.ok()) return s;
    CourseRequest domain{
        .calendar_id = calendar_id,
        .student_number = (*parent)[1],
        .request_id = request->course_request_id(),
        .course_id = *course,
        .kind = in.kind() == v1::ALTERNATE ? RequestKind::kAlternate : RequestKind::kPrimary,
        .required = in.required(),
        .priority = in.priority(),
        .alternate_for = in.alternate_for().empty() ? "" : (*tied)[2],
        .alternate_rank = in.alternate_rank(),
        .source = in.source() == v1::PORTAL ? RequestSource::kPortal : RequestSource::kCounselor,
    };
    absl::StatusOr<CourseRequest> created =
        domain_.requests.Create(caller, std::move(domain), request->request_id());
    if (!created.ok()) return created.status();
    ToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status RequestsHandler::ListCourseRequests(Context* context,
                                                 const v1::ListCourseRequestsRequest* request,
                                                 v1::ListCourseRequestsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> parent =
        api::ParseName(request->parent(), kStudentPattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<api::PageRequest> paging =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!paging.ok()) return paging.status();
    absl::StatusOr<api::Page<CourseRequest>> page =
        domain_.requests.List(caller, (*parent)[0], (*parent)[1], *paging);
    if (!page.ok()) return page.status();
    for (const CourseRequest& r : page->items) ToProto(r, response->add_course_requests());
    response->set_next_page_token(api::EncodePageToken(page->next_after));
    return absl::OkStatus();
  });
}

grpc::Status RequestsHandler::UpdateCourseRequest(Context* context,
                                                  const v1::UpdateCourseRequestRequest* request,
                                                  v1::CourseRequest* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    const v1::CourseRequest& in = request->course_request();
    absl::StatusOr<std::vector<std::string>> ids =
        api::ParseName(in.name(), kRequestPattern, "course_request.name");
    if (!ids.ok()) return ids.status();
    absl::StatusOr<RequestFieldMask> mask = RequestMask(request->update_mask());
    if (!mask.ok()) return mask.status();
    CourseRequest domain{.calendar_id = (*ids)[0],
                         .student_number = (*ids)[1],
                         .request_id = (*ids)[2],
                         .required = in.required(),
                         .priority = in.priority(),
                         .alternate_rank = in.alternate_rank()};
    absl::StatusOr<CourseRequest> updated = domain_.requests.Update(caller, domain, *mask);
    if (!updated.ok()) return updated.status();
    ToProto(*updated, response);
    return absl::OkStatus();
  });
}

grpc::Status RequestsHandler::DeleteCourseRequest(Context* context,
                                                  const v1::DeleteCourseRequestRequest* request,
                                                  Empty*) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids = api::ParseName(request->name(), kRequestPattern);
    if (!ids.ok()) return ids.status();
    return domain_.requests.Delete(caller, (*ids)[0], (*ids)[1], (*ids)[2]);
  });
}

grpc::Status RequestsHandler::CreateStudentConstraint(
    Context* context, const v1::CreateStudentConstraintRequest* request,
    v1::StudentConstraint* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> parent =
        api::ParseName(request->parent(), kStudentPattern, "parent");
    if (!parent.ok()) return parent.status();
    const v1::StudentConstraint& in = request->student_constraint();
    if (in.kind() != v1::StudentConstraint::AVOID_TEACHER &&
        in.kind() != v1::StudentConstraint::KEEP_PERIOD_FREE) {
      return InvalidField("student_constraint.kind", "must be AVOID_TEACHER or KEEP_PERIOD_FREE");
    }
    absl::StatusOr<std::string> teacher =
        IdInCalendar(in.teacher(), kTeacherPattern, (*parent)[0], "student_constraint.teacher");
    if (!teacher.ok()) return teacher.status();
    absl::StatusOr<StudentConstraint> created = domain_.constraints.Create(
        caller, StudentConstraint{
                    .calendar_id = (*parent)[0],
                    .student_number = (*parent)[1],
                    .constraint_id = request->constraint_id(),
                    .kind = in.kind() == v1::StudentConstraint::AVOID_TEACHER
                                ? ConstraintKind::kAvoidTeacher
                                : ConstraintKind::kKeepPeriodFree,
                    .teacher_id = *teacher,
                    .period = in.period(),
                    .term_id = in.term(),
                    .note = in.note(),
                });
    if (!created.ok()) return created.status();
    ToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status RequestsHandler::ListStudentConstraints(
    Context* context, const v1::ListStudentConstraintsRequest* request,
    v1::ListStudentConstraintsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> parent =
        api::ParseName(request->parent(), kStudentPattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<api::PageRequest> paging =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!paging.ok()) return paging.status();
    absl::StatusOr<api::Page<StudentConstraint>> page =
        domain_.constraints.List(caller, (*parent)[0], (*parent)[1], paging->after, paging->size);
    if (!page.ok()) return page.status();
    for (const StudentConstraint& c : page->items) {
      ToProto(c, response->add_student_constraints());
    }
    response->set_next_page_token(api::EncodePageToken(page->next_after));
    return absl::OkStatus();
  });
}

grpc::Status RequestsHandler::DeleteStudentConstraint(
    Context* context, const v1::DeleteStudentConstraintRequest* request, Empty*) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids =
        api::ParseName(request->name(), kConstraintPattern);
    if (!ids.ok()) return ids.status();
    return domain_.constraints.Delete(caller, (*ids)[0], (*ids)[1], (*ids)[2]);
  });
}

}  // namespace secsched::requests
