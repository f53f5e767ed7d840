// What a calendar is made of besides its name: terms, the period schedule (with an optional
// day-type rotation) and the instructional-day pattern. Plain values, the rules that validate a
// caller's input into them (field violations named as in the API request), and the pure
// functions the roll-over and the submission check use.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/catalog/domain/calendar_dates.h"

namespace secsched::catalog {

enum class TermStructure { kSemesters, kTrimesters, kQuarters };

struct Term {
  std::string id;  // s1 s2 | t1 t2 t3 | q1 .. q4
  std::string display_name;
  Date start;
  Date end;  // inclusive
};

struct TermSet {
  TermStructure structure = TermStructure::kSemesters;
  std::vector<Term> terms;  // in date order
};

struct DayType {
  std::string id;            // "a"
  std::string display_name;  // "A day"
};

struct Period {
  std::string day_type;  // "" when the schedule has no day types
  int number = 0;
  std::string display_name;
  int start_minute = 0;  // minutes after midnight
  int end_minute = 0;
};

struct PeriodSchedule {
  std::vector<DayType> day_types;  // rotation order; empty = one kind of day
  std::vector<Period> periods;     // ordered by day type (rotation order), then start
};

struct Holiday {
  Date date;
  std::string display_name;
};

struct DayPattern {
  Date first_day;
  Date last_day;
  std::vector<int> weekdays;      // ISO: 1 = Monday .. 7 = Sunday, ascending
  std::vector<Holiday> holidays;  // ascending by date
};

struct CalendarSetup {
  std::optional<TermSet> terms;
  PeriodSchedule periods;
  std::optional<DayPattern> days;
};

// One school day of the pattern.
struct SchoolDay {
  Date date;
  bool instructional = false;
  std::string day_type;  // the rotation's day type on instructional days
  std::string holiday;   // the name, on holidays
  int minutes = 0;       // instructional minutes
};

// --- Caller input (text as it arrives), validated into the values above. --------------------

struct TermInput {
  std::string display_name;
  std::string start_date;
  std::string end_date;
};
struct PeriodInput {
  int number = 0;
  std::string display_name;
  std::string day_type;
  std::string start_time;
  std::string end_time;
};
struct PeriodScheduleInput {
  std::vector<DayType> day_types;
  std::vector<PeriodInput> periods;
};
struct HolidayInput {
  std::string date;
  std::string display_name;
};
struct DayPatternInput {
  std::string first_day;
  std::string last_day;
  std::vector<int> weekdays;
  std::vector<HolidayInput> holidays;
};

// How many terms a structure has (2, 3, 4) and their ids and default names.
int TermCount(TermStructure structure);
std::string TermId(TermStructure structure, int index);           // 0-based index → "s1"
std::string DefaultTermName(TermStructure structure, int index);  // "Semester 1"

// INVALID_ARGUMENT with a violation per problem ("terms[1].start_date", ...): the count the
// structure needs, dates that parse, start ≤ end, inside the school year, in order and not
// overlapping.
absl::StatusOr<TermSet> ValidateTerms(std::string_view school_year, TermStructure structure,
                                      const std::vector<TermInput>& terms);

// INVALID_ARGUMENT ("period_schedule.periods[2].end_time", ...): day type ids valid and unique,
// periods 1..20 unique per day type, HH:MM times with start < end, no overlaps within a day type,
// day_type empty without day types and naming one with them, every day type with a period.
absl::StatusOr<PeriodSchedule> ValidatePeriodSchedule(const PeriodScheduleInput& input);

// INVALID_ARGUMENT ("days.first_day", "days.holidays[0].date", ...): dates inside the school
// year with first ≤ last, weekdays 1..7 (at least one, no repeats), holidays unique, named, on
// school days of the range.
absl::StatusOr<DayPattern> ValidateDayPattern(std::string_view school_year,
                                              const DayPatternInput& input);

// Instructional minutes of one day of `day_type` (the sum of its periods' lengths).
int MinutesOn(const PeriodSchedule& schedule, std::string_view day_type);

// Every school day of the pattern in date order: holidays, and instructional days with the
// schedule's day types in rotation (holidays do not advance it).
std::vector<SchoolDay> ExpandDays(const DayPattern& pattern, const PeriodSchedule& schedule);

struct InstructionalTotals {
  int days = 0;
  int minutes = 0;
};
InstructionalTotals TotalsOf(const std::vector<SchoolDay>& days);

// Next year's setup for the roll-over: every date one year later (ShiftOneYear), the same
// weekdays, periods and rotation.
CalendarSetup ShiftSetupOneYear(const CalendarSetup& setup);

}  // namespace secsched::catalog
