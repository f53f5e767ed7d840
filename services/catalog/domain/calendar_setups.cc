#include "services/catalog/domain/calendar_setups.h"

#include <algorithm>

namespace secsched::catalog {

absl::StatusOr<Calendar> CalendarSetups::Authorized(const auth::Caller& caller,
                                                    std::string_view calendar_id,
                                                    access::Mode mode) {
  absl::StatusOr<Calendar> calendar = repository_.Get(calendar_id);
  if (!calendar.ok()) return calendar.status();
  if (absl::Status allowed =
          access::AuthorizeSchoolAccess(caller, calendar->school_id, mode, access_);
      !allowed.ok()) {
    return allowed;
  }
  return calendar;
}

absl::StatusOr<TermSet> CalendarSetups::ReplaceTerms(const auth::Caller& caller,
                                                     std::string_view calendar_id,
                                                     TermStructure structure,
                                                     const std::vector<TermInput>& terms) {
  absl::StatusOr<Calendar> calendar = Authorized(caller, calendar_id, access::Mode::kWrite);
  if (!calendar.ok()) return calendar.status();
  absl::StatusOr<TermSet> set = ValidateTerms(calendar->school_year, structure, terms);
  if (!set.ok()) return set.status();
  if (absl::Status s = repository_.ReplaceTerms(calendar_id, *set); !s.ok()) return s;
  return set;
}

absl::StatusOr<std::optional<TermSet>> CalendarSetups::Terms(const auth::Caller& caller,
                                                             std::string_view calendar_id) {
  absl::StatusOr<Calendar> calendar = Authorized(caller, calendar_id, access::Mode::kRead);
  if (!calendar.ok()) return calendar.status();
  absl::StatusOr<CalendarSetup> setup = repository_.GetSetup(calendar_id);
  if (!setup.ok()) return setup.status();
  return setup->terms;
}

absl::StatusOr<PeriodSchedule> CalendarSetups::ReplacePeriodSchedule(
    const auth::Caller& caller, std::string_view calendar_id, const PeriodScheduleInput& input) {
  absl::StatusOr<Calendar> calendar = Authorized(caller, calendar_id, access::Mode::kWrite);
  if (!calendar.ok()) return calendar.status();
  absl::StatusOr<PeriodSchedule> schedule = ValidatePeriodSchedule(input);
  if (!schedule.ok()) return schedule.status();
  if (absl::Status s = repository_.ReplacePeriodSchedule(calendar_id, *schedule); !s.ok()) return s;
  return schedule;
}

absl::StatusOr<PeriodSchedule> CalendarSetups::PeriodScheduleOf(const auth::Caller& caller,
                                                                std::string_view calendar_id) {
  absl::StatusOr<Calendar> calendar = Authorized(caller, calendar_id, access::Mode::kRead);
  if (!calendar.ok()) return calendar.status();
  absl::StatusOr<CalendarSetup> setup = repository_.GetSetup(calendar_id);
  if (!setup.ok()) return setup.status();
  return setup->periods;
}

absl::StatusOr<DaysPage> CalendarSetups::SetDays(const auth::Caller& caller,
                                                 std::string_view calendar_id,
                                                 const DayPatternInput& input, int page_size) {
  absl::StatusOr<Calendar> calendar = Authorized(caller, calendar_id, access::Mode::kWrite);
  if (!calendar.ok()) return calendar.status();
  absl::StatusOr<DayPattern> pattern = ValidateDayPattern(calendar->school_year, input);
  if (!pattern.ok()) return pattern.status();
  if (absl::Status s = repository_.ReplaceDayPattern(calendar_id, *pattern); !s.ok()) return s;
  absl::StatusOr<CalendarSetup> setup = repository_.GetSetup(calendar_id);
  if (!setup.ok()) return setup.status();
  return PageOfDays(*setup, "", page_size);
}

absl::StatusOr<DaysPage> CalendarSetups::Days(const auth::Caller& caller,
                                              std::string_view calendar_id,
                                              const api::PageRequest& page) {
  absl::StatusOr<Calendar> calendar = Authorized(caller, calendar_id, access::Mode::kRead);
  if (!calendar.ok()) return calendar.status();
  absl::StatusOr<CalendarSetup> setup = repository_.GetSetup(calendar_id);
  if (!setup.ok()) return setup.status();
  return PageOfDays(*setup, page.after, page.size);
}

DaysPage PageOfDays(const CalendarSetup& setup, std::string_view after, int size) {
  DaysPage page{.pattern = setup.days};
  if (!setup.days) return page;
  std::vector<SchoolDay> all = ExpandDays(*setup.days, setup.periods);
  page.totals = TotalsOf(all);
  auto it = all.begin();
  if (!after.empty()) {
    it = std::find_if(all.begin(), all.end(),
                      [&](const SchoolDay& d) { return FormatIsoDate(d.date) > after; });
  }
  for (; it != all.end() && static_cast<int>(page.days.size()) < size; ++it) {
    page.days.push_back(*it);
  }
  if (it != all.end() && !page.days.empty()) page.next_after = FormatIsoDate(page.days.back().date);
  return page;
}

}  // namespace secsched::catalog
