// Domain rules of calendars: dates and school years, term validation, period schedules, the
// instructional-day pattern, the submission state machine and requirements, the roll-over shift.
#include <gtest/gtest.h>

#include "common/config/config.h"
#include "common/status/status.h"
#include "services/catalog/catalog_settings.h"
#include "services/catalog/domain/calendar.h"
#include "services/catalog/domain/calendar_setup.h"
#include "services/catalog/domain/submission.h"

namespace secsched::catalog {
namespace {

using std::chrono::year;

Date D(int y, unsigned m, unsigned d) {
  return Date{year(y), std::chrono::month(m), std::chrono::day(d)};
}

std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

TEST(SchoolYear, MustBeTwoConsecutiveYears) {
  EXPECT_TRUE(IsValidSchoolYear("2026-2027"));
  EXPECT_FALSE(IsValidSchoolYear("2026-2026"));
  EXPECT_FALSE(IsValidSchoolYear("2026/2027"));
  EXPECT_FALSE(IsValidSchoolYear("26-27"));
  EXPECT_FALSE(IsValidSchoolYear("1999-2000"));
  EXPECT_EQ(NextSchoolYear("2026-2027"), "2027-2028");
  EXPECT_EQ(SchoolYearDates("2026-2027").first, D(2026, 7, 1));
  EXPECT_EQ(SchoolYearDates("2026-2027").last, D(2027, 6, 30));
}

TEST(Dates, ParseAndFormatRoundTripAndRefuseImpossibleDates) {
  EXPECT_EQ(FormatIsoDate(*ParseIsoDate("2026-08-24")), "2026-08-24");
  EXPECT_FALSE(ParseIsoDate("2026-02-30").ok());
  EXPECT_FALSE(ParseIsoDate("2026-8-24").ok());
  EXPECT_FALSE(ParseIsoDate("2026-08-24x").ok());
  EXPECT_EQ(*ParseClockTime("08:05"), 485);
  EXPECT_EQ(FormatClockTime(485), "08:05");
  EXPECT_FALSE(ParseClockTime("24:00").ok());
  EXPECT_FALSE(ParseClockTime("8:05").ok());
  EXPECT_EQ(IsoWeekday(D(2026, 8, 24)), 1);  // a Monday
}

TEST(RollOverShift, MovesEveryDateOneYearAndClampsLeapDays) {
  EXPECT_EQ(ShiftOneYear(D(2026, 8, 24)), D(2027, 8, 24));
  EXPECT_EQ(ShiftOneYear(D(2028, 2, 29)), D(2029, 2, 28));
  CalendarSetup setup;
  setup.terms = TermSet{.structure = TermStructure::kSemesters,
                        .terms = {{"s1", "Fall", D(2027, 8, 23), D(2027, 12, 17)},
                                  {"s2", "Spring", D(2028, 1, 4), D(2028, 2, 29)}}};
  setup.days =
      DayPattern{.first_day = D(2027, 8, 23),
                 .last_day = D(2028, 5, 26),
                 .weekdays = {1, 2, 3, 4, 5},
                 .holidays = {{D(2028, 2, 28), "Winter break"}, {D(2028, 2, 29), "Leap day"}}};
  setup.periods.periods = {{"", 1, "Period 1", 480, 530}};
  const CalendarSetup next = ShiftSetupOneYear(setup);
  EXPECT_EQ(next.terms->terms[0].start, D(2028, 8, 23));
  EXPECT_EQ(next.terms->terms[1].end, D(2029, 2, 28));
  EXPECT_EQ(next.days->first_day, D(2028, 8, 23));
  ASSERT_EQ(next.days->holidays.size(), 1u);  // Feb 28 and 29 land on the same day
  EXPECT_EQ(next.days->holidays[0].display_name, "Winter break");
  EXPECT_EQ(next.days->weekdays, setup.days->weekdays);
  EXPECT_EQ(next.periods.periods.size(), 1u);
}

TEST(NextYearName, AdvancesTheSchoolYearInTheName) {
  EXPECT_EQ(NextYearDisplayName("East High 2026-2027", "2026-2027"), "East High 2027-2028");
  EXPECT_EQ(NextYearDisplayName("East High 2026-27", "2026-2027"), "East High 2027-28");
  EXPECT_EQ(NextYearDisplayName("East High", "2026-2027"), "East High 2027-2028");
}

std::vector<TermInput> Semesters() {
  return {{"", "2026-08-24", "2026-12-18"}, {"", "2027-01-05", "2027-05-28"}};
}

TEST(Terms, ValidSemestersGetIdsAndDefaultNames) {
  absl::StatusOr<TermSet> set = ValidateTerms("2026-2027", TermStructure::kSemesters, Semesters());
  ASSERT_TRUE(set.ok()) << set.status();
  ASSERT_EQ(set->terms.size(), 2u);
  EXPECT_EQ(set->terms[0].id, "s1");
  EXPECT_EQ(set->terms[1].display_name, "Semester 2");
  EXPECT_EQ(set->terms[1].end, D(2027, 5, 28));
}

TEST(Terms, TheStructureFixesTheCount) {
  absl::StatusOr<TermSet> set = ValidateTerms("2026-2027", TermStructure::kQuarters, Semesters());
  EXPECT_EQ(FieldsOf(set.status()), std::vector<std::string>{"terms"});
  EXPECT_EQ(TermId(TermStructure::kTrimesters, 2), "t3");
}

TEST(Terms, MustLieInsideTheSchoolYear) {
  std::vector<TermInput> terms = Semesters();
  terms[0].start_date = "2026-06-30";  // the previous school year
  terms[1].end_date = "2027-07-01";
  absl::StatusOr<TermSet> set = ValidateTerms("2026-2027", TermStructure::kSemesters, terms);
  EXPECT_EQ(FieldsOf(set.status()),
            (std::vector<std::string>{"terms[0].start_date", "terms[1].end_date"}));
}

TEST(Terms, MustBeOrderedAndNotOverlap) {
  std::vector<TermInput> overlapping = Semesters();
  overlapping[1].start_date = "2026-12-18";  // the day the first ends
  EXPECT_EQ(FieldsOf(ValidateTerms("2026-2027", TermStructure::kSemesters, overlapping).status()),
            std::vector<std::string>{"terms[1].start_date"});
  std::vector<TermInput> reversed = {Semesters()[1], Semesters()[0]};
  EXPECT_EQ(FieldsOf(ValidateTerms("2026-2027", TermStructure::kSemesters, reversed).status()),
            std::vector<std::string>{"terms[1].start_date"});
  std::vector<TermInput> backwards = Semesters();
  backwards[0].end_date = "2026-08-01";
  EXPECT_EQ(FieldsOf(ValidateTerms("2026-2027", TermStructure::kSemesters, backwards).status()),
            std::vector<std::string>{"terms[0].end_date"});
}

TEST(Terms, ReportsEveryBadDate) {
  std::vector<TermInput> terms = {{"", "2026-13-01", "soon"}, {"", "", "2027-05-28"}};
  EXPECT_EQ(FieldsOf(ValidateTerms("2026-2027", TermStructure::kSemesters, terms).status()),
            (std::vector<std::string>{"terms[0].start_date", "terms[0].end_date",
                                      "terms[1].start_date"}));
}

PeriodScheduleInput AbSchedule() {
  return {.day_types = {{"a", "A day"}, {"b", "B day"}},
          .periods = {{1, "", "a", "08:00", "09:30"},
                      {2, "", "a", "09:40", "11:10"},
                      {1, "", "b", "08:00", "09:30"}}};
}

TEST(PeriodSchedules, AnABRotationIsValidAndOrderedByRotation) {
  PeriodScheduleInput input = AbSchedule();
  std::swap(input.periods[0], input.periods[2]);
  absl::StatusOr<PeriodSchedule> schedule = ValidatePeriodSchedule(input);
  ASSERT_TRUE(schedule.ok()) << schedule.status();
  EXPECT_EQ(schedule->periods[0].day_type, "a");
  EXPECT_EQ(schedule->periods[0].number, 1);
  EXPECT_EQ(schedule->periods[2].day_type, "b");
  EXPECT_EQ(MinutesOn(*schedule, "a"), 180);
  EXPECT_EQ(schedule->periods[1].display_name, "Period 2");
}

TEST(PeriodSchedules, RefusesOverlapsUnknownDayTypesAndBadTimes) {
  PeriodScheduleInput overlap = AbSchedule();
  overlap.periods[1].start_time = "09:00";
  EXPECT_EQ(FieldsOf(ValidatePeriodSchedule(overlap).status()),
            std::vector<std::string>{"period_schedule.periods"});
  PeriodScheduleInput bad = AbSchedule();
  bad.periods[0].day_type = "c";
  bad.periods[1].end_time = "09:00";  // before its start
  bad.periods[2].number = 0;
  EXPECT_EQ(FieldsOf(ValidatePeriodSchedule(bad).status()),
            (std::vector<std::string>{"period_schedule.periods[0].day_type",
                                      "period_schedule.periods[1].end_time",
                                      "period_schedule.periods[2].number"}));
  PeriodScheduleInput untyped = {.periods = {{1, "", "a", "08:00", "09:00"}}};
  EXPECT_EQ(FieldsOf(ValidatePeriodSchedule(untyped).status()),
            std::vector<std::string>{"period_schedule.periods[0].day_type"});
}

TEST(PeriodSchedules, EveryDayTypeNeedsAPeriodAndNumbersAreUniquePerDayType) {
  PeriodScheduleInput input = AbSchedule();
  input.periods.pop_back();  // b has none left
  EXPECT_EQ(FieldsOf(ValidatePeriodSchedule(input).status()),
            std::vector<std::string>{"period_schedule.periods"});
  PeriodScheduleInput twice = AbSchedule();
  twice.periods[1].number = 1;
  EXPECT_EQ(FieldsOf(ValidatePeriodSchedule(twice).status()),
            std::vector<std::string>{"period_schedule.periods[1].number"});
}

DayPatternInput Weekdays() {
  return {.first_day = "2026-08-24",
          .last_day = "2026-09-04",
          .weekdays = {1, 2, 3, 4, 5},
          .holidays = {{"2026-08-26", "Staff day"}}};
}

TEST(DayPatterns, ExpandIntoRotatedSchoolDaysWithHolidaysSkippingTheRotation) {
  absl::StatusOr<DayPattern> pattern = ValidateDayPattern("2026-2027", Weekdays());
  ASSERT_TRUE(pattern.ok()) << pattern.status();
  PeriodSchedule schedule = *ValidatePeriodSchedule(AbSchedule());
  std::vector<SchoolDay> days = ExpandDays(*pattern, schedule);
  ASSERT_EQ(days.size(), 10u);  // two weeks of weekdays
  EXPECT_EQ(days[0].day_type, "a");
  EXPECT_EQ(days[1].day_type, "b");
  EXPECT_FALSE(days[2].instructional);
  EXPECT_EQ(days[2].holiday, "Staff day");
  EXPECT_EQ(days[3].day_type, "a");  // the holiday did not advance the rotation
  EXPECT_EQ(days[3].minutes, 180);
  EXPECT_EQ(days[4].minutes, 90);
  const InstructionalTotals totals = TotalsOf(days);
  EXPECT_EQ(totals.days, 9);
  EXPECT_EQ(totals.minutes, 5 * 180 + 4 * 90);
}

TEST(DayPatterns, RefuseBadWeekdaysAndHolidaysOffTheSchoolDays) {
  DayPatternInput input = Weekdays();
  input.weekdays = {1, 1, 8};
  input.holidays = {{"2026-08-29", "Saturday"}, {"2026-10-01", "Later"}, {"2026-08-24", ""}};
  EXPECT_EQ(
      FieldsOf(ValidateDayPattern("2026-2027", input).status()),
      (std::vector<std::string>{"days.weekdays[1]", "days.weekdays[2]", "days.holidays[0].date",
                                "days.holidays[1].date", "days.holidays[2].display_name"}));
  DayPatternInput outside = Weekdays();
  outside.last_day = "2027-07-02";
  EXPECT_EQ(FieldsOf(ValidateDayPattern("2026-2027", outside).status()),
            std::vector<std::string>{"days.last_day"});
}

TEST(Submission, TheStateMachine) {
  using S = CalendarState;
  using A = CalendarAction;
  EXPECT_EQ(*NextState("c", S::kDraft, A::kSubmit), S::kSubmitted);
  EXPECT_EQ(*NextState("c", S::kReturned, A::kSubmit), S::kSubmitted);
  EXPECT_EQ(*NextState("c", S::kSubmitted, A::kApprove), S::kApproved);
  EXPECT_EQ(*NextState("c", S::kSubmitted, A::kReturn), S::kReturned);
  EXPECT_EQ(*NextState("c", S::kApproved, A::kReturn), S::kReturned);  // the district reopens
  for (auto [from, action] : std::vector<std::pair<S, A>>{{S::kSubmitted, A::kSubmit},
                                                          {S::kApproved, A::kSubmit},
                                                          {S::kDraft, A::kApprove},
                                                          {S::kReturned, A::kApprove},
                                                          {S::kApproved, A::kApprove},
                                                          {S::kDraft, A::kReturn},
                                                          {S::kReturned, A::kReturn}}) {
    absl::StatusOr<S> next = NextState("c", from, action);
    EXPECT_EQ(next.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_NE(std::string(next.status().message()).find(StateName(from)), std::string::npos);
  }
}

TEST(Submission, OnlyDraftAndReturnedCalendarsAreEditable) {
  EXPECT_TRUE(RequireEditable("c", CalendarState::kDraft).ok());
  EXPECT_TRUE(RequireEditable("c", CalendarState::kReturned).ok());
  EXPECT_EQ(RequireEditable("c", CalendarState::kSubmitted).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(RequireEditable("c", CalendarState::kApproved).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(Submission, ListsEveryUnmetRequirement) {
  std::vector<std::string> unmet = UnmetRequirements(CalendarSetup{}, SubmissionMinimums{});
  ASSERT_EQ(unmet.size(), 4u);
  EXPECT_EQ(unmet[0], "it has no terms");
  EXPECT_EQ(unmet[1], "it has no periods");
  EXPECT_EQ(unmet[2], "it has 0 instructional days (at least 170 are required)");

  CalendarSetup setup;
  setup.terms = *ValidateTerms("2026-2027", TermStructure::kSemesters, Semesters());
  setup.periods = *ValidatePeriodSchedule(AbSchedule());
  setup.days = *ValidateDayPattern("2026-2027", Weekdays());
  EXPECT_TRUE(
      UnmetRequirements(setup, {.instructional_days = 9, .instructional_minutes = 1260}).empty());
  unmet = UnmetRequirements(setup, {.instructional_days = 10, .instructional_minutes = 1261});
  EXPECT_EQ(unmet.size(), 2u);
}

TEST(District, AdminOrASchedulerServiceAccount) {
  EXPECT_TRUE(RequireDistrict(auth::MakeCaller("staff-1", "admin"), "x").ok());
  EXPECT_TRUE(RequireDistrict(auth::MakeCaller("service:district", "scheduler"), "x").ok());
  EXPECT_EQ(RequireDistrict(auth::MakeCaller("staff-1", "scheduler"), "x").code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(RequireDistrict(auth::MakeCaller("service:district", "reader"), "x").code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(CatalogSettings, MinimumsHaveDefaultsAndCanBeSet) {
  absl::StatusOr<Config> defaults = Config::Load(
      CatalogSettings(), {}, [](const std::string&) { return std::optional<std::string>(); });
  ASSERT_TRUE(defaults.ok()) << defaults.status();
  EXPECT_EQ(SubmissionMinimumsFromConfig(*defaults).instructional_days, 170);
  EXPECT_EQ(SubmissionMinimumsFromConfig(*defaults).instructional_minutes, 64800);
  absl::StatusOr<Config> set =
      Config::Load(CatalogSettings(), {"--min-instructional-days=180"},
                   [](const std::string& name) -> std::optional<std::string> {
                     if (name == "SECSCHED_MIN_INSTRUCTIONAL_MINUTES") return "60000";
                     return std::nullopt;
                   });
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(SubmissionMinimumsFromConfig(*set).instructional_days, 180);
  EXPECT_EQ(SubmissionMinimumsFromConfig(*set).instructional_minutes, 60000);
  EXPECT_FALSE(
      Config::Load(CatalogSettings(), {"--min-instructional-days=-1"}, [](const std::string&) {
        return std::optional<std::string>();
      }).ok());
}

}  // namespace
}  // namespace secsched::catalog
