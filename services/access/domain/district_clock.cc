#include "services/access/domain/district_clock.h"

#include <string>

#include "absl/time/civil_time.h"
#include "common/status/strings.h"

namespace secsched::access {
namespace {

absl::CivilDay ToCivil(Date day) {
  return absl::CivilDay(static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                        static_cast<unsigned>(day.day()));
}

}  // namespace

absl::StatusOr<absl::TimeZone> LoadDistrictTimeZone(std::string_view name) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(ToAbsl(name), &zone)) {
    return absl::InvalidArgumentError("Unknown time zone " + std::string(name) + ".");
  }
  return zone;
}

Date ZonedDistrictClock::LocalDate(Time t) const {
  const absl::CivilDay day = absl::ToCivilDay(absl::FromChrono(t), zone_);
  return std::chrono::year(static_cast<int>(day.year())) /
         std::chrono::month(static_cast<unsigned>(day.month())) /
         std::chrono::day(static_cast<unsigned>(day.day()));
}

Time ZonedDistrictClock::EndOfDay(Date day) const {
  return absl::ToChronoTime(absl::FromCivil(ToCivil(day) + 1, zone_));
}

Time ManualDistrictClock::NoonOf(Date day) const {
  return EndOfDay(Date(std::chrono::sys_days(day) - std::chrono::days(1))) + std::chrono::hours(12);
}

}  // namespace secsched::access
