#include "services/sectioning/engine/master_refine.h"

#include <gtest/gtest.h>

#include "services/sectioning/engine/core_test_school.h"
#include "services/sectioning/engine/master_moves.h"
#include "services/sectioning/engine/seated_students.h"

namespace secsched::engine {
namespace {

using namespace core_testing;

// Three singletons everyone requests, three periods, all placed in period 0 to start.
School ThreeSingletons() {
  School school = EmptySchool(3);
  for (const char* c : {"A", "B", "C"}) {
    school.courses.push_back(MakeCourse(c));
    school.teachers.push_back(MakeTeacher(std::string("T") + c, {c}));
    school.rooms.push_back(MakeRoom(std::string("R") + c));
    school.sections.push_back(
        MakeSection(std::string(c) + "-1", c, std::string("T") + c, std::string("R") + c));
  }
  for (int s = 0; s < 5; ++s)
    school.students.push_back(MakeStudent("S" + std::to_string(s), 9, {"A", "B", "C"}));
  return school;
}

TEST(MasterRefineTest, RefineClearsStudentConflicts) {
  School school = ThreeSingletons();
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  std::vector<std::string> warnings;
  ScheduleState state(*index, warnings);
  for (int s = 0; s < 3; ++s) state.Add(s, Placement{0, kYear}, s);
  RunOptions options;
  options.time_limit = std::chrono::milliseconds(60000);
  RunControl control(options);
  Rng rng(7);
  const RefineStats stats = Refine(*index, state, 2000, 1L << 40, rng, control);
  EXPECT_GT(stats.before, 0);
  EXPECT_NEAR(stats.after, 0, 1e-9);
  EXPECT_NEAR(SeatedStudents(*index, state).total(), 0, 1e-9);
  for (int a = 0; a < 3; ++a)
    for (int b = a + 1; b < 3; ++b) EXPECT_NE(state.placement(a).period, state.placement(b).period);
}

TEST(MasterRefineTest, RefineStopsOnCancel) {
  School school = ThreeSingletons();
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  std::vector<std::string> warnings;
  ScheduleState state(*index, warnings);
  for (int s = 0; s < 3; ++s) state.Add(s, Placement{0, kYear}, s);
  std::atomic<bool> cancel{true};
  RunOptions options;
  options.cancel = &cancel;
  RunControl control(options);
  Rng rng(7);
  const RefineStats stats = Refine(*index, state, 1000000, 1L << 40, rng, control);
  EXPECT_DOUBLE_EQ(stats.after, stats.before);  // stopped before the first move
}

// Two sections of different courses and teachers exchange periods when both teachers and rooms
// are free at the other's period; the move is undone exactly when rejected.
TEST(MasterMovesTest, TrySwapExchangesPeriodsAcrossCourses) {
  School school = ThreeSingletons();
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  std::vector<std::string> warnings;
  ScheduleState state(*index, warnings);
  state.Add(0, Placement{0, kYear}, 0);
  state.Add(1, Placement{1, kYear}, 1);
  const double cost = state.cost();
  EXPECT_FALSE(TrySwap(state, 0, 1, [](double, const std::vector<int>&) { return false; }));
  EXPECT_EQ(state.placement(0).period, 0);
  EXPECT_EQ(state.placement(1).period, 1);
  EXPECT_DOUBLE_EQ(state.cost(), cost);
  std::vector<int> moved;
  EXPECT_TRUE(TrySwap(state, 0, 1, [&](double, const std::vector<int>& m) {
    moved = m;
    return true;
  }));
  EXPECT_EQ(state.placement(0).period, 1);
  EXPECT_EQ(state.placement(1).period, 0);
  EXPECT_EQ(moved, (std::vector<int>{0, 1}));
}

}  // namespace
}  // namespace secsched::engine
