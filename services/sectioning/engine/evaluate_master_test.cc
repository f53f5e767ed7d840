// Evaluator tests, part 3: a master schedule is finished only when every section is staffed,
// placed and roomed; teachers keep their per-term load; master-level rules; alternates and a
// course taken twice. Each test breaks exactly one rule of the violation-free base school.
#include <gtest/gtest.h>

#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/evaluate_test_school.h"

namespace secsched::engine {
namespace {

using testing::AbRotationSchool;
using testing::BaseSchool;
using testing::kS1;
using testing::kS1A;
using testing::kS1B;
using testing::kS2;
using testing::SectionById;
using testing::StudentById;
using testing::ViolationsOf;

TEST(EvaluateMasterTest, SectionUnstaffed) {
  School school = BaseSchool();
  SectionById(school, "ENG9-2").teacher_id = "";
  const auto found = ViolationsOf(school, constraint::kSectionUnstaffed);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].entity_ids, (std::vector<std::string>{"ENG9-2"}));
  EXPECT_TRUE(ViolationsOf(BaseSchool(), constraint::kSectionUnstaffed).empty());
  absl::StatusOr<EvaluationReport> report = Evaluate(school);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->metrics.unstaffed_section_ids, (std::vector<std::string>{"ENG9-2"}));
}

TEST(EvaluateMasterTest, EnrollmentInUnstaffedSectionIsCountedPerStudent) {
  School school = BaseSchool();
  SectionById(school, "ENG9-2").teacher_id = "";
  const auto found = ViolationsOf(school, constraint::kEnrollmentInUnstaffedSection);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].entity_ids, (std::vector<std::string>{"S2", "ENG9-2"}));
  EXPECT_TRUE(ViolationsOf(BaseSchool(), constraint::kEnrollmentInUnstaffedSection).empty());
}

TEST(EvaluateMasterTest, SectionUnplaced) {
  School school = BaseSchool();
  school.sections.push_back(testing::MakeSection("ENG9-3", "ENG9", "T_ENG", "R101", -1, 0));
  const auto found = ViolationsOf(school, constraint::kSectionUnplaced);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].entity_ids, (std::vector<std::string>{"ENG9-3"}));
  EXPECT_TRUE(ViolationsOf(BaseSchool(), constraint::kSectionUnplaced).empty());
}

TEST(EvaluateMasterTest, SectionWithoutRoom) {
  School school = BaseSchool();
  SectionById(school, "ENG9-2").room_id = "";
  EXPECT_EQ(ViolationsOf(school, constraint::kSectionWithoutRoom).size(), 1u);
  // An unplaced section needs no room yet (it is SECTION_UNPLACED instead).
  School unplaced = BaseSchool();
  unplaced.sections.push_back(testing::MakeSection("ENG9-3", "ENG9", "T_ENG", "", -1, 0));
  EXPECT_TRUE(ViolationsOf(unplaced, constraint::kSectionWithoutRoom).empty());
}

TEST(EvaluateMasterTest, TeacherOverTermLoadCountsEachTerm) {
  // T_PE teaches HEALTH-1 (S1, p4) and PE-1 (S2, p4): one period in each semester.
  School school = BaseSchool();
  school.teachers[2].max_sections_per_term = 1;
  EXPECT_TRUE(ViolationsOf(school, constraint::kTeacherOverTermLoad).empty());
  SectionById(school, "PE-1").placement = Placement{5, kS1};  // both in S1 now
  const auto found = ViolationsOf(school, constraint::kTeacherOverTermLoad);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].entity_ids, (std::vector<std::string>{"T_PE", "S1"}));
}

TEST(EvaluateMasterTest, TeacherOverTermLoadCountsADoublePeriodTwice) {
  School school = BaseSchool();
  school.teachers[1].max_sections_per_term = 1;  // T_BIO: BIO-1 is p2-3 in S1
  const auto found = ViolationsOf(school, constraint::kTeacherOverTermLoad);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].entity_ids, (std::vector<std::string>{"T_BIO", "S1"}));
  school.teachers[1].max_sections_per_term = 2;
  EXPECT_TRUE(ViolationsOf(school, constraint::kTeacherOverTermLoad).empty());
}

TEST(EvaluateMasterTest, TeacherOverTermLoadCountsRotationDaysAsParts) {
  // A/B days: HEALTH-1 meets on S1/A only, half a period of load in S1.
  School school = AbRotationSchool();
  school.teachers[2].max_sections_per_term = 1;
  SectionById(school, "PE-1").placement = Placement{5, kS1B};  // the other half, in S1
  EXPECT_TRUE(ViolationsOf(school, constraint::kTeacherOverTermLoad).empty());
  SectionById(school, "PE-1").placement = Placement{5, kS1A | kS1B};  // one and a half
  EXPECT_EQ(ViolationsOf(school, constraint::kTeacherOverTermLoad).size(), 1u);
}

TEST(EvaluateMasterTest, NoPerTermLimitMeansNoTermLoadViolation) {
  School school = BaseSchool();
  SectionById(school, "PE-1").placement = Placement{5, kS1};
  EXPECT_TRUE(ViolationsOf(school, constraint::kTeacherOverTermLoad).empty());
}

TEST(EvaluateMasterTest, MasterNotSamePeriodKeepsEverySectionPairApart) {
  School school = BaseSchool();
  // ENG9-2 meets in p1 all year; BIO-1 moved to p1-2 in S1 shares p1 in S1 with it.
  school.rules.push_back(CourseRule{RuleType::kNotSamePeriod, "ENG9", "BIO", RuleScope::kMaster});
  SectionById(school, "BIO-1").placement = Placement{1, kS1};
  school.enrollments.erase(school.enrollments.begin() + 1);  // nobody takes both: still broken
  const auto found = ViolationsOf(school, constraint::kRuleNotSamePeriodMaster);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].entity_ids, (std::vector<std::string>{"ENG9-2", "BIO-1"}));
  // The student-level check ignores a master rule.
  EXPECT_TRUE(ViolationsOf(school, constraint::kRuleNotSamePeriod).empty());
}

TEST(EvaluateMasterTest, MasterNotSamePeriodAllowsTheSamePeriodInOtherTerms) {
  School school = BaseSchool();  // HEALTH-1 p4 S1, PE-1 p4 S2
  school.rules.push_back(CourseRule{RuleType::kNotSamePeriod, "HEALTH", "PE", RuleScope::kMaster});
  EXPECT_TRUE(ViolationsOf(school, constraint::kRuleNotSamePeriodMaster).empty());
  SectionById(school, "PE-1").placement = Placement{4, kS1};
  SectionById(school, "PE-1").room_id = "GYM";
  EXPECT_EQ(ViolationsOf(school, constraint::kRuleNotSamePeriodMaster).size(), 1u);
}

TEST(EvaluateMasterTest, AlternateMustBeAnAlternateOfAnUnmetRequest) {
  School base = BaseSchool();
  StudentById(base, "S2").requests.push_back(Request{"PE", false, 3, {"HEALTH"}});
  // Valid: HEALTH stands in for the unmet PE request.
  School ok = base;
  ok.enrollments.push_back({"S2", "HEALTH-1", "PE", true});
  EXPECT_TRUE(ViolationsOf(ok, constraint::kAlternateInvalid).empty());
  // BIO is not an alternate for PE.
  School not_alternate = base;
  not_alternate.enrollments.push_back({"S2", "BIO-1", "PE", true});
  EXPECT_EQ(ViolationsOf(not_alternate, constraint::kAlternateInvalid).size(), 1u);
  // It stands in for a course the student did not request.
  School not_requested = base;
  not_requested.enrollments.push_back({"S2", "HEALTH-1", "BIO", true});
  EXPECT_EQ(ViolationsOf(not_requested, constraint::kAlternateInvalid).size(), 1u);
  // The request it stands in for is met already.
  School met = base;
  met.enrollments.push_back({"S2", "PE-1", "PE", false});
  met.enrollments.push_back({"S2", "HEALTH-1", "PE", true});
  EXPECT_EQ(ViolationsOf(met, constraint::kAlternateInvalid).size(), 1u);
  // A general alternate may stand in for any unmet request.
  School general = base;
  StudentById(general, "S2").requests.back().alternate_course_ids.clear();
  StudentById(general, "S2").general_alternate_course_ids = {"HEALTH"};
  general.enrollments.push_back({"S2", "HEALTH-1", "PE", true});
  EXPECT_TRUE(ViolationsOf(general, constraint::kAlternateInvalid).empty());
}

TEST(EvaluateMasterTest, StudentCourseTwice) {
  School school = BaseSchool();
  school.enrollments.push_back({"S2", "ENG9-1", "ENG9", false});  // p0 and p1: no clash
  const auto found = ViolationsOf(school, constraint::kStudentCourseTwice);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].entity_ids[0], "S2");
  EXPECT_TRUE(ViolationsOf(BaseSchool(), constraint::kStudentCourseTwice).empty());
}

// The report's promise: a school with any of these problems never reports zero violations.
TEST(EvaluateMasterTest, ABrokenScheduleNeverReportsZeroViolations) {
  School school = BaseSchool();
  SectionById(school, "ENG9-2").teacher_id = "";
  school.sections.push_back(testing::MakeSection("ENG9-3", "ENG9", "T_ENG", "R101", -1, 0));
  absl::StatusOr<EvaluationReport> report = Evaluate(school);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->violation_counts[std::string(constraint::kSectionUnstaffed)], 1);
  EXPECT_EQ(report->violation_counts[std::string(constraint::kSectionUnplaced)], 1);
  EXPECT_EQ(report->violation_counts[std::string(constraint::kEnrollmentInUnstaffedSection)], 1);
  EXPECT_EQ(report->violations.size(), 3u);
}

}  // namespace
}  // namespace secsched::engine
