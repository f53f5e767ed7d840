#include "services/access/domain/staff.h"

#include "common/access/authorize.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"

namespace secsched::access {
namespace {

absl::Status Validate(const StaffMember& staff) {
  FieldValidator v;
  v.Require(api::IsValidId(staff.staff_id), "staff.staff_id",
            "is required: 1-63 characters of a-z, 0-9 and -");
  v.Require(!staff.display_name.empty() && staff.display_name.size() <= 200,
            "staff.display_name", "is required (at most 200 characters)");
  const size_t at = staff.email.find('@');
  v.Require(at != std::string::npos && at > 0 && at + 1 < staff.email.size() &&
                staff.email.size() <= 254,
            "staff.email", "must be an email address");
  return v.Finish("The staff member has invalid fields.");
}

}  // namespace

absl::StatusOr<StaffMember> StaffDirectory::Upsert(const auth::Caller& caller,
                                                   const StaffMember& staff) {
  if (absl::Status allowed = RequireAnyScope(caller, {auth::kScopeHrFeed, auth::kScopeAdmin});
      !allowed.ok()) {
    return allowed;
  }
  if (absl::Status valid = Validate(staff); !valid.ok()) return valid;
  return repository_.Upsert(staff);
}

absl::StatusOr<StaffMember> StaffDirectory::Get(const auth::Caller& caller,
                                                std::string_view staff_id) {
  const bool self = !caller.service_account && caller.subject == staff_id;
  if (!self) {
    absl::Status allowed = RequireAnyScope(caller, {auth::kScopeReader, auth::kScopeScheduler,
                                                    auth::kScopeHrFeed, auth::kScopeAdmin});
    if (!allowed.ok()) return allowed;
  }
  return repository_.Get(staff_id);
}

}  // namespace secsched::access
