#include "services/sectioning/engine/seated_students.h"

#include <gtest/gtest.h>

#include "services/sectioning/engine/core_test_school.h"
#include "services/sectioning/engine/loader_state.h"
#include "services/sectioning/engine/master_refine.h"

namespace secsched::engine {
namespace {

using namespace core_testing;

// Course A with two sections of `seats` seats (periods 0 and 1 when placed), a singleton B, and
// `students` students requesting both.
School TwoSectionsOfA(int seats, int students) {
  School school = EmptySchool(3);
  school.courses = {MakeCourse("A", TermLength::kYear, seats), MakeCourse("B")};
  school.teachers = {MakeTeacher("TA1", {"A"}), MakeTeacher("TA2", {"A"}),
                     MakeTeacher("TB", {"B"})};
  school.rooms = {MakeRoom("R1"), MakeRoom("R2"), MakeRoom("R3")};
  school.sections = {MakeSection("A-1", "A", "TA1", "R1"), MakeSection("A-2", "A", "TA2", "R2"),
                     MakeSection("B-1", "B", "TB", "R3")};
  for (int s = 0; s < students; ++s)
    school.students.push_back(MakeStudent("S" + std::to_string(s), 9, {"A", "B"}));
  return school;
}

// The school with and B-1 placed (year-long) in the given periods, each in its own room.
struct Fixture {
  Fixture(School s, int a1_period, int a2_period, int b1_period)
      : school(std::move(s)), index(*SchoolIndex::Build(school)), state(index, warnings) {
    const int periods[] = {a1_period, a2_period, b1_period};
    for (int section = 0; section < 3; ++section)
      state.Add(section, Placement{periods[section], kYear}, section);
  }
  School school;
  SchoolIndex index;
  std::vector<std::string> warnings;
  ScheduleState state;
};

TEST(SeatedStudentsTest, StudentsSpreadOverSectionsWithSeats) {
  Fixture f(TwoSectionsOfA(2, 4), 0, 1, 2);
  SeatedStudents seated(f.index, f.state);
  EXPECT_EQ(seated.seated(0), 2);
  EXPECT_EQ(seated.seated(1), 2);
  EXPECT_EQ(seated.overflow(), 0);
  EXPECT_NEAR(seated.total(), 0, 1e-9);
  EXPECT_TRUE(seated.Targets().empty());
}

// Both sections of A fit B only at period 1: three students for two seats there. A seat over
// capacity costs less than leaving a course out, so the third student takes it and is counted.
TEST(SeatedStudentsTest, SeatsOverCapacityAreCounted) {
  Fixture f(TwoSectionsOfA(2, 3), 0, 1, 0);  // B clashes with A-1
  SeatedStudents seated(f.index, f.state);
  EXPECT_EQ(seated.seated(1), 3);
  EXPECT_EQ(seated.overflow(), 1);
  EXPECT_NEAR(seated.total(), SeatedStudents::kOverflowWeight, 1e-9);
  EXPECT_EQ(seated.Targets().size(), 3u);  // everyone in the over-full section may move
}

// Moving B away from A-1 lets a student leave the over-full A-2; a rolled-back stage restores
// every count and witness.
TEST(SeatedStudentsTest, StageFollowsAMoveAndRollbackRestores) {
  Fixture f(TwoSectionsOfA(2, 3), 0, 1, 0);
  SeatedStudents seated(f.index, f.state);
  const double before = seated.total();
  std::vector<std::vector<int>> witnesses;
  for (int st = 0; st < 3; ++st) witnesses.push_back(seated.witness(st));

  f.state.Remove(2);
  f.state.Add(2, Placement{2, kYear}, 2);
  const double delta = seated.Stage({2});
  EXPECT_NEAR(delta, -SeatedStudents::kOverflowWeight, 1e-9);
  EXPECT_EQ(seated.overflow(), 0);
  seated.Rollback();
  EXPECT_NEAR(seated.total(), before, 1e-9);
  EXPECT_EQ(seated.overflow(), 1);
  for (int st = 0; st < 3; ++st) EXPECT_EQ(seated.witness(st), witnesses[st]);

  EXPECT_NEAR(seated.Stage({2}), -SeatedStudents::kOverflowWeight, 1e-9);
  seated.Commit();
  EXPECT_NEAR(seated.total(), 0, 1e-9);
  EXPECT_EQ(seated.seated(0) + seated.seated(1), 3);
}

// A move that breaks a student's choice re-seats it; one that leaves no room for a course leaves
// it out at its weight (plus the incomplete-student weight).
TEST(SeatedStudentsTest, BrokenChoiceIsReseatedOrLeftOut) {
  Fixture f(TwoSectionsOfA(5, 1), 0, 1, 2);
  SeatedStudents seated(f.index, f.state);
  ASSERT_NEAR(seated.total(), 0, 1e-9);
  // Both A sections to period 2, onto B: A or B must go.
  for (int s : {0, 1}) f.state.Remove(s);
  f.state.Add(0, Placement{2, kYear}, 0);
  f.state.Add(1, Placement{2, kYear}, 1);
  const double weight = LoaderState::RequestWeight(f.school.students[0].requests[0]);
  EXPECT_NEAR(seated.Stage({0, 1}), weight + SeatedStudents::kIncompleteWeight, 1e-9);
  seated.Commit();
  EXPECT_EQ(seated.witness(0).size(), 1u);
  EXPECT_EQ(seated.Targets(), (std::vector<int>{0}));
}

// The refinement sees seats: both A sections fit B's students, but A-2 alone (period 1) cannot
// seat all ten; the refinement moves A-1 or B so that both A sections are usable.
TEST(SeatedStudentsTest, RefineMakesRoomForSeats) {
  Fixture f(TwoSectionsOfA(5, 10), 0, 1, 0);
  EXPECT_GT(SeatedStudents(f.index, f.state).overflow(), 0);
  RunOptions options;
  options.time_limit = std::chrono::milliseconds(60000);
  RunControl control(options);
  Rng rng(3);
  const RefineStats stats = Refine(f.index, f.state, 5000, 1L << 40, rng, control);
  EXPECT_GT(stats.before, 0);
  EXPECT_NEAR(stats.after, 0, 1e-9);
  EXPECT_FALSE(f.index.Overlaps(f.state.placement(0), 1, f.state.placement(2), 1));
  EXPECT_FALSE(f.index.Overlaps(f.state.placement(1), 1, f.state.placement(2), 1));
}

}  // namespace
}  // namespace secsched::engine
