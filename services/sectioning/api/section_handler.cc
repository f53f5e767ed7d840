#include "services/sectioning/api/section_handler.h"

#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/api/update_mask.h"
#include "common/grpc/call.h"
#include "common/log/log.h"
#include "common/status/status.h"
#include "services/sectioning/api/names.h"
#include "services/sectioning/api/section_convert.h"

namespace secsched::sectioning {
namespace {

absl::StatusOr<GridView> ParseView(v1::GetPlacementGridRequest::View view) {
  switch (view) {
    case v1::GetPlacementGridRequest::TEACHER:
      return GridView::kTeacher;
    case v1::GetPlacementGridRequest::ROOM:
      return GridView::kRoom;
    case v1::GetPlacementGridRequest::COURSE:
      return GridView::kCourse;
    default:
      return InvalidField("view", "must be TEACHER, ROOM or COURSE");
  }
}

}  // namespace

grpc::Status SectionHandler::CreateSection(Context* context,
                                           const v1::CreateSectionRequest* request,
                                           v1::Section* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> trial = ParseTrial(request->parent(), "parent");
    if (!trial.ok()) return trial.status();
    NewSection create{.section = SectionFromProto(request->section()),
                      .request_id = request->request_id()};
    create.section.calendar_id = trial->calendar_id;
    create.section.trial_id = trial->trial_id;
    create.section.section_id = request->section_id();
    absl::StatusOr<SectionView> created = sections_.Create(caller, std::move(create));
    if (!created.ok()) return created.status();
    ToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status SectionHandler::GetSection(Context* context, const v1::GetSectionRequest* request,
                                        v1::Section* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<SectionKey> key = ParseSection(request->name(), "name");
    if (!key.ok()) return key.status();
    absl::StatusOr<SectionView> section = sections_.Get(caller, *key);
    if (!section.ok()) return section.status();
    ToProto(*section, response);
    return absl::OkStatus();
  });
}

grpc::Status SectionHandler::ListSections(Context* context, const v1::ListSectionsRequest* request,
                                          v1::ListSectionsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> trial = ParseTrial(request->parent(), "parent");
    if (!trial.ok()) return trial.status();
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    const SectionFilter filter{.course_id = request->course(),
                               .teacher_id = request->teacher(),
                               .room_id = request->room(),
                               .period = request->period()};
    absl::StatusOr<api::Page<SectionView>> sections = sections_.List(caller, *trial, filter, *page);
    if (!sections.ok()) return sections.status();
    for (const SectionView& s : sections->items) ToProto(s, response->add_sections());
    response->set_next_page_token(api::EncodePageToken(sections->next_after));
    return absl::OkStatus();
  });
}

grpc::Status SectionHandler::UpdateSection(Context* context,
                                           const v1::UpdateSectionRequest* request,
                                           v1::Section* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<SectionKey> key = ParseSection(request->section().name(), "section.name");
    if (!key.ok()) return key.status();
    absl::StatusOr<api::UpdateMask> mask = api::UpdateMask::Parse(
        {request->update_mask().paths().begin(), request->update_mask().paths().end()},
        SectionUpdatablePaths(), PopulatedSectionFields(request->section()));
    if (!mask.ok()) return mask.status();
    if (mask->empty()) return InvalidField("update_mask", "names no field to update");
    Section changes = SectionFromProto(request->section());
    changes.calendar_id = key->calendar_id;
    changes.trial_id = key->trial_id;
    changes.section_id = key->section_id;
    absl::StatusOr<SectionView> updated = sections_.Update(caller, changes, *mask);
    if (!updated.ok()) return updated.status();
    ToProto(*updated, response);
    return absl::OkStatus();
  });
}

grpc::Status SectionHandler::DeleteSection(Context* context,
                                           const v1::DeleteSectionRequest* request,
                                           google::protobuf::Empty*) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<SectionKey> key = ParseSection(request->name(), "name");
    if (!key.ok()) return key.status();
    return sections_.Delete(caller, *key, request->force());
  });
}

grpc::Status SectionHandler::MoveSection(Context* context, const v1::MoveSectionRequest* request,
                                         v1::MoveSectionResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<SectionKey> key = ParseSection(request->name(), "name");
    if (!key.ok()) return key.status();
    absl::StatusOr<MoveOutcome> moved =
        sections_.Move(caller, {.key = *key,
                                .meetings = MeetingsFromProto(request->placement()),
                                .validate_only = request->validate_only(),
                                .reason = request->reason(),
                                .request_id = std::string(CurrentRequestId())});
    if (!moved.ok()) return moved.status();
    ToProto(moved->section, response->mutable_section());
    for (const Conflict& c : moved->new_conflicts) {
      ToProto(c, key->calendar_id, key->trial_id, response->add_new_conflicts());
    }
    for (const BrokenStudent& b : moved->broken_students) {
      v1::BrokenStudent* out = response->add_broken_students();
      out->set_student(b.student_id);
      for (const std::string& id : b.clashing_section_ids) {
        out->add_clashing_sections(SectionName(key->calendar_id, key->trial_id, id));
      }
    }
    response->set_applied(moved->applied);
    return absl::OkStatus();
  });
}

grpc::Status SectionHandler::GetPlacementGrid(Context* context,
                                              const v1::GetPlacementGridRequest* request,
                                              v1::PlacementGrid* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<TrialKey> trial = ParseTrial(request->parent(), "parent");
    if (!trial.ok()) return trial.status();
    absl::StatusOr<GridView> view = ParseView(request->view());
    if (!view.ok()) return view.status();
    absl::StatusOr<PlacementGrid> grid = sections_.Grid(caller, *trial, *view);
    if (!grid.ok()) return grid.status();
    ToProto(*grid, *trial, response);
    return absl::OkStatus();
  });
}

}  // namespace secsched::sectioning
