// Evaluator tests, part 2: the constraints on students and the course rules. One test per
// constraint: a minimal change to the violation-free base school that breaks it, and one that
// does not.
#include <gtest/gtest.h>

#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/evaluate_test_school.h"

namespace secsched::engine {
namespace {

using testing::BaseSchool;
using testing::kS1;
using testing::kS2;
using testing::kYear;
using testing::SectionById;
using testing::StudentById;
using testing::ViolationsOf;

School WithRule(RuleType type, std::string a, std::string b) {
  School school = BaseSchool();
  school.rules.push_back(CourseRule{type, std::move(a), std::move(b)});
  return school;
}

TEST(EvaluateStudentTest, StudentTimeConflictCountsBothPeriodsOfADoubleLab) {
  School school = BaseSchool();
  SectionById(school, "HEALTH-1").placement.period = 3;  // BIO-1 holds p2-3 in S1
  const auto found = ViolationsOf(school, constraint::kStudentTimeConflict);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].entity_ids, (std::vector<std::string>{"S1", "BIO-1", "HEALTH-1"}));
  School ok = BaseSchool();
  SectionById(ok, "HEALTH-1").placement = Placement{3, kS2};  // same period, other semester
  SectionById(ok, "PE-1").placement = Placement{4, kS1};
  EXPECT_TRUE(ViolationsOf(ok, constraint::kStudentTimeConflict).empty());
}

TEST(EvaluateStudentTest, TeamViolation) {
  School school = BaseSchool();
  SectionById(school, "ENG9-1").team = "academy";  // S1 is in no team
  EXPECT_EQ(ViolationsOf(school, constraint::kTeamViolation).size(), 1u);
  School via_course = BaseSchool();
  via_course.courses[0].team = "academy";  // sections inherit the course's team
  EXPECT_EQ(ViolationsOf(via_course, constraint::kTeamViolation).size(), 2u);
  School ok = BaseSchool();
  SectionById(ok, "ENG9-1").team = "academy";
  StudentById(ok, "S1").team = "academy";  // team students may also take no-team sections
  EXPECT_TRUE(ViolationsOf(ok, constraint::kTeamViolation).empty());
}

TEST(EvaluateStudentTest, StudentAvoidTeacher) {
  School school = BaseSchool();
  StudentById(school, "S1")
      .constraints.push_back(StudentConstraint{StudentConstraintKind::kAvoidTeacher, "T_ENG", {}});
  EXPECT_EQ(ViolationsOf(school, constraint::kStudentAvoidTeacher).size(), 1u);
  School ok = BaseSchool();
  StudentById(ok, "S2").constraints.push_back(
      StudentConstraint{StudentConstraintKind::kAvoidTeacher, "T_BIO", {}});
  EXPECT_TRUE(ViolationsOf(ok, constraint::kStudentAvoidTeacher).empty());
}

TEST(EvaluateStudentTest, StudentKeepPeriodFree) {
  School school = BaseSchool();
  StudentById(school, "S1")
      .constraints.push_back(
          StudentConstraint{StudentConstraintKind::kKeepPeriodFree, "", PeriodSlot{3, kS1}});
  EXPECT_EQ(ViolationsOf(school, constraint::kStudentKeepPeriodFree).size(), 1u);
  School ok = BaseSchool();
  StudentById(ok, "S1").constraints.push_back(
      StudentConstraint{StudentConstraintKind::kKeepPeriodFree, "", PeriodSlot{3, kS2}});
  EXPECT_TRUE(ViolationsOf(ok, constraint::kStudentKeepPeriodFree).empty());
}

TEST(EvaluateStudentTest, LockedEnrollmentMissing) {
  School school = BaseSchool();
  StudentById(school, "S2").locked_section_ids = {"BIO-1"};
  EXPECT_EQ(ViolationsOf(school, constraint::kLockedEnrollmentMissing).size(), 1u);
  School ok = BaseSchool();
  StudentById(ok, "S1").locked_section_ids = {"BIO-1"};
  EXPECT_TRUE(ViolationsOf(ok, constraint::kLockedEnrollmentMissing).empty());
}

TEST(EvaluateStudentTest, EnrollmentInUnplacedSection) {
  School school = BaseSchool();
  SectionById(school, "ENG9-2").placement = Placement{};
  EXPECT_EQ(ViolationsOf(school, constraint::kEnrollmentInUnplacedSection).size(), 1u);
  EXPECT_TRUE(ViolationsOf(BaseSchool(), constraint::kEnrollmentInUnplacedSection).empty());
}

TEST(EvaluateStudentTest, GradeOutOfRange) {
  School school = BaseSchool();
  StudentById(school, "S2").grade = 10;  // ENG9 is for grade 9 only
  EXPECT_EQ(ViolationsOf(school, constraint::kGradeOutOfRange).size(), 1u);
  School ok = BaseSchool();
  StudentById(ok, "S2").grade = 10;
  ok.courses[0].max_grade = 10;
  EXPECT_TRUE(ViolationsOf(ok, constraint::kGradeOutOfRange).empty());
}

TEST(EvaluateStudentTest, RuleSamePeriod) {
  // HEALTH-1 (p4 S1) and PE-1 (p4 S2) share a period: the textbook Health + PE pairing.
  EXPECT_TRUE(
      ViolationsOf(WithRule(RuleType::kSamePeriod, "HEALTH", "PE"), constraint::kRuleSamePeriod)
          .empty());
  School school = WithRule(RuleType::kSamePeriod, "HEALTH", "PE");
  SectionById(school, "PE-1").placement.period = 5;
  EXPECT_EQ(ViolationsOf(school, constraint::kRuleSamePeriod).size(), 1u);
}

TEST(EvaluateStudentTest, RuleNotSamePeriod) {
  EXPECT_EQ(ViolationsOf(WithRule(RuleType::kNotSamePeriod, "HEALTH", "PE"),
                         constraint::kRuleNotSamePeriod)
                .size(),
            1u);
  // A double-period lab (p2-3) against a section in p3: they share period 3.
  EXPECT_EQ(ViolationsOf(
                [] {
                  School s = WithRule(RuleType::kNotSamePeriod, "BIO", "PE");
                  SectionById(s, "PE-1").placement.period = 3;
                  return s;
                }(),
                constraint::kRuleNotSamePeriod)
                .size(),
            1u);
  School ok = WithRule(RuleType::kNotSamePeriod, "HEALTH", "PE");
  SectionById(ok, "PE-1").placement.period = 5;
  EXPECT_TRUE(ViolationsOf(ok, constraint::kRuleNotSamePeriod).empty());
}

TEST(EvaluateStudentTest, RuleSameTerm) {
  EXPECT_TRUE(ViolationsOf(WithRule(RuleType::kSameTerm, "BIO", "HEALTH"),
                           constraint::kRuleSameTerm)
                  .empty());  // both S1
  EXPECT_EQ(
      ViolationsOf(WithRule(RuleType::kSameTerm, "BIO", "PE"), constraint::kRuleSameTerm).size(),
      1u);  // S1 vs S2
}

TEST(EvaluateStudentTest, RuleDifferentTerm) {
  EXPECT_TRUE(ViolationsOf(WithRule(RuleType::kDifferentTerm, "HEALTH", "PE"),
                           constraint::kRuleDifferentTerm)
                  .empty());
  EXPECT_EQ(ViolationsOf(WithRule(RuleType::kDifferentTerm, "BIO", "HEALTH"),
                         constraint::kRuleDifferentTerm)
                .size(),
            1u);
}

TEST(EvaluateStudentTest, RulePrecedes) {
  EXPECT_TRUE(ViolationsOf(WithRule(RuleType::kPrecedes, "HEALTH", "PE"),
                           constraint::kRulePrecedes)
                  .empty());  // S1 before S2
  EXPECT_EQ(
      ViolationsOf(WithRule(RuleType::kPrecedes, "PE", "HEALTH"), constraint::kRulePrecedes).size(),
      1u);
  // Same term is not "before".
  EXPECT_EQ(ViolationsOf(WithRule(RuleType::kPrecedes, "BIO", "HEALTH"), constraint::kRulePrecedes)
                .size(),
            1u);
}

TEST(EvaluateStudentTest, RuleLinked) {
  School school = WithRule(RuleType::kLinked, "BIO", "HEALTH");
  SectionById(school, "BIO-1").link_group = "g1";
  SectionById(school, "HEALTH-1").link_group = "g2";
  EXPECT_EQ(ViolationsOf(school, constraint::kRuleLinked).size(), 1u);
  School ok = WithRule(RuleType::kLinked, "BIO", "HEALTH");
  SectionById(ok, "BIO-1").link_group = "g1";
  SectionById(ok, "HEALTH-1").link_group = "g1";
  EXPECT_TRUE(ViolationsOf(ok, constraint::kRuleLinked).empty());
}

}  // namespace
}  // namespace secsched::engine
