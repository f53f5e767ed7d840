// Each walk-in check alone: what it lets through and what it refuses, with its message.
#include "services/sectioning/domain/roster_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/sectioning/domain/rosters.h"

namespace secsched::sectioning {
namespace {

using ::testing::HasSubstr;

Section MakeSection(std::string id, std::string course, int number, std::vector<Meeting> meetings,
                    int capacity = 30, int enrolled = 0) {
  return Section{.section_id = std::move(id),
                 .course_id = std::move(course),
                 .section_number = number,
                 .capacity = capacity,
                 .meetings = std::move(meetings),
                 .enrolled = enrolled};
}

const std::vector<std::string> kTerms = {"s1", "s2"};

TEST(RosterChecksTest, SeatLeftRefusesAFullSectionUnlessOverloadIsAllowed) {
  Section full = MakeSection("a", "alg1", 2, {{"s1", 1, ""}}, 30, 30);
  absl::Status refused = CheckSeatLeft(full, /*may_overload=*/false);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.message(), HasSubstr("Section alg1-2 is full (30 of 30 seats)"));
  EXPECT_TRUE(CheckSeatLeft(full, /*may_overload=*/true).ok());
  EXPECT_TRUE(CheckSeatLeft(MakeSection("a", "alg1", 2, {}, 30, 29), false).ok());
  EXPECT_TRUE(IsFull(full));
}

TEST(RosterChecksTest, TimeClashRefusesAMeetingAtTheSameTime) {
  Section target = MakeSection("t", "alg1", 1, {{"s1", 3, ""}});
  Section clash = MakeSection("o", "eng9", 1, {{"s1", 3, "A"}});
  Section other_term = MakeSection("p", "bio", 1, {{"s2", 3, ""}});
  absl::Status refused = CheckNoTimeClash(target, {other_term, clash});
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.message(), HasSubstr("eng9-1"));
  EXPECT_TRUE(CheckNoTimeClash(target, {other_term}).ok());
  // Different rotation days do not clash.
  Section day_b = MakeSection("q", "art", 1, {{"s1", 3, "B"}});
  EXPECT_TRUE(CheckNoTimeClash(MakeSection("t", "alg1", 1, {{"s1", 3, "A"}}), {day_b}).ok());
}

TEST(RosterChecksTest, TeamSectionTakesOnlyItsTeam) {
  Section team = MakeSection("t", "alg1", 1, {});
  team.team_id = "blue";
  absl::Status refused = CheckTeam(team, {.student_id = "s1", .team_id = "red"});
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.message(), HasSubstr("team blue"));
  EXPECT_EQ(CheckTeam(team, {.student_id = "s1"}).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckTeam(team, {.student_id = "s1", .team_id = "blue"}).ok());
  EXPECT_TRUE(
      CheckTeam(MakeSection("o", "alg1", 1, {}), {.student_id = "s1", .team_id = "red"}).ok());
}

TEST(RosterChecksTest, CourseNotTakenRefusesTheSameCourseTwice) {
  Section target = MakeSection("t", "alg1", 2, {});
  absl::Status refused = CheckCourseNotTaken(target, {MakeSection("o", "alg1", 1, {})});
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.message(), HasSubstr("already takes course alg1"));
  EXPECT_THAT(CheckCourseNotTaken(target, {target}).message(), HasSubstr("already in section"));
  EXPECT_TRUE(CheckCourseNotTaken(target, {MakeSection("o", "eng9", 1, {})}).ok());
}

TEST(RosterChecksTest, SamePeriodRuleNeedsTheSameStartingPeriod) {
  StudentCourseRule rule{CourseRuleKind::kSamePeriod, "health", "pe"};
  Section health = MakeSection("h", "health", 1, {{"s1", 2, ""}});
  EXPECT_TRUE(CourseRuleHolds(rule, health, MakeSection("p", "pe", 1, {{"s2", 2, ""}}), kTerms));
  Section pe_other = MakeSection("p", "pe", 1, {{"s2", 4, ""}});
  EXPECT_FALSE(CourseRuleHolds(rule, health, pe_other, kTerms));
  absl::Status refused = CheckCourseRules(pe_other, {health}, {rule}, kTerms);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.message(), HasSubstr("health SAME_PERIOD pe"));
}

TEST(RosterChecksTest, NotSamePeriodRuleRefusesSharedPeriodsInAnyTerm) {
  StudentCourseRule rule{CourseRuleKind::kNotSamePeriod, "a", "b"};
  Section a = MakeSection("a1", "a", 1, {{"s1", 2, ""}});
  EXPECT_FALSE(CourseRuleHolds(rule, a, MakeSection("b1", "b", 1, {{"s2", 2, ""}}), kTerms));
  EXPECT_TRUE(CourseRuleHolds(rule, a, MakeSection("b1", "b", 1, {{"s2", 3, ""}}), kTerms));
}

TEST(RosterChecksTest, DifferentTermRuleRefusesSharedTerms) {
  StudentCourseRule rule{CourseRuleKind::kDifferentTerm, "gov", "econ"};
  Section gov = MakeSection("g", "gov", 1, {{"s1", 2, ""}});
  Section econ_s1 = MakeSection("e", "econ", 1, {{"s1", 4, ""}});
  EXPECT_FALSE(CourseRuleHolds(rule, gov, econ_s1, kTerms));
  EXPECT_EQ(CheckCourseRules(econ_s1, {gov}, {rule}, kTerms).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(
      CheckCourseRules(MakeSection("e", "econ", 1, {{"s2", 4, ""}}), {gov}, {rule}, kTerms).ok());
}

TEST(RosterChecksTest, SameTermRuleNeedsEqualTermSets) {
  StudentCourseRule rule{CourseRuleKind::kSameTerm, "lec", "sem"};
  Section lec = MakeSection("l", "lec", 1, {{"s1", 2, ""}});
  EXPECT_TRUE(CourseRuleHolds(rule, lec, MakeSection("s", "sem", 1, {{"s1", 5, ""}}), kTerms));
  EXPECT_FALSE(CourseRuleHolds(rule, lec, MakeSection("s", "sem", 1, {{"s2", 5, ""}}), kTerms));
}

TEST(RosterChecksTest, PrecedesRuleKeepsItsOrderFromBothSides) {
  StudentCourseRule rule{CourseRuleKind::kPrecedes, "alg1a", "alg1b"};
  Section a_s1 = MakeSection("a", "alg1a", 1, {{"s1", 1, ""}});
  Section b_s2 = MakeSection("b", "alg1b", 1, {{"s2", 1, ""}});
  Section a_s2 = MakeSection("a", "alg1a", 1, {{"s2", 3, ""}});
  Section b_s1 = MakeSection("b", "alg1b", 1, {{"s1", 3, ""}});
  EXPECT_TRUE(CheckCourseRules(b_s2, {a_s1}, {rule}, kTerms).ok());
  EXPECT_TRUE(CheckCourseRules(a_s1, {b_s2}, {rule}, kTerms).ok());
  EXPECT_EQ(CheckCourseRules(b_s1, {a_s2}, {rule}, kTerms).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CheckCourseRules(a_s2, {b_s1}, {rule}, kTerms).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(RosterChecksTest, AnUnplacedSectionBreaksNoRule) {
  StudentCourseRule rule{CourseRuleKind::kDifferentTerm, "gov", "econ"};
  EXPECT_TRUE(CourseRuleHolds(rule, MakeSection("g", "gov", 1, {}),
                              MakeSection("e", "econ", 1, {{"s1", 1, ""}}), kTerms));
}

TEST(RosterChecksTest, SameCourseForMoves) {
  EXPECT_TRUE(
      CheckSameCourse(MakeSection("a", "alg1", 1, {}), MakeSection("b", "alg1", 2, {})).ok());
  EXPECT_EQ(
      CheckSameCourse(MakeSection("a", "alg1", 1, {}), MakeSection("b", "eng9", 1, {})).code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST(RosterChecksTest, CheckWalkInReportsOverloadOnlyForAFullSectionWithTheRight) {
  WalkInFacts facts{.student = {.student_id = "s1"}, .term_order = kTerms};
  Section open = MakeSection("t", "alg1", 1, {{"s1", 1, ""}}, 30, 10);
  absl::StatusOr<bool> fine = CheckWalkIn(open, {}, facts);
  ASSERT_TRUE(fine.ok());
  EXPECT_FALSE(*fine);
  Section full = MakeSection("t", "alg1", 1, {{"s1", 1, ""}}, 30, 30);
  EXPECT_EQ(CheckWalkIn(full, {}, facts).status().code(), absl::StatusCode::kFailedPrecondition);
  facts.may_overload = true;
  absl::StatusOr<bool> overload = CheckWalkIn(full, {}, facts);
  ASSERT_TRUE(overload.ok());
  EXPECT_TRUE(*overload);
}

TEST(RosterChecksTest, OverloadRightIsTheOverloadOrAdminScope) {
  EXPECT_FALSE(HasOverloadRight(auth::MakeCaller("dana", "scheduler")));
  EXPECT_TRUE(HasOverloadRight(auth::MakeCaller("dana", "scheduler overload")));
  EXPECT_TRUE(HasOverloadRight(auth::MakeCaller("root", "admin")));
}

}  // namespace
}  // namespace secsched::sectioning
