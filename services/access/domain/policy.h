// The district's access policy as pure date arithmetic: recertification cycles, certification
// validity, the recertification window and business days for the grant SLA.
//
// Every function takes dates (std::chrono::year_month_day, the district's local calendar day);
// nothing here reads a clock. All numbers come from AccessPolicy, whose defaults are the
// district's published rules (see docs/access.md).
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace secsched::access {

using Date = std::chrono::year_month_day;

struct AccessPolicy {
  // The first recertification cycle ends here; every completion before it belongs to it (the
  // district started two-year cycles in SY 2024-25, so there is no earlier cycle to count).
  Date first_cycle_end = std::chrono::year(2026) / std::chrono::June / 30;
  // Cycles end every `cycle_length_years` school years on the school-year end (June 30).
  int cycle_length_years = 2;
  std::chrono::month_day school_year_end = std::chrono::June / 30;
  // A completion on or after this day of a cycle's last school year counts for the next cycle.
  std::chrono::month_day window_opening = std::chrono::January / 1;
  std::set<std::chrono::sys_days> holidays;  // district holidays (not business days)
  int grant_sla_business_days = 2;
};

// INVALID_ARGUMENT when the numbers cannot describe a calendar (cycle length < 1, Feb 29 as a
// yearly day, a first cycle end that is not on the school-year end).
absl::Status ValidatePolicy(const AccessPolicy& policy);

// The end of the cycle that contains `day`: the first cycle end on or after it (every day up
// to the first cycle end belongs to the first cycle).
Date CycleEndContaining(const AccessPolicy& policy, Date day);

// The day the recertification window of the cycle ending `cycle_end` opens: the last
// `window_opening` day on or before cycle_end (January 1, 2026 for the cycle ending June 30,
// 2026).
Date RecertificationWindowOpens(const AccessPolicy& policy, Date cycle_end);

// The cycle rule: a Secondary Scheduling completion is valid until the end of the cycle in
// which it was completed, or of the next one when completed in the recertification window.
Date CertificationValidUntil(const AccessPolicy& policy, Date completed_on);

// Access lasts through the whole of `valid_until` (the district removes it "at the end of
// June 30"), so it is still valid on that day and expired from the next.
bool StillValidOn(Date valid_until, Date day);

bool IsBusinessDay(const AccessPolicy& policy, Date day);  // Mon-Fri and not a holiday

// `count` business days after `day` (day itself does not count): Friday + 2 = Tuesday.
Date AddBusinessDays(const AccessPolicy& policy, Date day, int count);

// The last day a grant may happen on without breaking the SLA when the last requirement
// arrived on `requirements_met_on`: the end of the second full business day after it.
Date GrantSlaDeadline(const AccessPolicy& policy, Date requirements_met_on);
bool BreaksGrantSla(const AccessPolicy& policy, Date requirements_met_on, Date granted_on);

// "2026-06-30" and back (INVALID_ARGUMENT for anything else, including 2026-02-30).
std::string FormatDate(Date day);
absl::StatusOr<Date> ParseDate(std::string_view text);
// "07-01" (month-day, for settings); Feb 29 is refused because it does not occur every year.
absl::StatusOr<std::chrono::month_day> ParseMonthDay(std::string_view text);

}  // namespace secsched::access
