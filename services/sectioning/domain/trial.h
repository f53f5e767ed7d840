// Trials: versions of one calendar's schedule. Plain values and the rules to create/read them.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
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
  explicit Trials(TrialRepository& repository) : repository_(repository) {}

  absl::StatusOr<Trial> Create(const auth::Caller& caller, const NewTrial& request);
  absl::StatusOr<Trial> Get(const auth::Caller& caller, const TrialKey& key);

 private:
  TrialRepository& repository_;
};

}  // namespace secsched::sectioning
