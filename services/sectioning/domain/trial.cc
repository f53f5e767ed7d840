#include "services/sectioning/domain/trial.h"

#include "common/access/authorize.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"
#include "services/sectioning/domain/calendar_guard.h"

namespace secsched::sectioning {
namespace {

constexpr size_t kMaxDisplayName = 200;
constexpr size_t kMaxRequestId = 128;

}  // namespace

absl::Status Trials::Allow(const auth::Caller& caller, std::string_view calendar_id, bool write) {
  if (absl::Status allowed = access::AuthorizeCalendarAccess(
          caller, calendar_id, write ? access::Mode::kWrite : access::Mode::kRead, schools_,
          access_);
      !allowed.ok()) {
    return allowed;
  }
  if (!write) return absl::OkStatus();
  return RequireApprovedCalendar(catalog_, calendar_id);
}

absl::StatusOr<Trial> Trials::Create(const auth::Caller& caller, const NewTrial& request) {
  FieldValidator v;
  v.Require(request.trial_id.empty() || api::IsValidId(request.trial_id), "trial_id",
            "must be 1-63 characters of a-z, 0-9 and -");
  v.Require(!request.display_name.empty() && request.display_name.size() <= kMaxDisplayName,
            "trial.display_name", "is required (at most 200 characters)");
  v.Require(request.request_id.size() <= kMaxRequestId, "request_id",
            "must be at most 128 characters");
  if (absl::Status valid = v.Finish("The trial has invalid fields."); !valid.ok()) return valid;
  if (absl::Status allowed = Allow(caller, request.calendar_id, true); !allowed.ok()) {
    return allowed;
  }

  Trial trial{.key = {request.calendar_id,
                      request.trial_id.empty() ? api::NewId("trial-") : request.trial_id},
              .display_name = request.display_name,
              .creator = caller.subject};
  return repository_.Create(trial, request.request_id);
}

absl::StatusOr<Trial> Trials::Get(const auth::Caller& caller, const TrialKey& key) {
  if (absl::Status allowed = Allow(caller, key.calendar_id, false); !allowed.ok()) return allowed;
  return repository_.Get(key);
}

absl::StatusOr<api::Page<Trial>> Trials::List(const auth::Caller& caller,
                                              std::string_view calendar_id,
                                              const TrialFilter& filter,
                                              const api::PageRequest& page) {
  if (absl::Status allowed = Allow(caller, calendar_id, false); !allowed.ok()) return allowed;
  return repository_.List(calendar_id, filter, page);
}

absl::StatusOr<Trial> Trials::Update(const auth::Caller& caller, const TrialKey& key,
                                     std::string_view display_name, const api::UpdateMask& mask) {
  FieldValidator v;
  v.Require(!mask.empty(), "update_mask", "names no field to update (updatable: display_name)");
  if (mask.Has("display_name")) {
    v.Require(!display_name.empty() && display_name.size() <= kMaxDisplayName, "trial.display_name",
              "is required (at most 200 characters)");
  }
  if (absl::Status valid = v.Finish("The trial update has invalid fields."); !valid.ok()) {
    return valid;
  }
  if (absl::Status allowed = Allow(caller, key.calendar_id, true); !allowed.ok()) return allowed;
  return repository_.UpdateDisplayName(key, display_name);
}

absl::Status Trials::Delete(const auth::Caller& caller, const TrialKey& key) {
  if (absl::Status allowed = Allow(caller, key.calendar_id, true); !allowed.ok()) return allowed;
  return repository_.Delete(key, caller.subject);
}

absl::StatusOr<Trial> Trials::Copy(const auth::Caller& caller, const CopyTrialRequest& request) {
  FieldValidator v;
  v.Require(request.trial_id.empty() || api::IsValidId(request.trial_id), "trial_id",
            "must be 1-63 characters of a-z, 0-9 and -");
  v.Require(request.display_name.size() <= kMaxDisplayName, "display_name",
            "must be at most 200 characters");
  v.Require(request.request_id.size() <= kMaxRequestId, "request_id",
            "must be at most 128 characters");
  if (absl::Status valid = v.Finish("The copy has invalid fields."); !valid.ok()) return valid;
  if (absl::Status allowed = Allow(caller, request.source.calendar_id, true); !allowed.ok()) {
    return allowed;
  }
  TrialCopy copy{
      .trial = {.key = {request.source.calendar_id,
                        request.trial_id.empty() ? api::NewId("trial-") : request.trial_id},
                .display_name = request.display_name,
                .creator = caller.subject,
                .copied_from = request.source.trial_id},
      .request_id = request.request_id};
  return repository_.Copy(request.source, copy);
}

absl::StatusOr<Trial> Trials::Lock(const auth::Caller& caller, const TrialKey& key) {
  if (absl::Status allowed = Allow(caller, key.calendar_id, true); !allowed.ok()) return allowed;
  return repository_.SetLocked(key, true, caller.subject);
}

absl::StatusOr<Trial> Trials::Unlock(const auth::Caller& caller, const TrialKey& key) {
  if (absl::Status allowed = Allow(caller, key.calendar_id, true); !allowed.ok()) return allowed;
  return repository_.SetLocked(key, false, caller.subject);
}

absl::StatusOr<Trial> Trials::Activate(const auth::Caller& caller, const TrialKey& key) {
  if (absl::Status allowed = Allow(caller, key.calendar_id, true); !allowed.ok()) return allowed;
  return repository_.Activate(key, caller.subject);
}

absl::StatusOr<TrialComparison> Trials::Compare(const auth::Caller& caller, const TrialKey& a,
                                                const TrialKey& b, const api::PageRequest& page,
                                                bool changed_students_only) {
  if (a.calendar_id != b.calendar_id) {
    return InvalidField("other",
                        "must be a trial of the same calendar as name (" + a.calendar_id + ")");
  }
  if (absl::Status allowed = Allow(caller, a.calendar_id, false); !allowed.ok()) return allowed;
  absl::StatusOr<std::pair<TrialContents, TrialContents>> contents =
      repository_.ReadForCompare(a, b);
  if (!contents.ok()) return contents.status();
  TrialComparison comparison = CompareTrialContents(contents->first, contents->second);
  PageStudents(comparison, page, changed_students_only);
  return comparison;
}

}  // namespace secsched::sectioning
