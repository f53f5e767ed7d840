#include "services/access/domain/staff.h"

#include "common/api/resource_name.h"
#include "common/status/status.h"

namespace secsched::access {

absl::Status ValidateStaff(const StaffMember& staff) {
  FieldValidator v;
  v.Require(api::IsValidId(staff.staff_id), "staff.staff_id",
            "is required: 1-63 characters of a-z, 0-9 and -");
  v.Require(!staff.display_name.empty() && staff.display_name.size() <= 200, "staff.display_name",
            "is required (at most 200 characters)");
  const size_t at = staff.email.find('@');
  v.Require(
      at != std::string::npos && at > 0 && at + 1 < staff.email.size() && staff.email.size() <= 254,
      "staff.email", "must be an email address");
  return v.Finish("The staff member has invalid fields.");
}

}  // namespace secsched::access
