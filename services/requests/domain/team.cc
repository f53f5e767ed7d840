#include "services/requests/domain/team.h"

#include "common/api/resource_name.h"
#include "common/status/status.h"

namespace secsched::requests {

absl::StatusOr<Team> Teams::Create(const auth::Caller& caller, const Team& team) {
  FieldValidator v;
  v.Require(api::IsValidId(team.team_id), "team_id",
            "is required: 1-63 characters of a-z, 0-9 and -");
  v.Require(!team.display_name.empty() && team.display_name.size() <= 200, "team.display_name",
            "is required (at most 200 characters)");
  if (absl::Status valid = v.Finish("The team has invalid fields."); !valid.ok()) return valid;
  if (absl::Status allowed = access::AuthorizeCalendarAccess(
          caller, team.calendar_id, access::Mode::kWrite, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  return repository_.Create(team);
}

absl::StatusOr<api::Page<Team>> Teams::List(const auth::Caller& caller,
                                            std::string_view calendar_id, std::string_view after,
                                            int page_size) {
  if (absl::Status allowed = access::AuthorizeCalendarAccess(
          caller, calendar_id, access::Mode::kRead, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  return repository_.List(calendar_id, after, page_size);
}

absl::Status Teams::Delete(const auth::Caller& caller, std::string_view calendar_id,
                           std::string_view team_id) {
  if (absl::Status allowed = access::AuthorizeCalendarAccess(
          caller, calendar_id, access::Mode::kWrite, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  return repository_.Delete(calendar_id, team_id);
}

}  // namespace secsched::requests
