// LoaderState::ScheduleStudent's search (loader_search.cc) and the completeness bonus of Regroup.
#include <gtest/gtest.h>

#include "services/sectioning/engine/core_test_school.h"
#include "services/sectioning/engine/loader_regroup.h"
#include "services/sectioning/engine/loader_state.h"

namespace secsched::engine {
namespace {

using namespace core_testing;

// Courses A..E, one teacher each (A..D teach up to 8 sections), two rooms.
School FiveCourses(int periods) {
  School school = EmptySchool(periods);
  for (const char* c : {"A", "B", "C", "D", "E"}) {
    school.courses.push_back(MakeCourse(c));
    school.teachers.push_back(MakeTeacher(std::string("T") + c, {c}, 8));
  }
  school.rooms = {MakeRoom("R1"), MakeRoom("R2")};
  return school;
}

// Sections meeting at the same time are one choice to the search, yet the one it takes is still
// the least filled: sizes stay balanced.
TEST(LoaderSearchTest, SectionsMeetingTogetherStayBalanced) {
  School school = FiveCourses(2);
  for (const char* id : {"A-1", "A-2", "A-3"})
    school.sections.push_back(MakeSection(id, "A", "TA", "R1", 0, kYear));
  for (int s = 0; s < 6; ++s)
    school.students.push_back(MakeStudent("S" + std::to_string(s), 9, {"A"}));
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok()) << index.status();
  LoaderState state(*index);
  Rng rng(1);
  for (int st = 0; st < 6; ++st) state.ScheduleStudent(st, /*allow_ejection=*/false, rng);
  for (int s = 0; s < 3; ++s) EXPECT_EQ(state.Count(s), 2) << s;
}

// A request no section can seat does not keep the search looking for a complete schedule: the
// other four courses (8 x 7 x 6 x 5 ways to place them) are settled at the first leaf, far below
// the search's budget of 4,000 nodes.
TEST(LoaderSearchTest, UnseatableRequestDoesNotExhaustTheSearch) {
  School school = FiveCourses(8);
  for (const char* c : {"A", "B", "C", "D"})
    for (int p = 0; p < 8; ++p)
      school.sections.push_back(MakeSection(std::string(c) + "-" + std::to_string(p), c,
                                            std::string("T") + c, "R1", p, kYear));
  school.sections.push_back(MakeSection("E-1", "E", "TE", "R2", 0, kYear));
  school.sections.back().max_students = 1;
  school.students = {MakeStudent("X", 9, {"A", "B", "C", "D", "E"}), MakeStudent("Y", 9, {"E"})};
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok()) << index.status();
  LoaderState state(*index);
  const int e1 = static_cast<int>(school.sections.size()) - 1;
  state.Enroll(1, Assignment{e1, 0, false, false});  // Y holds E's only seat
  Rng rng(1);
  state.ScheduleStudent(0, /*allow_ejection=*/false, rng);
  EXPECT_EQ(state.assignments(0).size(), 4u);
  EXPECT_LT(state.search_nodes(), 100);
}

// must_beat: a load that cannot score more is not made at all.
TEST(LoaderSearchTest, MustBeatSkipsLoadsThatScoreNoMore) {
  School school = FiveCourses(2);
  school.sections = {MakeSection("A-1", "A", "TA", "R1", 0, kYear),
                     MakeSection("B-1", "B", "TB", "R2", 0, kYear)};  // A and B clash
  school.students = {MakeStudent("X", 9, {"A", "B"})};
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok()) << index.status();
  LoaderState state(*index);
  const double one_course = LoaderState::RequestWeight(school.students[0].requests[0]);
  Rng rng(1);
  state.ScheduleStudent(0, /*allow_ejection=*/false, rng, /*must_beat=*/one_course);
  EXPECT_TRUE(state.assignments(0).empty());
  state.ScheduleStudent(0, /*allow_ejection=*/false, rng, /*must_beat=*/one_course - 0.01);
  EXPECT_EQ(state.assignments(0).size(), 1u);
}

// Y (complete) holds A's only seat, which X wants a little more (priority 1 against 9). X cannot
// be complete anyway (D is not placed): taking the seat would win 0.16 of score for a complete
// schedule, which Regroup refuses.
TEST(LoaderSearchTest, RegroupKeepsCompleteSchedulesOverSmallGains) {
  School school = FiveCourses(2);
  school.sections = {MakeSection("A-1", "A", "TA", "R1", 0, kYear),
                     MakeSection("D-1", "D", "TD", "R2")};
  school.sections[0].max_students = 1;
  school.students = {MakeStudent("X", 9, {"A", "D"}), MakeStudent("Y", 9, {"A"})};
  school.students[0].requests[0].required = false;
  school.students[1].requests[0].required = false;
  school.students[1].requests[0].priority = 9;
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok()) << index.status();
  LoaderState state(*index);
  state.Enroll(1, Assignment{0, 0, false, false});
  ASSERT_GT(LoaderState::RequestWeight(school.students[0].requests[0]),
            LoaderState::RequestWeight(school.students[1].requests[0]));
  Rng rng(1);
  EXPECT_EQ(Regroup(state, {0, 1}, /*accept_ties=*/true, rng), 0);
  EXPECT_EQ(state.members(0), std::vector<int>{1});
  EXPECT_TRUE(state.Complete(1));
}

}  // namespace
}  // namespace secsched::engine
