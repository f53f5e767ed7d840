#include "services/catalog/api/course_handler.h"

#include "common/api/resource_name.h"
#include "common/grpc/call.h"
#include "services/catalog/api/course_convert.h"

namespace secsched::catalog {
namespace {

using Ids = std::vector<std::string>;

std::vector<std::string> PathsOf(const google::protobuf::FieldMask& mask) {
  return {mask.paths().begin(), mask.paths().end()};
}

v1::ImportedCourseRow::Action ToProto(ImportAction action) {
  switch (action) {
    case ImportAction::kCreated:
      return v1::ImportedCourseRow::CREATED;
    case ImportAction::kUpdated:
      return v1::ImportedCourseRow::UPDATED;
    case ImportAction::kUnchanged:
      return v1::ImportedCourseRow::UNCHANGED;
  }
  return v1::ImportedCourseRow::ACTION_UNSPECIFIED;
}

}  // namespace

grpc::Status CourseHandler::GetCourse(grpc::ServerContext* context,
                                      const v1::GetCourseRequest* request, v1::Course* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<Ids> ids = api::ParseName(request->name(), kCoursePattern);
    if (!ids.ok()) return ids.status();
    absl::StatusOr<Course> course = courses_.Get(caller, (*ids)[0], (*ids)[1]);
    if (!course.ok()) return course.status();
    CourseToProto(*course, response);
    return absl::OkStatus();
  });
}

grpc::Status CourseHandler::ListCourses(grpc::ServerContext* context,
                                        const v1::ListCoursesRequest* request,
                                        v1::ListCoursesResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<Ids> ids = api::ParseName(request->parent(), kCalendarParentPattern, "parent");
    if (!ids.ok()) return ids.status();
    CourseFilter filter{.department = request->department(),
                        .grade = request->grade(),
                        .number_prefix = request->number_prefix(),
                        .tag = request->tag()};
    if (request->active_only()) filter.active = true;
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    absl::StatusOr<api::Page<Course>> courses = courses_.List(caller, (*ids)[0], filter, *page);
    if (!courses.ok()) return courses.status();
    for (const Course& course : courses->items) CourseToProto(course, response->add_courses());
    response->set_next_page_token(api::EncodePageToken(courses->next_after));
    return absl::OkStatus();
  });
}

grpc::Status CourseHandler::CreateCourse(grpc::ServerContext* context,
                                         const v1::CreateCourseRequest* request,
                                         v1::Course* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<Ids> ids = api::ParseName(request->parent(), kCalendarParentPattern, "parent");
    if (!ids.ok()) return ids.status();
    std::string master_id;
    if (!request->course_master().empty()) {
      absl::StatusOr<Ids> master =
          api::ParseName(request->course_master(), kCourseMasterPattern, "course_master");
      if (!master.ok()) return master.status();
      master_id = (*master)[0];
    }
    absl::StatusOr<Course> created =
        courses_.Create(caller, {.calendar_id = (*ids)[0],
                                 .course_id = request->course_id(),
                                 .values = ValuesFromProto(request->course()),
                                 .master_id = master_id,
                                 .request_id = request->request_id()});
    if (!created.ok()) return created.status();
    CourseToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status CourseHandler::UpdateCourse(grpc::ServerContext* context,
                                         const v1::UpdateCourseRequest* request,
                                         v1::Course* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<Ids> ids =
        api::ParseName(request->course().name(), kCoursePattern, "course.name");
    if (!ids.ok()) return ids.status();
    absl::StatusOr<std::vector<CourseField>> fields =
        ParseFieldList(PathsOf(request->update_mask()), "update_mask");
    if (!fields.ok()) return fields.status();
    absl::StatusOr<Course> updated =
        courses_.Update(caller, (*ids)[0], (*ids)[1], ValuesFromProto(request->course()), *fields);
    if (!updated.ok()) return updated.status();
    CourseToProto(*updated, response);
    return absl::OkStatus();
  });
}

grpc::Status CourseHandler::DeleteCourse(grpc::ServerContext* context,
                                         const v1::DeleteCourseRequest* request,
                                         google::protobuf::Empty*) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<Ids> ids = api::ParseName(request->name(), kCoursePattern);
    if (!ids.ok()) return ids.status();
    return courses_.Delete(caller, (*ids)[0], (*ids)[1]);
  });
}

grpc::Status CourseHandler::MassSetCourses(grpc::ServerContext* context,
                                           const v1::MassSetCoursesRequest* request,
                                           v1::MassSetCoursesResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<Ids> ids = api::ParseName(request->parent(), kCalendarParentPattern, "parent");
    if (!ids.ok()) return ids.status();
    absl::StatusOr<std::vector<CourseField>> fields =
        ParseFieldList(PathsOf(request->update_mask()), "update_mask");
    if (!fields.ok()) return fields.status();
    const v1::CourseFilter& f = request->filter();
    CourseFilter filter{.department = f.department(),
                        .grade = f.grade(),
                        .number_prefix = f.number_prefix(),
                        .tag = f.tag()};
    if (f.has_active()) filter.active = f.active();
    absl::StatusOr<MassSetResult> result =
        courses_.MassSet(caller, {.calendar_id = (*ids)[0],
                                  .filter = filter,
                                  .fields = *fields,
                                  .values = ValuesFromProto(request->values()),
                                  .dry_run = request->dry_run()});
    if (!result.ok()) return result.status();
    response->set_matched_count(result->matched_count);
    response->set_changed_count(result->changed_count);
    response->set_audit_id(result->audit_id);
    for (const FieldChange& change : result->changes) {
      ChangeToProto((*ids)[0], change, response->add_changes());
    }
    return absl::OkStatus();
  });
}

grpc::Status CourseHandler::ImportCourses(grpc::ServerContext* context,
                                          const v1::ImportCoursesRequest* request,
                                          v1::ImportCoursesResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<Ids> ids = api::ParseName(request->parent(), kCalendarParentPattern, "parent");
    if (!ids.ok()) return ids.status();
    absl::StatusOr<ImportResult> result =
        courses_.Import(caller, (*ids)[0], request->csv_data(), request->dry_run());
    if (!result.ok()) return result.status();
    for (const ImportedRow& row : result->rows) {
      v1::ImportedCourseRow* out = response->add_rows();
      out->set_line(row.line);
      out->set_number(row.number);
      out->set_course(api::FormatName(kCoursePattern, {(*ids)[0], row.course_id}));
      out->set_action(ToProto(row.action));
    }
    for (const FieldChange& change : result->changes) {
      ChangeToProto((*ids)[0], change, response->add_changes());
    }
    response->set_created_count(result->created_count);
    response->set_updated_count(result->updated_count);
    response->set_unchanged_count(result->unchanged_count);
    return absl::OkStatus();
  });
}

grpc::Status CourseHandler::ExportCourses(grpc::ServerContext* context,
                                          const v1::ExportCoursesRequest* request,
                                          v1::ExportCoursesResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<Ids> ids = api::ParseName(request->parent(), kCalendarParentPattern, "parent");
    if (!ids.ok()) return ids.status();
    absl::StatusOr<std::string> csv = courses_.Export(caller, (*ids)[0], request->active_only());
    if (!csv.ok()) return csv.status();
    response->set_csv_data(*std::move(csv));
    return absl::OkStatus();
  });
}

}  // namespace secsched::catalog
