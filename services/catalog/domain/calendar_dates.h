// Dates and clock times of school calendars: ISO dates ("2026-08-24"), school years
// ("2026-2027" = July 1 2026 .. June 30 2027), clock times ("08:05" as minutes after midnight),
// and the one-year shift the roll-over applies.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace secsched::catalog {

using Date = std::chrono::year_month_day;

// "2026-08-24" ⇄ Date. INVALID_ARGUMENT for anything else (including 2026-02-30).
absl::StatusOr<Date> ParseIsoDate(std::string_view text);
std::string FormatIsoDate(Date date);

// "2026-2027": two consecutive years, the first ≥ 2000.
bool IsValidSchoolYear(std::string_view text);
// The first and last day of a valid school year: July 1 and June 30.
struct DateRange {
  Date first;
  Date last;
  bool Contains(Date d) const { return first <= d && d <= last; }
};
DateRange SchoolYearDates(std::string_view school_year);
// "2026-2027" → "2027-2028" (for a valid school year).
std::string NextSchoolYear(std::string_view school_year);

// The same month and day one year later; February 29 becomes February 28. Deliberately not
// weekday-aware: Monday 2026-08-24 becomes Tuesday 2027-08-24; schools adjust the copy.
Date ShiftOneYear(Date date);

// "08:05" ⇄ minutes after midnight (0..1439). INVALID_ARGUMENT for anything else.
absl::StatusOr<int> ParseClockTime(std::string_view text);
std::string FormatClockTime(int minutes);

// ISO weekday numbers: 1 = Monday .. 7 = Sunday.
int IsoWeekday(Date date);

}  // namespace secsched::catalog
