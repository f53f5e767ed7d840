#include "services/sectioning/engine/loader.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "services/sectioning/engine/core_test_school.h"

namespace secsched::engine {
namespace {

using namespace core_testing;

LoadResult Load(const School& school, bool reload = false) {
  LoadOptions options;
  options.run.seed = 3;
  options.reload = reload;
  absl::StatusOr<LoadResult> result = LoadStudents(school, options);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *result : LoadResult{};
}

// student id -> section ids
std::map<std::string, std::set<std::string>> Rosters(const std::vector<Enrollment>& enrollments) {
  std::map<std::string, std::set<std::string>> out;
  for (const Enrollment& e : enrollments) out[e.student_id].insert(e.section_id);
  return out;
}

std::map<std::string, int> Sizes(const std::vector<Enrollment>& enrollments) {
  std::map<std::string, int> out;
  for (const Enrollment& e : enrollments) ++out[e.section_id];
  return out;
}

// Courses A, B (year) and C (semester), one teacher and room each; sections placed as given.
School Placed(std::vector<Section> sections, int students, std::vector<std::string> wants) {
  School school = EmptySchool(4);
  school.courses = {MakeCourse("A"), MakeCourse("B"), MakeCourse("C", TermLength::kSemester)};
  school.teachers = {MakeTeacher("TA", {"A"}), MakeTeacher("TB", {"B"}), MakeTeacher("TC", {"C"}),
                     MakeTeacher("TA2", {"A"})};
  school.rooms = {MakeRoom("R1"), MakeRoom("R2"), MakeRoom("R3")};
  school.sections = std::move(sections);
  for (int s = 0; s < students; ++s)
    school.students.push_back(MakeStudent("S" + std::to_string(s), 9, wants));
  return school;
}

TEST(LoaderTest, CapacityIsRespected) {
  School school = Placed({MakeSection("A-1", "A", "TA", "R1", 0, kYear)}, 3, {"A"});
  school.sections[0].max_students = 2;
  LoadResult result = Load(school);
  EXPECT_EQ(Sizes(result.enrollments)["A-1"], 2);
}

TEST(LoaderTest, UpperGradesFirst) {
  School school = Placed({MakeSection("A-1", "A", "TA", "R1", 0, kYear)}, 3, {"A"});
  school.sections[0].max_students = 1;
  school.students[1].grade = 12;
  LoadResult result = Load(school);
  ASSERT_EQ(result.enrollments.size(), 1u);
  EXPECT_EQ(result.enrollments[0].student_id, "S1");
}

TEST(LoaderTest, BalancesSectionSizes) {
  School school = Placed({MakeSection("A-1", "A", "TA", "R1", 0, kYear),
                          MakeSection("A-2", "A", "TA2", "R2", 1, kYear),
                          MakeSection("A-3", "A", "TA", "R1", 2, kYear)},
                         37, {"A"});
  std::map<std::string, int> sizes = Sizes(Load(school).enrollments);
  EXPECT_EQ(sizes["A-1"] + sizes["A-2"] + sizes["A-3"], 37);
  for (const auto& [id, size] : sizes) EXPECT_TRUE(size == 12 || size == 13) << id << " " << size;
}

// Seniors who want only A are loaded first and split over; then every freshman also
// wants B, which meets with A-2, so all of them need A-1 (15 against 5). The final balancing moves
// seniors to A-2, whose period they have free.
TEST(LoaderTest, BalancesSizesAfterLaterStudentsCrowdOneSection) {
  School school = Placed({MakeSection("A-1", "A", "TA", "R1", 0, kYear),
                          MakeSection("A-2", "A", "TA2", "R2", 1, kYear),
                          MakeSection("B-1", "B", "TB", "R3", 1, kYear)},
                         10, {"A", "B"});
  for (int s = 0; s < 10; ++s)
    school.students.push_back(MakeStudent("SENIOR" + std::to_string(s), 12, {"A"}));
  std::map<std::string, int> sizes = Sizes(Load(school).enrollments);
  EXPECT_EQ(sizes["B-1"], 10);
  EXPECT_EQ(sizes["A-1"], 10);
  EXPECT_EQ(sizes["A-2"], 10);
}

TEST(LoaderTest, ResectionsToFitEveryCourse) {
  // A meets in 0 or 1, B only in 0: everyone needs A in period 1.
  School school = Placed({MakeSection("A-1", "A", "TA", "R1", 0, kYear),
                          MakeSection("A-2", "A", "TA2", "R2", 1, kYear),
                          MakeSection("B-1", "B", "TB", "R3", 0, kYear)},
                         20, {"A", "B"});
  LoadResult result = Load(school);
  EXPECT_EQ(result.enrollments.size(), 40u);
  EXPECT_EQ(Sizes(result.enrollments)["A-2"], 20);
}

TEST(LoaderTest, TeamsAreRespected) {
  School school = Placed({MakeSection("A-1", "A", "TA", "R1", 0, kYear),
                          MakeSection("A-2", "A", "TA2", "R2", 1, kYear)},
                         4, {"A"});
  school.sections[0].team = "ACADEMY";
  school.students[0].team = school.students[1].team = "ACADEMY";
  school.sections[1].max_students = 3;
  LoadResult result = Load(school);
  for (const Enrollment& e : result.enrollments) {
    if (e.section_id == "A-1") {
      EXPECT_TRUE(e.student_id == "S0" || e.student_id == "S1") << e.student_id;
    }
  }
  EXPECT_EQ(result.enrollments.size(), 4u);  // team students may also take the team-less section
}

TEST(LoaderTest, CourseRulesAreRespected) {
  // C and D are semester courses, each offered in both semesters; C must come first.
  School school = Placed(
      {MakeSection("C-1", "C", "TC", "R1", 0, kS1), MakeSection("C-2", "C", "TC", "R1", 2, kS2)}, 6,
      {"C"});
  school.courses.push_back(MakeCourse("D", TermLength::kSemester));
  school.teachers.push_back(MakeTeacher("TD", {"D"}));
  school.sections.push_back(MakeSection("D-1", "D", "TD", "R2", 1, kS1));
  school.sections.push_back(MakeSection("D-2", "D", "TD", "R2", 3, kS2));
  for (Student& s : school.students) s.requests.push_back(Request{"D", true, 1, {}});
  school.rules.push_back(CourseRule{RuleType::kPrecedes, "C", "D"});
  LoadResult result = Load(school);
  for (const auto& [student, sections] : Rosters(result.enrollments))
    EXPECT_EQ(sections, (std::set<std::string>{"C-1", "D-2"})) << student;
}

TEST(LoaderTest, StudentConstraintsAreRespected) {
  School school = Placed({MakeSection("A-1", "A", "TA", "R1", 0, kYear),
                          MakeSection("A-2", "A", "TA2", "R2", 1, kYear),
                          MakeSection("A-3", "A", "TA", "R1", 2, kYear)},
                         2, {"A"});
  school.students[0].constraints.push_back({StudentConstraintKind::kAvoidTeacher, "TA", {}});
  school.students[1].constraints.push_back({StudentConstraintKind::kKeepPeriodFree, "", {0, 0}});
  school.students[1].constraints.push_back({StudentConstraintKind::kKeepPeriodFree, "", {1, kS2}});
  auto rosters = Rosters(Load(school).enrollments);
  EXPECT_EQ(rosters["S0"], std::set<std::string>{"A-2"});
  EXPECT_EQ(rosters["S1"], std::set<std::string>{"A-3"});
}

TEST(LoaderTest, GradeRangeIsRespected) {
  School school = Placed({MakeSection("A-1", "A", "TA", "R1", 0, kYear)}, 2, {"A"});
  school.courses[0].min_grade = 10;
  school.students[1].grade = 10;
  auto rosters = Rosters(Load(school).enrollments);
  EXPECT_EQ(rosters.count("S0"), 0u);
  EXPECT_EQ(rosters["S1"], std::set<std::string>{"A-1"});
}

TEST(LoaderTest, LockedEnrollmentsAreKept) {
  School school = Placed({MakeSection("A-1", "A", "TA", "R1", 0, kYear),
                          MakeSection("A-2", "A", "TA2", "R2", 1, kYear)},
                         4, {"A"});
  school.sections[0].max_students = 1;
  school.students[2].locked_section_ids = {"A-1"};
  school.students[3].locked_section_ids = {"A-1"};  // over capacity, kept anyway
  auto rosters = Rosters(Load(school).enrollments);
  EXPECT_EQ(rosters["S2"], std::set<std::string>{"A-1"});
  EXPECT_EQ(rosters["S3"], std::set<std::string>{"A-1"});
  EXPECT_EQ(rosters["S0"], std::set<std::string>{"A-2"});
  EXPECT_EQ(rosters["S1"], std::set<std::string>{"A-2"});
}

TEST(LoaderTest, AlternatesFillWhatPrimariesCannot) {
  School school = Placed(
      {MakeSection("A-1", "A", "TA", "R1", 0, kYear), MakeSection("B-1", "B", "TB", "R2", 0, kYear),
       MakeSection("C-1", "C", "TC", "R3", 1, kS1)},
      1, {"A", "B"});
  school.students[0].requests[0].required = false;
  school.students[0].requests[0].priority = 9;  // A yields to B (same period)
  school.students[0].requests[0].alternate_course_ids = {"C"};
  LoadResult result = Load(school);
  std::map<std::string, Enrollment> by_section;
  for (const Enrollment& e : result.enrollments) by_section[e.section_id] = e;
  ASSERT_EQ(by_section.size(), 2u);
  EXPECT_TRUE(by_section.count("B-1"));
  ASSERT_TRUE(by_section.count("C-1"));
  EXPECT_TRUE(by_section["C-1"].is_alternate);
  EXPECT_EQ(by_section["C-1"].requested_course_id, "A");
}

TEST(LoaderTest, GeneralAlternates) {
  School school = Placed(
      {MakeSection("A-1", "A", "TA", "R1", 0, kYear), MakeSection("C-1", "C", "TC", "R3", 1, kS1)},
      1, {"A", "B"});
  school.students[0].general_alternate_course_ids = {"C"};
  LoadResult result = Load(school);
  ASSERT_EQ(result.enrollments.size(), 2u);
  EXPECT_EQ(result.enrollments[1].section_id, "C-1");
  EXPECT_EQ(result.enrollments[1].requested_course_id, "B");
  EXPECT_TRUE(result.enrollments[1].is_alternate);
}

TEST(LoaderTest, ReloadMovesOnlyStudentsWhoseSectionsChanged) {
  School school = Placed({MakeSection("A-1", "A", "TA", "R1", 0, kYear),
                          MakeSection("A-2", "A", "TA2", "R2", 1, kYear),
                          MakeSection("B-1", "B", "TB", "R3", 2, kYear),
                          MakeSection("B-2", "B", "TB", "R3", 3, kYear)},
                         40, {"A", "B"});
  school.courses[1].max_students = 40;  // B-1 can absorb everyone B-2 loses
  LoadResult first = Load(school);
  ASSERT_EQ(first.enrollments.size(), 80u);
  school.enrollments = first.enrollments;
  // Reload with nothing changed: nobody moves.
  LoadResult same = Load(school, /*reload=*/true);
  EXPECT_EQ(same.students_moved, 0);
  EXPECT_EQ(Rosters(same.enrollments), Rosters(first.enrollments));
  // B-2 moves onto A-2's period: only B-2's students have to move.
  school.sections[3].placement.period = 1;
  std::set<std::string> in_b2;
  for (const Enrollment& e : first.enrollments)
    if (e.section_id == "B-2") in_b2.insert(e.student_id);
  LoadResult after = Load(school, /*reload=*/true);
  auto before_rosters = Rosters(first.enrollments), after_rosters = Rosters(after.enrollments);
  int moved = 0;
  for (const auto& [student, sections] : after_rosters) {
    if (sections != before_rosters[student]) {
      ++moved;
      EXPECT_TRUE(in_b2.count(student)) << student << " moved without cause";
    }
    EXPECT_EQ(sections.size(), 2u) << student;
  }
  EXPECT_EQ(after.students_moved, moved);
  EXPECT_LE(moved, static_cast<int>(in_b2.size()));
}

}  // namespace
}  // namespace secsched::engine
