#include "services/catalog/domain/calendar_setup.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"
#include "common/status/strings.h"

namespace secsched::catalog {
namespace {

constexpr size_t kMaxNameLength = 100;

std::string Indexed(std::string_view list, size_t i, std::string_view field) {
  return absl::StrCat(ToAbsl(list), "[", i, "].", ToAbsl(field));
}

// Parses `text` as a date inside `year`, recording a violation on `field` otherwise.
std::optional<Date> DateIn(FieldValidator& v, std::string_view text, const DateRange& year,
                           std::string_view field) {
  absl::StatusOr<Date> date = ParseIsoDate(text);
  if (!date.ok()) {
    v.Add(field, "must be a date written YYYY-MM-DD");
    return std::nullopt;
  }
  if (!year.Contains(*date)) {
    v.Add(field, absl::StrCat("must lie inside the school year (", FormatIsoDate(year.first),
                              " .. ", FormatIsoDate(year.last), ")"));
    return std::nullopt;
  }
  return *date;
}

}  // namespace

int TermCount(TermStructure structure) {
  switch (structure) {
    case TermStructure::kSemesters:
      return 2;
    case TermStructure::kTrimesters:
      return 3;
    case TermStructure::kQuarters:
      return 4;
  }
  return 0;
}

std::string TermId(TermStructure structure, int index) {
  const char* prefix = structure == TermStructure::kSemesters    ? "s"
                       : structure == TermStructure::kTrimesters ? "t"
                                                                 : "q";
  return absl::StrCat(prefix, index + 1);
}

std::string DefaultTermName(TermStructure structure, int index) {
  const char* kind = structure == TermStructure::kSemesters    ? "Semester"
                     : structure == TermStructure::kTrimesters ? "Trimester"
                                                               : "Quarter";
  return absl::StrCat(kind, " ", index + 1);
}

absl::StatusOr<TermSet> ValidateTerms(std::string_view school_year, TermStructure structure,
                                      const std::vector<TermInput>& terms) {
  FieldValidator v;
  const int count = TermCount(structure);
  v.Require(static_cast<int>(terms.size()) == count, "terms",
            absl::StrCat("must hold exactly ", count, " terms for this structure (", terms.size(),
                         " given)"));
  const DateRange year = SchoolYearDates(school_year);
  TermSet set{.structure = structure};
  std::optional<Date> previous_end;
  for (size_t i = 0; i < terms.size(); ++i) {
    const TermInput& in = terms[i];
    v.Require(in.display_name.size() <= kMaxNameLength, Indexed("terms", i, "display_name"),
              "must be at most 100 characters");
    std::optional<Date> start = DateIn(v, in.start_date, year, Indexed("terms", i, "start_date"));
    std::optional<Date> end = DateIn(v, in.end_date, year, Indexed("terms", i, "end_date"));
    if (start && end &&
        !v.Require(*start <= *end, Indexed("terms", i, "end_date"),
                   "must not be before start_date")) {
      end.reset();
    }
    if (start && previous_end) {
      v.Require(
          *start > *previous_end, Indexed("terms", i, "start_date"),
          absl::StrCat("must be after the previous term's end (", FormatIsoDate(*previous_end),
                       "): terms are in date order and do not overlap"));
    }
    previous_end = end;
    if (start && end) {
      set.terms.push_back(Term{.id = TermId(structure, static_cast<int>(i)),
                               .display_name = in.display_name.empty()
                                                   ? DefaultTermName(structure, static_cast<int>(i))
                                                   : in.display_name,
                               .start = *start,
                               .end = *end});
    }
  }
  if (absl::Status s = v.Finish("The terms are invalid."); !s.ok()) return s;
  return set;
}

absl::StatusOr<PeriodSchedule> ValidatePeriodSchedule(const PeriodScheduleInput& input) {
  FieldValidator v;
  PeriodSchedule schedule;
  std::map<std::string, size_t> rotation_index;
  v.Require(input.day_types.size() <= 10, "period_schedule.day_types", "must be at most 10");
  for (size_t i = 0; i < input.day_types.size(); ++i) {
    const DayType& type = input.day_types[i];
    const std::string field = Indexed("period_schedule.day_types", i, "id");
    if (v.Require(api::IsValidId(type.id), field, "must be 1-63 characters of a-z, 0-9 and -") &&
        v.Require(!rotation_index.contains(type.id), field, "is listed twice")) {
      rotation_index[type.id] = i;
    }
    v.Require(type.display_name.size() <= kMaxNameLength,
              Indexed("period_schedule.day_types", i, "display_name"),
              "must be at most 100 characters");
    schedule.day_types.push_back(
        {.id = type.id, .display_name = type.display_name.empty() ? type.id : type.display_name});
  }
  v.Require(input.periods.size() <= 200, "period_schedule.periods", "must be at most 200");
  std::set<std::pair<std::string, int>> numbers;
  for (size_t i = 0; i < input.periods.size(); ++i) {
    const PeriodInput& in = input.periods[i];
    auto field = [&](std::string_view name) { return Indexed("period_schedule.periods", i, name); };
    v.Require(in.number >= 1 && in.number <= 20, field("number"), "must be 1..20");
    v.Require(in.display_name.size() <= kMaxNameLength, field("display_name"),
              "must be at most 100 characters");
    if (input.day_types.empty()) {
      v.Require(in.day_type.empty(), field("day_type"),
                "must be empty: the schedule has no day types");
    } else {
      v.Require(rotation_index.contains(in.day_type), field("day_type"),
                "must name one of the schedule's day types");
    }
    v.Require(numbers.insert({in.day_type, in.number}).second, field("number"),
              "is used twice in the same day type");
    absl::StatusOr<int> start = ParseClockTime(in.start_time);
    absl::StatusOr<int> end = ParseClockTime(in.end_time);
    v.Require(start.ok(), field("start_time"), "must be a time written HH:MM");
    v.Require(end.ok(), field("end_time"), "must be a time written HH:MM");
    if (start.ok() && end.ok() &&
        v.Require(*start < *end, field("end_time"), "must be after start_time")) {
      schedule.periods.push_back(Period{.day_type = in.day_type,
                                        .number = in.number,
                                        .display_name = in.display_name.empty()
                                                            ? absl::StrCat("Period ", in.number)
                                                            : in.display_name,
                                        .start_minute = *start,
                                        .end_minute = *end});
    }
  }
  if (!v.empty()) return v.Finish("The period schedule is invalid.");
  // Overlaps and day types without periods, on the parsed periods ordered by rotation and time.
  std::stable_sort(schedule.periods.begin(), schedule.periods.end(),
                   [&](const Period& a, const Period& b) {
                     const size_t ra = rotation_index[a.day_type], rb = rotation_index[b.day_type];
                     return ra != rb ? ra < rb : a.start_minute < b.start_minute;
                   });
  for (size_t i = 1; i < schedule.periods.size(); ++i) {
    const Period& before = schedule.periods[i - 1];
    const Period& after = schedule.periods[i];
    if (before.day_type == after.day_type && after.start_minute < before.end_minute) {
      v.Add("period_schedule.periods",
            absl::StrCat("period ", after.number, " overlaps period ", before.number,
                         before.day_type.empty() ? "" : " on day type ", before.day_type));
    }
  }
  for (const DayType& type : schedule.day_types) {
    const bool has_period = std::any_of(schedule.periods.begin(), schedule.periods.end(),
                                        [&](const Period& p) { return p.day_type == type.id; });
    if (!has_period) {
      v.Add("period_schedule.periods", absl::StrCat("day type ", type.id, " has no periods"));
    }
  }
  if (absl::Status s = v.Finish("The period schedule is invalid."); !s.ok()) return s;
  return schedule;
}

absl::StatusOr<DayPattern> ValidateDayPattern(std::string_view school_year,
                                              const DayPatternInput& input) {
  FieldValidator v;
  const DateRange year = SchoolYearDates(school_year);
  std::optional<Date> first = DateIn(v, input.first_day, year, "days.first_day");
  std::optional<Date> last = DateIn(v, input.last_day, year, "days.last_day");
  if (first && last) v.Require(*first <= *last, "days.last_day", "must not be before first_day");
  std::set<int> weekdays;
  v.Require(!input.weekdays.empty(), "days.weekdays", "must list at least one weekday");
  for (size_t i = 0; i < input.weekdays.size(); ++i) {
    const int day = input.weekdays[i];
    const std::string field = absl::StrCat("days.weekdays[", i, "]");
    if (v.Require(day >= 1 && day <= 7, field, "must be 1 (Monday) .. 7 (Sunday)")) {
      v.Require(weekdays.insert(day).second, field, "is listed twice");
    }
  }
  DayPattern pattern{.weekdays = {weekdays.begin(), weekdays.end()}};
  std::set<Date> holiday_dates;
  for (size_t i = 0; i < input.holidays.size(); ++i) {
    const HolidayInput& in = input.holidays[i];
    const std::string field = Indexed("days.holidays", i, "date");
    v.Require(!in.display_name.empty() && in.display_name.size() <= kMaxNameLength,
              Indexed("days.holidays", i, "display_name"), "is required (at most 100 characters)");
    std::optional<Date> date = DateIn(v, in.date, year, field);
    if (!date) continue;
    if (first && last &&
        !v.Require(*first <= *date && *date <= *last, field,
                   "must lie between first_day and last_day")) {
      continue;
    }
    if (!v.Require(weekdays.contains(IsoWeekday(*date)), field,
                   "must fall on a school weekday of the pattern")) {
      continue;
    }
    if (v.Require(holiday_dates.insert(*date).second, field, "is listed twice")) {
      pattern.holidays.push_back({.date = *date, .display_name = in.display_name});
    }
  }
  if (absl::Status s = v.Finish("The instructional days are invalid."); !s.ok()) return s;
  pattern.first_day = *first;
  pattern.last_day = *last;
  std::sort(pattern.holidays.begin(), pattern.holidays.end(),
            [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return pattern;
}

int MinutesOn(const PeriodSchedule& schedule, std::string_view day_type) {
  int minutes = 0;
  for (const Period& p : schedule.periods) {
    if (p.day_type == day_type) minutes += p.end_minute - p.start_minute;
  }
  return minutes;
}

std::vector<SchoolDay> ExpandDays(const DayPattern& pattern, const PeriodSchedule& schedule) {
  std::map<Date, std::string> holidays;
  for (const Holiday& h : pattern.holidays) holidays[h.date] = h.display_name;
  std::vector<int> minutes_by_type;
  for (const DayType& t : schedule.day_types) minutes_by_type.push_back(MinutesOn(schedule, t.id));
  const int plain_minutes = MinutesOn(schedule, "");
  std::vector<SchoolDay> days;
  size_t rotation = 0;
  for (std::chrono::sys_days d = pattern.first_day; d <= std::chrono::sys_days(pattern.last_day);
       d += std::chrono::days(1)) {
    const Date date(d);
    if (!std::binary_search(pattern.weekdays.begin(), pattern.weekdays.end(), IsoWeekday(date))) {
      continue;
    }
    if (auto it = holidays.find(date); it != holidays.end()) {
      days.push_back({.date = date, .instructional = false, .holiday = it->second});
      continue;
    }
    SchoolDay day{.date = date, .instructional = true, .minutes = plain_minutes};
    if (!schedule.day_types.empty()) {
      const size_t k = rotation++ % schedule.day_types.size();
      day.day_type = schedule.day_types[k].id;
      day.minutes = minutes_by_type[k];
    }
    days.push_back(std::move(day));
  }
  return days;
}

InstructionalTotals TotalsOf(const std::vector<SchoolDay>& days) {
  InstructionalTotals totals;
  for (const SchoolDay& d : days) {
    if (!d.instructional) continue;
    ++totals.days;
    totals.minutes += d.minutes;
  }
  return totals;
}

CalendarSetup ShiftSetupOneYear(const CalendarSetup& setup) {
  CalendarSetup next = setup;
  if (next.terms) {
    for (Term& t : next.terms->terms) {
      t.start = ShiftOneYear(t.start);
      t.end = ShiftOneYear(t.end);
    }
  }
  if (next.days) {
    next.days->first_day = ShiftOneYear(next.days->first_day);
    next.days->last_day = ShiftOneYear(next.days->last_day);
    std::vector<Holiday> shifted;
    for (const Holiday& h : next.days->holidays) {
      const Date date = ShiftOneYear(h.date);
      // February 28 and 29 both land on February 28: keep the first.
      if (shifted.empty() || shifted.back().date != date) {
        shifted.push_back({.date = date, .display_name = h.display_name});
      }
    }
    next.days->holidays = std::move(shifted);
  }
  return next;
}

}  // namespace secsched::catalog
