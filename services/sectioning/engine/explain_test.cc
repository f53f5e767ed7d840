#include "services/sectioning/engine/explain.h"

#include <gtest/gtest.h>

#include "services/sectioning/engine/core_test_school.h"

namespace secsched::engine {
namespace {

using namespace core_testing;

// One student requesting A and B; A-1 (period 0) is the only A section; B sections are given.
School OneStudent(std::vector<Section> b_sections) {
  School school = EmptySchool(4);
  school.courses = {MakeCourse("A"), MakeCourse("B")};
  school.teachers = {MakeTeacher("TA", {"A"}), MakeTeacher("TB", {"B"})};
  school.rooms = {MakeRoom("R1"), MakeRoom("R2")};
  school.sections = {MakeSection("A-1", "A", "TA", "R1", 0, kYear)};
  for (Section& s : b_sections) school.sections.push_back(std::move(s));
  school.students = {MakeStudent("S", 9, {"A", "B"})};
  school.enrollments = {{"S", "A-1", "A", false}};
  return school;
}

UnfilledRequest ExplainOne(const School& school) {
  absl::StatusOr<std::vector<UnfilledRequest>> out = Explain(school);
  EXPECT_TRUE(out.ok()) << out.status();
  if (!out.ok() || out->size() != 1) {
    ADD_FAILURE() << "expected exactly one unfilled request";
    return {};
  }
  EXPECT_EQ(out->front().student_id, "S");
  EXPECT_EQ(out->front().course_id, "B");
  EXPECT_FALSE(out->front().reason.empty());
  return out->front();
}

TEST(ExplainTest, NoSections) {
  EXPECT_EQ(ExplainOne(OneStudent({})).reason_code, "NO_SECTIONS");
  EXPECT_EQ(ExplainOne(OneStudent({MakeSection("B-1", "B", "TB", "R2")})).reason_code,
            "NO_SECTIONS");  // unplaced sections do not count
}

TEST(ExplainTest, TimeConflictNamesTheCourses) {
  UnfilledRequest u = ExplainOne(OneStudent({MakeSection("B-1", "B", "TB", "R2", 0, kYear)}));
  EXPECT_EQ(u.reason_code, "TIME_CONFLICT");
  EXPECT_EQ(u.conflicting_course_ids, std::vector<std::string>{"A"});
  EXPECT_NE(u.reason.find("A"), std::string::npos);
}

TEST(ExplainTest, SectionsFull) {
  School school = OneStudent({MakeSection("B-1", "B", "TB", "R2", 1, kYear)});
  school.sections[1].max_students = 1;
  school.students.push_back(MakeStudent("OTHER", 9, {"B"}));
  school.enrollments.push_back({"OTHER", "B-1", "B", false});
  EXPECT_EQ(ExplainOne(school).reason_code, "SECTIONS_FULL");
}

TEST(ExplainTest, Team) {
  School school = OneStudent({MakeSection("B-1", "B", "TB", "R2", 1, kYear)});
  school.sections[1].team = "ACADEMY";
  EXPECT_EQ(ExplainOne(school).reason_code, "TEAM");
}

TEST(ExplainTest, Rule) {
  School school = OneStudent({MakeSection("B-1", "B", "TB", "R2", 1, kYear)});
  school.rules.push_back(CourseRule{RuleType::kSamePeriod, "A", "B"});
  UnfilledRequest u = ExplainOne(school);
  EXPECT_EQ(u.reason_code, "RULE");
  EXPECT_EQ(u.conflicting_course_ids, std::vector<std::string>{"A"});
}

TEST(ExplainTest, TeacherConstraint) {
  School school = OneStudent({MakeSection("B-1", "B", "TB", "R2", 1, kYear)});
  school.students[0].constraints.push_back({StudentConstraintKind::kAvoidTeacher, "TB", {}});
  EXPECT_EQ(ExplainOne(school).reason_code, "TEACHER_CONSTRAINT");
}

TEST(ExplainTest, PeriodBlocked) {
  School school = OneStudent({MakeSection("B-1", "B", "TB", "R2", 1, kYear)});
  school.students[0].constraints.push_back({StudentConstraintKind::kKeepPeriodFree, "", {1, 0}});
  EXPECT_EQ(ExplainOne(school).reason_code, "PERIOD_BLOCKED");
}

TEST(ExplainTest, MostCommonReasonWins) {
  School school = OneStudent({MakeSection("B-1", "B", "TB", "R2", 0, kYear),
                              MakeSection("B-2", "B", "TB", "R2", 0, kYear),
                              MakeSection("B-3", "B", "TB", "R2", 2, kYear)});
  school.sections[3].team = "ACADEMY";
  UnfilledRequest u = ExplainOne(school);
  EXPECT_EQ(u.reason_code, "TIME_CONFLICT");
  EXPECT_NE(u.reason.find("another team"), std::string::npos) << u.reason;
}

TEST(ExplainTest, FilledRequestsAreNotReported) {
  School school = OneStudent({MakeSection("B-1", "B", "TB", "R2", 1, kYear)});
  school.enrollments.push_back({"S", "B-1", "B", false});
  absl::StatusOr<std::vector<UnfilledRequest>> out = Explain(school);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->empty());
}

}  // namespace
}  // namespace secsched::engine
