#include "services/sectioning/engine/student_conflicts.h"

#include <gtest/gtest.h>

#include "services/sectioning/engine/core_test_school.h"
#include "services/sectioning/engine/build_sections.h"
#include "services/sectioning/engine/loader_state.h"
#include "services/sectioning/engine/master_moves.h"

namespace secsched::engine {
namespace {

using namespace core_testing;

// Courses A, B, C with one teacher and room per section; sections locked where given, so that
// ScheduleState places them at once.
School WithSections(std::vector<Section> sections, std::vector<std::string> wants, int periods = 2) {
  School school = EmptySchool(periods);
  school.courses = {MakeCourse("A"), MakeCourse("B"), MakeCourse("C")};
  for (Section& s : sections) {
    school.teachers.push_back(MakeTeacher("T_" + s.id, {s.course_id}));
    school.rooms.push_back(MakeRoom("R_" + s.id));
    s.teacher_id = "T_" + s.id;
    s.room_id = "R_" + s.id;
    s.locked = true;
  }
  school.sections = std::move(sections);
  school.students.push_back(MakeStudent("S1", 9, wants));
  return school;
}

double RequiredWeight() { return LoaderState::RequestWeight(Request{"A", true, 1, {}}); }

TEST(StudentConflictsTest, NoCostWhenAClashFreeChoiceExists) {
  School school = WithSections({MakeSection("A-1", "A", "", "", 0, kYear),
                                MakeSection("A-2", "A", "", "", 1, kYear),
                                MakeSection("B-1", "B", "", "", 0, kYear)},
                               {"A", "B"});
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  std::vector<std::string> warnings;
  ScheduleState state(*index, warnings);
  StudentConflicts conflicts(*index, state);
  EXPECT_DOUBLE_EQ(conflicts.total(), 0);
  EXPECT_TRUE(conflicts.ConflictedStudents().empty());
}

// Every pair of A, B, C can be taken without a clash, but not all three in two periods: the
// pairwise objective sees no forced clash, the student's exact cost is one request.
TEST(StudentConflictsTest, SeesAFullDayThatPairsDoNot) {
  School school = WithSections({MakeSection("A-1", "A", "", "", 0, kYear),
                                MakeSection("A-2", "A", "", "", 1, kYear),
                                MakeSection("B-1", "B", "", "", 0, kYear),
                                MakeSection("B-2", "B", "", "", 1, kYear),
                                MakeSection("C-1", "C", "", "", 0, kYear),
                                MakeSection("C-2", "C", "", "", 1, kYear)},
                               {"A", "B", "C"});
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  std::vector<std::string> warnings;
  ScheduleState state(*index, warnings);
  StudentConflicts conflicts(*index, state);
  EXPECT_NEAR(conflicts.total(), RequiredWeight(), 1e-9);
  EXPECT_EQ(conflicts.ConflictedStudents(), std::vector<int>{0});
}

TEST(StudentConflictsTest, StageEvaluatesAMoveAndCommitKeepsIt) {
  School school = WithSections({MakeSection("A-1", "A", "", "", 0, kYear),
                                MakeSection("B-1", "B", "", "", 0, kYear)},
                               {"A", "B"});
  school.sections[1].locked = false;  // B-1 starts unplaced and is placed by hand
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  std::vector<std::string> warnings;
  ScheduleState state(*index, warnings);
  state.Add(1, Placement{0, kYear}, state.FindRoomIfFeasible(1, Placement{0, kYear}));
  StudentConflicts conflicts(*index, state);
  EXPECT_NEAR(conflicts.total(), RequiredWeight(), 1e-9);  // A-1 and B-1 clash

  state.Remove(1);
  state.Add(1, Placement{1, kYear}, state.FindRoomIfFeasible(1, Placement{1, kYear}));
  EXPECT_NEAR(conflicts.Stage({1}), -RequiredWeight(), 1e-9);
  EXPECT_NEAR(conflicts.total(), RequiredWeight(), 1e-9);  // not yet committed
  conflicts.Commit();
  EXPECT_NEAR(conflicts.total(), 0, 1e-9);
  EXPECT_NEAR(conflicts.Solve(0), 0, 1e-9);
}

TEST(StudentConflictsTest, RulesAndKeptFreePeriodsCount) {
  School school = WithSections({MakeSection("A-1", "A", "", "", 0, kYear),
                                MakeSection("B-1", "B", "", "", 1, kYear)},
                               {"A", "B"});
  school.students[0].constraints.push_back(
      StudentConstraint{StudentConstraintKind::kKeepPeriodFree, "", PeriodSlot{1, 0}});
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  std::vector<std::string> warnings;
  ScheduleState state(*index, warnings);
  EXPECT_NEAR(StudentConflicts(*index, state).total(), RequiredWeight(), 1e-9);

  school.students[0].constraints.clear();
  school.rules.push_back(CourseRule{RuleType::kSamePeriod, "A", "B"});
  absl::StatusOr<SchoolIndex> ruled = SchoolIndex::Build(school);
  ASSERT_TRUE(ruled.ok());
  ScheduleState ruled_state(*ruled, warnings);
  EXPECT_NEAR(StudentConflicts(*ruled, ruled_state).total(), RequiredWeight(), 1e-9);
}

// Staging moves one by one (skipping students whose witness still holds) agrees with solving
// every student afresh.
TEST(StudentConflictsTest, IncrementalCostsMatchAFreshSolve) {
  for (std::uint64_t seed : {1, 2, 3}) {
    School school = RandomSchool(seed, 40);
    absl::StatusOr<BuildSectionsResult> built = BuildSections(school, RunOptions{});
    ASSERT_TRUE(built.ok());
    school.sections = built->sections;
    absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
    ASSERT_TRUE(index.ok());
    std::vector<std::string> warnings;
    ScheduleState state(*index, warnings);
    Rng rng(seed);
    for (int s = 0; s < state.num_sections(); ++s)
      if (state.movable(s)) PlaceBest(state, s, rng);
    StudentConflicts conflicts(*index, state);
    const Accept keep = [&](double, const std::vector<int>& moved) {
      conflicts.Stage(moved);
      conflicts.Commit();
      return true;
    };
    for (int k = 0; k < 300; ++k) {
      const int s = rng.Below(state.num_sections());
      if (state.movable(s) && !state.options(s).empty()) TryRelocate(state, s, keep, rng);
    }
    EXPECT_NEAR(conflicts.total(), StudentConflicts(*index, state).total(), 1e-6) << seed;
  }
}

}  // namespace
}  // namespace secsched::engine
