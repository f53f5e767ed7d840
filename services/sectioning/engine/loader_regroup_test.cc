#include "services/sectioning/engine/loader_regroup.h"

#include <gtest/gtest.h>

#include "services/sectioning/engine/core_test_school.h"

namespace secsched::engine {
namespace {

using namespace core_testing;

// A has one-seat sections in periods 0 and 1; B is a singleton in period 0. X wants A and B (so
// needs A-2), Y wants A only, and sits in A-2: X cannot get A without Y moving to A-1.
School SeatExchange() {
  School school = EmptySchool(2);
  school.courses = {MakeCourse("A", TermLength::kYear, 1), MakeCourse("B")};
  school.teachers = {MakeTeacher("TA", {"A"}), MakeTeacher("TB", {"B"})};
  school.rooms = {MakeRoom("R1"), MakeRoom("R2")};
  school.sections = {MakeSection("A-1", "A", "TA", "R1", 0, kYear),
                     MakeSection("A-2", "A", "TA", "R1", 1, kYear),
                     MakeSection("B-1", "B", "TB", "R2", 0, kYear)};
  school.students = {MakeStudent("X", 9, {"A", "B"}), MakeStudent("Y", 9, {"A"})};
  return school;
}

TEST(LoaderRegroupTest, PickRegroupTakesMembersOfWantedSections) {
  School school = SeatExchange();
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  LoaderState state(*index);
  state.Enroll(1, Assignment{1, 0, false, false});  // Y in A-2
  state.Enroll(0, Assignment{2, 1, false, false});  // X in B-1
  Rng rng(1);
  EXPECT_EQ(PickRegroup(state, 0, 3, rng), (std::vector<int>{0, 1}));
  EXPECT_TRUE(PickRegroup(state, 1, 3, rng).empty());  // Y is complete
}

TEST(LoaderRegroupTest, RegroupExchangesSeats) {
  School school = SeatExchange();
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  LoaderState state(*index);
  state.Enroll(1, Assignment{1, 0, false, false});
  state.Enroll(0, Assignment{2, 1, false, false});
  ASSERT_FALSE(state.Complete(0));
  Rng rng(1);
  EXPECT_GT(Regroup(state, {0, 1}, /*accept_ties=*/false, rng), 0);
  EXPECT_TRUE(state.Complete(0));
  EXPECT_TRUE(state.Complete(1));
  EXPECT_EQ(state.members(1), std::vector<int>{0});  // X in A-2
  EXPECT_EQ(state.members(0), std::vector<int>{1});  // Y in A-1
}

TEST(LoaderRegroupTest, RegroupRestoresWhenNothingIsGained) {
  School school = SeatExchange();
  school.students[1].requests.push_back(Request{"B", true, 1, {}});  // Y now needs A-2 too
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  LoaderState state(*index);
  state.Enroll(1, Assignment{1, 0, false, false});
  state.Enroll(1, Assignment{2, 1, false, false});
  state.Enroll(0, Assignment{2, 1, false, false});
  Rng rng(1);
  EXPECT_EQ(Regroup(state, {0, 1}, /*accept_ties=*/false, rng), 0);
  EXPECT_EQ(state.members(1), std::vector<int>{1});  // Y keeps A-2
  EXPECT_EQ(state.assignments(0).size(), 1u);
  EXPECT_EQ(state.assignments(1).size(), 2u);
}

TEST(LoaderRegroupTest, LockedEnrollmentsStay) {
  School school = SeatExchange();
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  LoaderState state(*index);
  state.Enroll(1, Assignment{1, 0, false, /*locked=*/true});  // Y is locked in A-2
  state.Enroll(0, Assignment{2, 1, false, false});
  Rng rng(1);
  Regroup(state, {0, 1}, /*accept_ties=*/true, rng);
  EXPECT_EQ(state.members(1), std::vector<int>{1});
  EXPECT_FALSE(state.Complete(0));
}

// A tie that would hand a seat from grade 12 to grade 9 is refused (upper grades load first).
TEST(LoaderRegroupTest, TiesKeepSeatsWithUpperGrades) {
  School school = SeatExchange();
  school.sections.pop_back();  // no B: X and Y both want A, which has one seat left
  school.sections.pop_back();
  school.students[0].requests.pop_back();
  school.students[1].grade = 12;
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  LoaderState state(*index);
  state.Enroll(1, Assignment{0, 0, false, false});  // Y (grade 12) in A-1
  Rng rng(1);
  EXPECT_EQ(Regroup(state, {0, 1}, /*accept_ties=*/true, rng), 0);
  EXPECT_EQ(state.members(0), std::vector<int>{1});
}

}  // namespace
}  // namespace secsched::engine
