// Staff members as the HR feed reports them.
#pragma once

#include <chrono>
#include <string>

#include "absl/status/status.h"

namespace secsched::access {

enum class EmploymentState { kActive, kDeparted };

struct StaffMember {
  std::string staff_id;  // HR employee id
  std::string display_name;
  std::string email;
  EmploymentState employment_state = EmploymentState::kActive;
  std::chrono::system_clock::time_point update_time;
};

// INVALID_ARGUMENT with field violations (staff.staff_id, staff.display_name, staff.email).
absl::Status ValidateStaff(const StaffMember& staff);

}  // namespace secsched::access
