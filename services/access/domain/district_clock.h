// DistrictClock implementations: the district's time zone turns instants into calendar days
// (access ends "at the end of June 30" in Denver, not in UTC).
#pragma once

#include <atomic>
#include <functional>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/access/domain/repository.h"

namespace secsched::access {

// INVALID_ARGUMENT for an unknown IANA zone name ("America/Denver", "UTC").
absl::StatusOr<absl::TimeZone> LoadDistrictTimeZone(std::string_view name);

class ZonedDistrictClock : public DistrictClock {
 public:
  explicit ZonedDistrictClock(absl::TimeZone zone) : zone_(zone) {}
  Time Now() const override { return std::chrono::system_clock::now(); }
  Date LocalDate(Time t) const override;
  Time EndOfDay(Date day) const override;

 private:
  absl::TimeZone zone_;
};

// The injected clock of tests and benchmarks: time stands still until Set/Advance.
class ManualDistrictClock final : public ZonedDistrictClock {
 public:
  ManualDistrictClock(absl::TimeZone zone, Time start) : ZonedDistrictClock(zone) { Set(start); }
  Time Now() const override { return Time(std::chrono::microseconds(micros_.load())); }
  void Set(Time t) {
    micros_ = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  }
  void Advance(std::chrono::microseconds by) { micros_ += by.count(); }
  // Noon of `day` in the district, a convenient "some time that day".
  Time NoonOf(Date day) const;

 private:
  std::atomic<int64_t> micros_{0};
};

}  // namespace secsched::access
