// Trials: versions of one calendar's schedule. Plain values and the rules to create/read them.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/access/calendar_schools.h"
#include "common/auth/caller.h"

namespace secsched::sectioning {

struct TrialKey {
  std::string calendar_id;
  std::string trial_id;
};

struct Trial {
  TrialKey key;
  std::string display_name;
  std::string creator;
  int section_count = 0;
  std::chrono::system_clock::time_point create_time;
};

class TrialRepository {
 public:
  virtual ~TrialRepository() = default;
  // A non-empty request_id seen before returns the first result.
  virtual absl::StatusOr<Trial> Create(const Trial& trial, std::string_view request_id) = 0;
  virtual absl::StatusOr<Trial> Get(const TrialKey& key) = 0;  // NOT_FOUND
};

struct NewTrial {
  std::string calendar_id;
  std::string trial_id;  // optional; generated when empty
  std::string display_name;
  std::string request_id;
};

class Trials {
 public:
  Trials(TrialRepository& repository, access::CalendarSchools& schools,
         access::AccessChecker& access)
      : repository_(repository), schools_(schools), access_(access) {}

  // Both: PERMISSION_DENIED unless the caller may schedule at the calendar's school.

  absl::StatusOr<Trial> Create(const auth::Caller& caller, const NewTrial& request);
  absl::StatusOr<Trial> Get(const auth::Caller& caller, const TrialKey& key);

 private:
  TrialRepository& repository_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
};

}  // namespace secsched::sectioning
