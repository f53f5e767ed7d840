// CourseService: the district course-master methods.
#include "common/api/resource_name.h"
#include "common/grpc/call.h"
#include "common/status/status.h"
#include "services/catalog/api/course_convert.h"
#include "services/catalog/api/course_handler.h"

namespace secsched::catalog {
namespace {

using Ids = std::vector<std::string>;

constexpr char kLockedFieldsPath[] = "locked_fields";

v1::CalendarPushResult::Action ToProto(PushAction action) {
  switch (action) {
    case PushAction::kCreated:
      return v1::CalendarPushResult::CREATED;
    case PushAction::kUpdated:
      return v1::CalendarPushResult::UPDATED;
    case PushAction::kUnchanged:
      return v1::CalendarPushResult::UNCHANGED;
  }
  return v1::CalendarPushResult::ACTION_UNSPECIFIED;
}

}  // namespace

grpc::Status CourseHandler::CreateCourseMaster(grpc::ServerContext* context,
                                               const v1::CreateCourseMasterRequest* request,
                                               v1::CourseMaster* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    const v1::CourseMaster& master = request->course_master();
    absl::StatusOr<std::vector<CourseField>> locked =
        ParseFieldList({master.locked_fields().begin(), master.locked_fields().end()},
                       "course_master.locked_fields", /*allow_empty=*/true);
    if (!locked.ok()) return locked.status();
    absl::StatusOr<CourseMaster> created =
        masters_.Create(caller, {.id = request->course_master_id(),
                                 .values = ValuesFromProto(master),
                                 .locked_fields = *locked,
                                 .request_id = request->request_id()});
    if (!created.ok()) return created.status();
    MasterToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status CourseHandler::GetCourseMaster(grpc::ServerContext* context,
                                            const v1::GetCourseMasterRequest* request,
                                            v1::CourseMaster* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<Ids> ids = api::ParseName(request->name(), kCourseMasterPattern);
    if (!ids.ok()) return ids.status();
    absl::StatusOr<CourseMaster> master = masters_.Get(caller, (*ids)[0]);
    if (!master.ok()) return master.status();
    MasterToProto(*master, response);
    return absl::OkStatus();
  });
}

grpc::Status CourseHandler::ListCourseMasters(grpc::ServerContext* context,
                                              const v1::ListCourseMastersRequest* request,
                                              v1::ListCourseMastersResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    absl::StatusOr<api::Page<CourseMaster>> masters = masters_.List(caller, *page);
    if (!masters.ok()) return masters.status();
    for (const CourseMaster& master : masters->items) {
      MasterToProto(master, response->add_course_masters());
    }
    response->set_next_page_token(api::EncodePageToken(masters->next_after));
    return absl::OkStatus();
  });
}

grpc::Status CourseHandler::UpdateCourseMaster(grpc::ServerContext* context,
                                               const v1::UpdateCourseMasterRequest* request,
                                               v1::CourseMaster* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    const v1::CourseMaster& master = request->course_master();
    absl::StatusOr<Ids> ids =
        api::ParseName(master.name(), kCourseMasterPattern, "course_master.name");
    if (!ids.ok()) return ids.status();
    std::vector<std::string> paths;
    bool set_locked = false;
    for (const std::string& path : request->update_mask().paths()) {
      if (path == kLockedFieldsPath) {
        set_locked = true;
      } else {
        paths.push_back(path);
      }
    }
    if (paths.empty() && !set_locked) {
      return InvalidField("update_mask", "must name at least one field");
    }
    absl::StatusOr<std::vector<CourseField>> fields =
        ParseFieldList(paths, "update_mask", /*allow_empty=*/true);
    if (!fields.ok()) return fields.status();
    absl::StatusOr<std::vector<CourseField>> locked =
        ParseFieldList({master.locked_fields().begin(), master.locked_fields().end()},
                       "course_master.locked_fields", /*allow_empty=*/true);
    if (!locked.ok()) return locked.status();
    absl::StatusOr<CourseMaster> updated =
        masters_.Update(caller, (*ids)[0], ValuesFromProto(master), *fields, set_locked, *locked);
    if (!updated.ok()) return updated.status();
    MasterToProto(*updated, response);
    return absl::OkStatus();
  });
}

grpc::Status CourseHandler::PushCourseMaster(grpc::ServerContext* context,
                                             const v1::PushCourseMasterRequest* request,
                                             v1::PushCourseMasterResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<Ids> ids = api::ParseName(request->name(), kCourseMasterPattern);
    if (!ids.ok()) return ids.status();
    std::vector<std::string> calendar_ids;
    for (const std::string& name : request->calendars()) {
      absl::StatusOr<Ids> calendar = api::ParseName(name, kCalendarParentPattern, "calendars");
      if (!calendar.ok()) return calendar.status();
      calendar_ids.push_back((*calendar)[0]);
    }
    absl::StatusOr<std::vector<PushResult>> results =
        masters_.Push(caller, (*ids)[0], calendar_ids, request->dry_run());
    if (!results.ok()) return results.status();
    for (const PushResult& result : *results) {
      v1::CalendarPushResult* out = response->add_results();
      out->set_calendar(api::FormatName(kCalendarParentPattern, {result.calendar_id}));
      out->set_course(api::FormatName(kCoursePattern, {result.calendar_id, result.course_id}));
      out->set_action(ToProto(result.action));
      out->set_locks_changed(result.locks_changed);
      for (const FieldChange& change : result.changes) {
        ChangeToProto(result.calendar_id, change, out->add_changes());
      }
    }
    return absl::OkStatus();
  });
}

}  // namespace secsched::catalog
