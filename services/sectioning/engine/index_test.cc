#include "services/sectioning/engine/index.h"

#include <gtest/gtest.h>

#include <functional>

#include "services/sectioning/engine/core_test_school.h"

namespace secsched::engine {
namespace {

using namespace core_testing;

School ValidSchool() {
  School school = EmptySchool(6);
  school.courses = {MakeCourse("ENG"), MakeCourse("LAB", TermLength::kSemester, 24, 2, "lab")};
  school.teachers = {MakeTeacher("T1", {"ENG"}), MakeTeacher("T2", {"LAB"})};
  school.rooms = {MakeRoom("R1"), MakeRoom("L1", 24, "lab")};
  school.sections = {MakeSection("ENG-1", "ENG", "T1", "R1", 0, kYear),
                     MakeSection("LAB-1", "LAB", "T2", "L1", 4, kS1)};
  school.students = {MakeStudent("ST1", 9, {"ENG", "LAB"})};
  school.enrollments = {{"ST1", "ENG-1", "ENG", false}};
  school.rules = {CourseRule{RuleType::kNotSamePeriod, "ENG", "LAB"}};
  return school;
}

TEST(SchoolIndexTest, ValidSchoolIndexes) {
  const School school = ValidSchool();
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok()) << index.status();
  EXPECT_EQ(index->CourseIndex("LAB"), 1);
  EXPECT_EQ(index->CourseIndex("NOPE"), -1);
  EXPECT_EQ(index->SectionIndex("LAB-1"), 1);
  EXPECT_EQ(index->StudentIndex("ST1"), 0);
  EXPECT_EQ(index->AllTerms(), kYear);
  EXPECT_EQ(index->TermOptions(school.courses[0]), std::vector<TermMask>{kYear});
  EXPECT_EQ(index->TermOptions(school.courses[1]), (std::vector<TermMask>{kS1, kS2}));
}

TEST(SchoolIndexTest, QuarterOptionsAndOverlap) {
  School school = EmptySchool(8);
  school.calendar.terms = {Term{"Q1", 0}, Term{"Q2", 1}, Term{"Q3", 2}, Term{"Q4", 3}};
  school.courses = {MakeCourse("Q", TermLength::kQuarter), MakeCourse("S", TermLength::kSemester)};
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(index->TermOptions(school.courses[0]), (std::vector<TermMask>{1, 2, 4, 8}));
  EXPECT_EQ(index->TermOptions(school.courses[1]), (std::vector<TermMask>{3, 12}));
  // A double period at 2 covers 2 and 3.
  EXPECT_TRUE(index->Overlaps({2, 1}, 2, {3, 1}, 1));
  EXPECT_FALSE(index->Overlaps({2, 1}, 2, {4, 1}, 1));
  EXPECT_FALSE(index->Overlaps({2, 1}, 2, {3, 2}, 1));  // same period, different terms
  EXPECT_EQ(index->FirstOrder(12), 2);
  EXPECT_EQ(index->LastOrder(3), 1);
}

struct MalformedCase {
  const char* name;
  std::function<void(School&)> breaks;
  const char* offending_id;
};

class MalformedSchoolTest : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedSchoolTest, IsInvalidArgumentNamingTheId) {
  School school = ValidSchool();
  GetParam().breaks(school);
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_FALSE(index.ok()) << GetParam().name;
  EXPECT_EQ(index.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(index.status().message().find(GetParam().offending_id), std::string::npos)
      << index.status();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MalformedSchoolTest,
    ::testing::Values(
        MalformedCase{"duplicate_course", [](School& s) { s.courses.push_back(MakeCourse("ENG")); },
                      "ENG"},
        MalformedCase{"duplicate_student",
                      [](School& s) { s.students.push_back(MakeStudent("ST1", 9, {})); }, "ST1"},
        MalformedCase{"section_unknown_course",
                      [](School& s) { s.sections[0].course_id = "GHOST"; }, "ENG-1"},
        MalformedCase{"section_unknown_teacher", [](School& s) { s.sections[1].teacher_id = "TX"; },
                      "LAB-1"},
        MalformedCase{"section_unknown_room", [](School& s) { s.sections[1].room_id = "RX"; },
                      "LAB-1"},
        MalformedCase{"section_unknown_coteacher",
                      [](School& s) { s.sections[0].co_teacher_ids = {"TX"}; }, "ENG-1"},
        MalformedCase{"section_period_outside_day",
                      [](School& s) { s.sections[1].placement.period = 5; }, "LAB-1"},
        MalformedCase{"section_terms_outside_calendar",
                      [](School& s) { s.sections[0].placement.terms = 4; }, "ENG-1"},
        MalformedCase{"section_max_zero", [](School& s) { s.sections[0].max_students = 0; },
                      "ENG-1"},
        MalformedCase{"request_unknown_course",
                      [](School& s) { s.students[0].requests[0].course_id = "GHOST"; }, "ST1"},
        MalformedCase{"alternate_unknown_course",
                      [](School& s) { s.students[0].requests[0].alternate_course_ids = {"GHOST"}; },
                      "GHOST"},
        MalformedCase{"general_alternate_unknown",
                      [](School& s) { s.students[0].general_alternate_course_ids = {"GHOST"}; },
                      "GHOST"},
        MalformedCase{"locked_unknown_section",
                      [](School& s) { s.students[0].locked_section_ids = {"SEC-X"}; }, "SEC-X"},
        MalformedCase{"rule_unknown_course", [](School& s) { s.rules[0].course_b = "GHOST"; },
                      "GHOST"},
        MalformedCase{"enrollment_unknown_section",
                      [](School& s) { s.enrollments[0].section_id = "SEC-X"; }, "SEC-X"},
        MalformedCase{"enrollment_unknown_student",
                      [](School& s) { s.enrollments[0].student_id = "NOBODY"; }, "NOBODY"},
        MalformedCase{"can_teach_unknown_course",
                      [](School& s) { s.teachers[0].can_teach.push_back("GHOST"); }, "T1"},
        MalformedCase{"teacher_unavailable_period",
                      [](School& s) {
                        s.teachers[0].unavailable = {{9, 0}};
                      },
                      "T1"},
        MalformedCase{"room_unavailable_terms",
                      [](School& s) {
                        s.rooms[0].unavailable = {{1, 8}};
                      },
                      "R1"},
        MalformedCase{"periods_per_meeting_3",
                      [](School& s) { s.courses[1].periods_per_meeting = 3; }, "LAB"},
        MalformedCase{"course_max_zero", [](School& s) { s.courses[0].max_students = 0; }, "ENG"},
        MalformedCase{
            "avoid_unknown_teacher",
            [](School& s) {
              s.students[0].constraints.push_back({StudentConstraintKind::kAvoidTeacher, "TX", {}});
            },
            "TX"},
        MalformedCase{"keep_free_outside_day",
                      [](School& s) {
                        s.students[0].constraints.push_back(
                            {StudentConstraintKind::kKeepPeriodFree, "", {7, 0}});
                      },
                      "ST1"}),
    [](const ::testing::TestParamInfo<MalformedCase>& info) {
      return std::string(info.param.name);
    });

}  // namespace
}  // namespace secsched::engine
