// Setting up a calendar: its terms, period schedule and instructional days. Each part is
// replaced whole, in one transaction (see catalog.proto for why), after the caller's write
// access at the calendar's school is checked and the input validated against the calendar's
// school year. SUBMITTED and APPROVED calendars refuse changes (FAILED_PRECONDITION).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/authorize.h"
#include "common/auth/caller.h"
#include "services/catalog/domain/calendar.h"

namespace secsched::catalog {

// A page of a calendar's school days, with the pattern they come from and whole-year totals.
struct DaysPage {
  std::optional<DayPattern> pattern;
  std::vector<SchoolDay> days;
  std::string next_after;  // ISO date of the last day returned when more follow, else ""
  InstructionalTotals totals;
};

class CalendarSetups {
 public:
  CalendarSetups(CalendarRepository& repository, access::AccessChecker& access)
      : repository_(repository), access_(access) {}

  absl::StatusOr<TermSet> ReplaceTerms(const auth::Caller& caller, std::string_view calendar_id,
                                       TermStructure structure,
                                       const std::vector<TermInput>& terms);
  // nullopt when the calendar has no terms yet.
  absl::StatusOr<std::optional<TermSet>> Terms(const auth::Caller& caller,
                                               std::string_view calendar_id);

  absl::StatusOr<PeriodSchedule> ReplacePeriodSchedule(const auth::Caller& caller,
                                                       std::string_view calendar_id,
                                                       const PeriodScheduleInput& input);
  absl::StatusOr<PeriodSchedule> PeriodScheduleOf(const auth::Caller& caller,
                                                  std::string_view calendar_id);

  // Replaces the day pattern; returns the first page of `page_size` days.
  absl::StatusOr<DaysPage> SetDays(const auth::Caller& caller, std::string_view calendar_id,
                                   const DayPatternInput& input, int page_size);
  absl::StatusOr<DaysPage> Days(const auth::Caller& caller, std::string_view calendar_id,
                                const api::PageRequest& page);

 private:
  absl::StatusOr<Calendar> Authorized(const auth::Caller& caller, std::string_view calendar_id,
                                      access::Mode mode);

  CalendarRepository& repository_;
  access::AccessChecker& access_;
};

// The page of `days` (in date order) after ISO date `after`, of at most `size` days.
DaysPage PageOfDays(const CalendarSetup& setup, std::string_view after, int size);

}  // namespace secsched::catalog
