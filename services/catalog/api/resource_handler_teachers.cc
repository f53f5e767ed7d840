// ResourceService: the teacher methods.
#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/grpc/call.h"
#include "services/catalog/api/resource_convert.h"
#include "services/catalog/api/resource_handler.h"

namespace secsched::catalog {

grpc::Status ResourceHandler::CreateTeacher(grpc::ServerContext *context,
                                            const v1::CreateTeacherRequest *request,
                                            v1::Teacher *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto parent = api::ParseName(request->parent(), kCalendarNamePattern, "parent");
    if (!parent.ok()) return parent.status();
    Teacher teacher = TeacherFromProto(request->teacher());
    teacher.calendar_id = (*parent)[0];
    teacher.id = request->teacher_id();
    absl::StatusOr<Teacher> created =
        resources_.CreateTeacher(caller, std::move(teacher), request->request_id());
    if (!created.ok()) return created.status();
    ToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status ResourceHandler::GetTeacher(grpc::ServerContext *context,
                                         const v1::GetTeacherRequest *request,
                                         v1::Teacher *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto ids = api::ParseName(request->name(), kTeacherNamePattern);
    if (!ids.ok()) return ids.status();
    absl::StatusOr<Teacher> teacher = resources_.GetTeacher(caller, (*ids)[0], (*ids)[1]);
    if (!teacher.ok()) return teacher.status();
    ToProto(*teacher, response);
    return absl::OkStatus();
  });
}

grpc::Status ResourceHandler::ListTeachers(grpc::ServerContext *context,
                                           const v1::ListTeachersRequest *request,
                                           v1::ListTeachersResponse *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto parent = api::ParseName(request->parent(), kCalendarNamePattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<ListOptions> options =
        ListOptionsOf(request->page_size(), request->page_token(), request->active_only());
    if (!options.ok()) return options.status();
    absl::StatusOr<api::Page<Teacher>> page =
        resources_.ListTeachers(caller, (*parent)[0], *options);
    if (!page.ok()) return page.status();
    for (const Teacher &teacher : page->items) ToProto(teacher, response->add_teachers());
    response->set_next_page_token(api::EncodePageToken(page->next_after));
    return absl::OkStatus();
  });
}

grpc::Status ResourceHandler::UpdateTeacher(grpc::ServerContext *context,
                                            const v1::UpdateTeacherRequest *request,
                                            v1::Teacher *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto ids = api::ParseName(request->teacher().name(), kTeacherNamePattern, "teacher.name");
    if (!ids.ok()) return ids.status();
    Teacher values = TeacherFromProto(request->teacher());
    values.calendar_id = (*ids)[0];
    values.id = (*ids)[1];
    absl::StatusOr<Teacher> updated =
        resources_.UpdateTeacher(caller, values, MaskPaths(request->update_mask()));
    if (!updated.ok()) return updated.status();
    ToProto(*updated, response);
    return absl::OkStatus();
  });
}

grpc::Status ResourceHandler::DeleteTeacher(grpc::ServerContext *context,
                                            const v1::DeleteTeacherRequest *request,
                                            google::protobuf::Empty * /*response*/) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto ids = api::ParseName(request->name(), kTeacherNamePattern);
    if (!ids.ok()) return ids.status();
    return resources_.DeleteTeacher(caller, (*ids)[0], (*ids)[1]);
  });
}

grpc::Status ResourceHandler::ImportTeachers(grpc::ServerContext *context,
                                             const v1::ImportTeachersRequest *request,
                                             v1::ImportResourcesResponse *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto parent = api::ParseName(request->parent(), kCalendarNamePattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<ImportCounts> counts = resources_.ImportTeachers(
        caller, (*parent)[0], request->csv_data(), request->validate_only());
    if (!counts.ok()) return counts.status();
    response->set_created(counts->created);
    response->set_updated(counts->updated);
    response->set_unchanged(counts->unchanged);
    return absl::OkStatus();
  });
}

grpc::Status ResourceHandler::ExportTeachers(grpc::ServerContext *context,
                                             const v1::ExportTeachersRequest *request,
                                             v1::ExportResourcesResponse *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto parent = api::ParseName(request->parent(), kCalendarNamePattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<CsvExport> exported = resources_.ExportTeachers(caller, (*parent)[0]);
    if (!exported.ok()) return exported.status();
    response->set_csv_data(std::move(exported->csv));
    response->set_row_count(exported->rows);
    return absl::OkStatus();
  });
}

}  // namespace secsched::catalog
