#include "services/sectioning/domain/trial.h"

#include "common/access/authorize.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"

namespace secsched::sectioning {

absl::StatusOr<Trial> Trials::Create(const auth::Caller& caller, const NewTrial& request) {
  FieldValidator v;
  v.Require(request.trial_id.empty() || api::IsValidId(request.trial_id), "trial_id",
            "must be 1-63 characters of a-z, 0-9 and -");
  v.Require(!request.display_name.empty() && request.display_name.size() <= 200,
            "trial.display_name", "is required (at most 200 characters)");
  v.Require(request.request_id.size() <= 128, "request_id", "must be at most 128 characters");
  if (absl::Status valid = v.Finish("The trial has invalid fields."); !valid.ok()) return valid;
  if (absl::Status allowed = access::AuthorizeCalendarAccess(caller, request.calendar_id,
                                                             access::Mode::kWrite, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }

  Trial trial{.key = {request.calendar_id,
                      request.trial_id.empty() ? api::NewId("trial-") : request.trial_id},
              .display_name = request.display_name,
              .creator = caller.subject};
  return repository_.Create(trial, request.request_id);
}

absl::StatusOr<Trial> Trials::Get(const auth::Caller& caller, const TrialKey& key) {
  if (absl::Status allowed = access::AuthorizeCalendarAccess(caller, key.calendar_id,
                                                             access::Mode::kRead, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  return repository_.Get(key);
}

}  // namespace secsched::sectioning
