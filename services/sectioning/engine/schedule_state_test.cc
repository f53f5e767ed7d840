#include "services/sectioning/engine/schedule_state.h"

#include <gtest/gtest.h>

#include "services/sectioning/engine/core_test_school.h"

namespace secsched::engine {
namespace {

using namespace core_testing;

// Two sections of A (taught by different teachers, in different rooms), 10 students.
School TwoSectionsOfA() {
  School school = EmptySchool(3);
  school.courses = {MakeCourse("A"), MakeCourse("S", TermLength::kSemester)};
  school.teachers = {MakeTeacher("T1", {"A", "S"}), MakeTeacher("T2", {"A", "S"})};
  school.rooms = {MakeRoom("R1"), MakeRoom("R2")};
  school.sections = {MakeSection("A-1", "A", "T1", "R1"), MakeSection("A-2", "A", "T2", "R2"),
                     MakeSection("S-1", "S", "T1", "R1"), MakeSection("S-2", "S", "T2", "R2")};
  for (int s = 0; s < 10; ++s)
    school.students.push_back(MakeStudent("S" + std::to_string(s), 9, {"A", "S"}));
  return school;
}

// Stacked sections of one course (same period, overlapping terms) cost students / sections^2 per
// pair; apart, or in different terms of one period, they cost nothing.
TEST(ScheduleStateTest, StackedSectionsOfOneCourseCost) {
  School school = TwoSectionsOfA();
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  std::vector<std::string> warnings;
  ScheduleState state(*index, warnings);
  state.Add(0, Placement{0, kYear}, 0);
  const double alone = state.cost();
  EXPECT_NEAR(state.AddCost(1, Placement{0, kYear}) - state.AddCost(1, Placement{1, kYear}),
              10.0 / 4, 1e-9);
  state.Add(1, Placement{0, kYear}, 1);
  EXPECT_NEAR(state.cost() - alone, -ScheduleState::kUnplacedPenalty + 10.0 / 4, 1e-9);
  EXPECT_NEAR(state.cost(), state.RecomputeCost(), 1e-6);
  state.Remove(1);
  state.Add(1, Placement{1, kYear}, 1);
  EXPECT_NEAR(state.cost(), state.RecomputeCost(), 1e-6);

  // Semester sections of one course in one period but different semesters do not stack.
  state.Add(2, Placement{2, kS1}, 0);
  const double one = state.cost();
  state.Add(3, Placement{2, kS2}, 1);
  EXPECT_NEAR(state.cost() - one, -ScheduleState::kUnplacedPenalty, 1e-9);
  EXPECT_NEAR(state.cost(), state.RecomputeCost(), 1e-6);
}

}  // namespace
}  // namespace secsched::engine
