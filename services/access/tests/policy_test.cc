// The cycle rule and business-day arithmetic (pure dates, no clock).
#include "services/access/domain/policy.h"

#include <gtest/gtest.h>

namespace secsched::access {
namespace {

using namespace std::chrono;

Date D(int y, unsigned m, unsigned d) { return year(y) / month(m) / day(d); }

struct CycleCase {
  Date completed;
  Date valid_until;
  const char* why;
};

TEST(CycleRule, DistrictExamplesAndBoundaries) {
  const AccessPolicy policy;  // the district's defaults
  const CycleCase cases[] = {
      {D(2023, 8, 15), D(2026, 6, 30), "district example: August 2023 lasts to June 30, 2026"},
      {D(2026, 3, 10), D(2028, 6, 30), "district example: recertified March 2026"},
      {D(2019, 5, 1), D(2026, 6, 30), "everything before the first cycle end is the first cycle"},
      {D(2024, 2, 29), D(2026, 6, 30), "leap day 2024 is not a cycle's last year"},
      {D(2025, 12, 31), D(2026, 6, 30), "the day before the window opens"},
      {D(2026, 1, 1), D(2028, 6, 30), "the window's first day counts for the next cycle"},
      {D(2026, 6, 30), D(2028, 6, 30), "the cycle's last day is in the window"},
      {D(2026, 7, 1), D(2028, 6, 30), "July 1 starts the next cycle (not its window)"},
      {D(2027, 12, 31), D(2028, 6, 30), "the day before the 2028 window"},
      {D(2028, 1, 1), D(2030, 6, 30), "the 2028 window opens"},
      {D(2028, 2, 29), D(2030, 6, 30), "leap day inside the 2028 window"},
      {D(2028, 7, 1), D(2030, 6, 30), "July 1, 2028 is in the cycle ending 2030"},
  };
  for (const CycleCase& c : cases) {
    EXPECT_EQ(CertificationValidUntil(policy, c.completed), c.valid_until)
        << FormatDate(c.completed) << ": " << c.why;
  }
}

TEST(CycleRule, AccessLastsThroughTheLastDayAndEndsTheNext) {
  const AccessPolicy policy;
  const Date until = CertificationValidUntil(policy, D(2023, 8, 15));
  EXPECT_TRUE(StillValidOn(until, D(2026, 6, 30)));
  EXPECT_FALSE(StillValidOn(until, D(2026, 7, 1)));
  EXPECT_TRUE(StillValidOn(CertificationValidUntil(policy, D(2026, 3, 10)), D(2026, 7, 1)));
}

TEST(CycleRule, CycleEndsEveryTwoSchoolYears) {
  const AccessPolicy policy;
  EXPECT_EQ(CycleEndContaining(policy, D(2026, 6, 30)), D(2026, 6, 30));
  EXPECT_EQ(CycleEndContaining(policy, D(2026, 7, 1)), D(2028, 6, 30));
  EXPECT_EQ(CycleEndContaining(policy, D(2029, 1, 1)), D(2030, 6, 30));
  EXPECT_EQ(RecertificationWindowOpens(policy, D(2028, 6, 30)), D(2028, 1, 1));
}

TEST(CycleRule, ConfiguredWindowAndCycleLength) {
  AccessPolicy policy;
  policy.window_opening = March / 1;
  EXPECT_EQ(CertificationValidUntil(policy, D(2026, 2, 28)), D(2026, 6, 30));
  EXPECT_EQ(CertificationValidUntil(policy, D(2026, 3, 1)), D(2028, 6, 30));
  // A window opening after the school-year end falls in the previous calendar year.
  policy.window_opening = September / 1;
  EXPECT_EQ(RecertificationWindowOpens(policy, D(2026, 6, 30)), D(2025, 9, 1));
  EXPECT_EQ(CertificationValidUntil(policy, D(2025, 8, 31)), D(2026, 6, 30));
  EXPECT_EQ(CertificationValidUntil(policy, D(2025, 9, 1)), D(2028, 6, 30));
  policy = AccessPolicy{};
  policy.cycle_length_years = 1;
  EXPECT_EQ(CertificationValidUntil(policy, D(2026, 8, 1)), D(2027, 6, 30));
  EXPECT_EQ(CertificationValidUntil(policy, D(2027, 1, 1)), D(2028, 6, 30));
}

TEST(CycleRule, PolicyValidation) {
  AccessPolicy policy;
  EXPECT_TRUE(ValidatePolicy(policy).ok());
  policy.window_opening = February / 29;
  EXPECT_EQ(ValidatePolicy(policy).code(), absl::StatusCode::kInvalidArgument);
  policy = AccessPolicy{};
  policy.cycle_length_years = 0;
  EXPECT_EQ(ValidatePolicy(policy).code(), absl::StatusCode::kInvalidArgument);
  policy = AccessPolicy{};
  policy.first_cycle_end = D(2026, 7, 1);
  EXPECT_EQ(ValidatePolicy(policy).code(), absl::StatusCode::kInvalidArgument);
}

TEST(BusinessDays, WeekendsHolidaysAndYearEnds) {
  AccessPolicy policy;
  EXPECT_EQ(AddBusinessDays(policy, D(2026, 11, 20), 2), D(2026, 11, 24));  // Fri → Tue
  EXPECT_EQ(AddBusinessDays(policy, D(2026, 11, 21), 2), D(2026, 11, 24));  // Sat → Tue
  EXPECT_EQ(AddBusinessDays(policy, D(2026, 3, 2), 2), D(2026, 3, 4));      // Mon → Wed
  EXPECT_EQ(AddBusinessDays(policy, D(2026, 3, 2), 0), D(2026, 3, 2));
  EXPECT_FALSE(IsBusinessDay(policy, D(2026, 11, 22)));  // Sunday
  // Thanksgiving Thursday and Friday are district holidays.
  policy.holidays = {sys_days(D(2026, 11, 26)), sys_days(D(2026, 11, 27))};
  EXPECT_EQ(AddBusinessDays(policy, D(2026, 11, 25), 2), D(2026, 12, 1));  // Wed → next Tue
  // Across the year end, with New Year's Day a holiday: Thu Dec 31 → Mon 4, Tue 5.
  policy.holidays = {sys_days(D(2027, 1, 1))};
  EXPECT_EQ(AddBusinessDays(policy, D(2026, 12, 31), 2), D(2027, 1, 5));
  EXPECT_EQ(AddBusinessDays(policy, D(2026, 12, 31), 1), D(2027, 1, 4));
  // Leap day is an ordinary business day (Tuesday).
  EXPECT_EQ(AddBusinessDays(AccessPolicy{}, D(2028, 2, 28), 1), D(2028, 2, 29));
  EXPECT_EQ(AddBusinessDays(AccessPolicy{}, D(2027, 2, 26), 1), D(2027, 3, 1));
}

TEST(BusinessDays, GrantSla) {
  AccessPolicy policy;
  // Requirements met Friday: granted by the end of Tuesday is on time, Wednesday is late.
  EXPECT_EQ(GrantSlaDeadline(policy, D(2026, 3, 6)), D(2026, 3, 10));
  EXPECT_FALSE(BreaksGrantSla(policy, D(2026, 3, 6), D(2026, 3, 6)));
  EXPECT_FALSE(BreaksGrantSla(policy, D(2026, 3, 6), D(2026, 3, 10)));
  EXPECT_TRUE(BreaksGrantSla(policy, D(2026, 3, 6), D(2026, 3, 11)));
  policy.holidays = {sys_days(D(2026, 3, 9))};
  EXPECT_FALSE(BreaksGrantSla(policy, D(2026, 3, 6), D(2026, 3, 11)));
}

TEST(Dates, ParseAndFormat) {
  EXPECT_EQ(*ParseDate("2028-02-29"), D(2028, 2, 29));
  EXPECT_FALSE(ParseDate("2027-02-29").ok());
  EXPECT_FALSE(ParseDate("2026-02-30").ok());
  EXPECT_FALSE(ParseDate("2026-6-30").ok());
  EXPECT_EQ(FormatDate(D(2026, 6, 30)), "2026-06-30");
  EXPECT_EQ(*ParseMonthDay("07-01"), July / 1);
  EXPECT_FALSE(ParseMonthDay("02-29").ok());
}

}  // namespace
}  // namespace secsched::access
