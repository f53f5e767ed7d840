// Staff members as the HR feed reports them.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/auth/caller.h"

namespace secsched::access {

enum class EmploymentState { kActive, kDeparted };

struct StaffMember {
  std::string staff_id;  // HR employee id
  std::string display_name;
  std::string email;
  EmploymentState employment_state = EmploymentState::kActive;
  std::chrono::system_clock::time_point update_time;
};

class StaffRepository {
 public:
  virtual ~StaffRepository() = default;
  virtual absl::StatusOr<StaffMember> Upsert(const StaffMember& staff) = 0;
  virtual absl::StatusOr<StaffMember> Get(std::string_view staff_id) = 0;  // NOT_FOUND
};

class StaffDirectory {
 public:
  explicit StaffDirectory(StaffRepository& repository) : repository_(repository) {}

  // HR feed only (scope hr-feed). INVALID_ARGUMENT with field violations.
  absl::StatusOr<StaffMember> Upsert(const auth::Caller& caller, const StaffMember& staff);
  // A person may read their own record; service accounts need reader, scheduler, hr-feed or admin.
  absl::StatusOr<StaffMember> Get(const auth::Caller& caller, std::string_view staff_id);

 private:
  StaffRepository& repository_;
};

}  // namespace secsched::access
