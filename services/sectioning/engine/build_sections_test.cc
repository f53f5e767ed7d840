#include "services/sectioning/engine/build_sections.h"

#include <gtest/gtest.h>

#include <map>

#include "services/sectioning/engine/core_test_school.h"
#include "services/sectioning/engine/engine.h"

namespace secsched::engine {
namespace {

using namespace core_testing;

std::map<std::string, int> SectionsPerCourse(const std::vector<Section>& sections) {
  std::map<std::string, int> count;
  for (const Section& s : sections) ++count[s.course_id];
  return count;
}

School Tally(int a_requests, int b_requests) {
  School school = EmptySchool();
  school.courses = {MakeCourse("A", TermLength::kYear, 25), MakeCourse("B", TermLength::kYear, 30)};
  school.teachers = {MakeTeacher("T1", {"A", "B"}, 10), MakeTeacher("T2", {"A"}, 10)};
  school.rooms = {MakeRoom("R1", 30)};
  for (int s = 0; s < std::max(a_requests, b_requests); ++s) {
    std::vector<std::string> wants;
    if (s < a_requests) wants.push_back("A");
    if (s < b_requests) wants.push_back("B");
    school.students.push_back(MakeStudent("S" + std::to_string(s), 9, wants));
  }
  return school;
}

TEST(BuildSectionsTest, CountIsCeilOfRequestsOverMax) {
  absl::StatusOr<BuildSectionsResult> result = BuildSections(Tally(51, 27), RunOptions{});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(SectionsPerCourse(result->sections), (std::map<std::string, int>{{"A", 3}, {"B", 1}}));
  EXPECT_TRUE(result->warnings.empty());
  for (const Section& s : result->sections) {
    EXPECT_FALSE(s.teacher_id.empty());
    EXPECT_EQ(s.room_id, "R1");
    EXPECT_FALSE(s.placement.placed());
  }
  EXPECT_EQ(result->sections[0].id, "A-1");
  EXPECT_EQ(result->sections[2].id, "A-3");
}

TEST(BuildSectionsTest, FixedCountHonoured) {
  School school = Tally(51, 30);
  school.courses[0].sections_to_build = 1;
  school.courses[1].sections_to_build = 4;
  absl::StatusOr<BuildSectionsResult> result = BuildSections(school, RunOptions{});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(SectionsPerCourse(result->sections), (std::map<std::string, int>{{"A", 1}, {"B", 4}}));
}

TEST(BuildSectionsTest, KeepsExistingSectionsAndCountsThem) {
  School school = Tally(51, 0);
  Section locked = MakeSection("A-1", "A", "T2", "R1", 3, kYear);
  locked.locked = true;
  school.sections = {locked};
  absl::StatusOr<BuildSectionsResult> result = BuildSections(school, RunOptions{});
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->sections.size(), 3u);
  EXPECT_EQ(result->sections[0].id, "A-1");
  EXPECT_EQ(result->sections[0].placement, (Placement{3, kYear}));
  EXPECT_EQ(result->sections[1].id, "A-2");
  EXPECT_EQ(result->sections[2].id, "A-3");
}

// 51 students want A (25 seats a section); 10 of them are in team T, which has one A section of
// its own. Its 25 seats serve only those 10: the other 41 need two open sections, not one.
TEST(BuildSectionsTest, TeamSectionsCountOnlyForTheirTeam) {
  School school = Tally(51, 0);
  for (int s = 0; s < 10; ++s) school.students[s].team = "T";
  Section team = MakeSection("A-T1", "A", "", "");
  team.team = "T";
  school.sections.push_back(team);
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  const TeamSeats seats = TeamSeatsOf(*index, 0);
  EXPECT_EQ(seats.sections, 1);
  EXPECT_EQ(seats.usable_seats, 10);
  absl::StatusOr<BuildSectionsResult> result = BuildSections(school, RunOptions{});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(SectionsPerCourse(result->sections)["A"], 3);  // the team's + two open
}

TEST(BuildSectionsTest, TeacherMaxSectionsRespectedAndLoadsBalanced) {
  School school = Tally(95, 0);  // A: 4 sections (95 % full: no slack section)
  school.teachers = {MakeTeacher("T1", {"A"}, 1), MakeTeacher("T2", {"A"}, 5),
                     MakeTeacher("T3", {"A"}, 5)};
  absl::StatusOr<BuildSectionsResult> result = BuildSections(school, RunOptions{});
  ASSERT_TRUE(result.ok());
  std::map<std::string, int> load;
  for (const Section& s : result->sections) ++load[s.teacher_id];
  EXPECT_LE(load["T1"], 1);
  EXPECT_EQ(load["T1"] + load["T2"] + load["T3"], 4);
  EXPECT_LE(std::abs(load["T2"] - load["T3"]), 1);
}

TEST(BuildSectionsTest, WarnsWhenNoTeacherOrRoom) {
  School school = Tally(60, 0);
  school.teachers = {MakeTeacher("T1", {"A"}, 1)};
  school.courses[0].room_type = "lab";
  absl::StatusOr<BuildSectionsResult> result = BuildSections(school, RunOptions{});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->sections.size(), 3u);
  int no_teacher = 0, no_room = 0;
  for (const Section& s : result->sections) {
    no_teacher += s.teacher_id.empty();
    no_room += s.room_id.empty();
  }
  EXPECT_EQ(no_teacher, 2);
  EXPECT_EQ(no_room, 3);
  EXPECT_EQ(result->warnings.size(), 5u);
}

// 49 requests for two sections of 25 (98 % full): one more section, for slack.
TEST(BuildSectionsTest, SlackSectionWhenNearlyFull) {
  absl::StatusOr<BuildSectionsResult> result = BuildSections(Tally(49, 0), RunOptions{});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(SectionsPerCourse(result->sections)["A"], 3);
  for (const Section& s : result->sections) EXPECT_FALSE(s.teacher_id.empty()) << s.id;
  EXPECT_TRUE(result->warnings.empty());
}

TEST(BuildSectionsTest, NoSlackWithoutATeacherToSpare) {
  School school = Tally(49, 0);
  school.teachers = {MakeTeacher("T1", {"A"}, 1), MakeTeacher("T2", {"A"}, 1)};
  absl::StatusOr<BuildSectionsResult> result = BuildSections(school, RunOptions{});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(SectionsPerCourse(result->sections)["A"], 2);
  EXPECT_TRUE(result->warnings.empty());  // slack is optional: no warning when it cannot be built
}

// A teacher who would teach every period of the day with the slack section does not get it.
TEST(BuildSectionsTest, SlackKeepsATeachersPeriodFree) {
  School school = Tally(49, 0);
  school.calendar.periods_per_day = 3;
  school.teachers = {MakeTeacher("T1", {"A"}, 10)};
  school.rooms = {MakeRoom("R1", 30), MakeRoom("R2", 30)};
  absl::StatusOr<BuildSectionsResult> result = BuildSections(school, RunOptions{});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(SectionsPerCourse(result->sections)["A"], 2);
}

TEST(BuildSectionsTest, NoSlackWhenRoomsAreBusy) {
  School school = Tally(49, 0);
  school.calendar.periods_per_day = 3;  // R1: 6 cells; 3 year sections would use all
  absl::StatusOr<BuildSectionsResult> result = BuildSections(school, RunOptions{});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(SectionsPerCourse(result->sections)["A"], 2);
}

// The school's own sections are its decision: slack is only added where the builder creates
// sections, and LINKED courses (paired one to one) get none.
TEST(BuildSectionsTest, NoSlackForGivenSectionsOrLinkedCourses) {
  School given = Tally(49, 0);
  given.sections = {MakeSection("A-1", "A", "T1", "R1"), MakeSection("A-2", "A", "T2", "R1")};
  absl::StatusOr<BuildSectionsResult> result = BuildSections(given, RunOptions{});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(SectionsPerCourse(result->sections)["A"], 2);

  School linked = Tally(49, 49);
  linked.courses[1].max_students = 25;
  linked.rules.push_back(CourseRule{RuleType::kLinked, "A", "B"});
  linked.rooms.push_back(MakeRoom("R2", 30));
  result = BuildSections(linked, RunOptions{});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(SectionsPerCourse(result->sections), (std::map<std::string, int>{{"A", 2}, {"B", 2}}));
}

// 49 requests for A (25 seats a section) get a spare third section, but the only room is free in
// two periods: the master schedule places two sections and does not build the third, rather than
// report a section to fix.
TEST(BuildSectionsTest, MasterScheduleDropsASpareSectionNoPeriodTakes) {
  School school = Tally(49, 0);
  for (int p = 2; p < 6; ++p) school.rooms[0].unavailable.push_back(PeriodSlot{p, 0});
  absl::StatusOr<BuildSectionsResult> built = BuildSections(school, RunOptions{});
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->slack_section_ids, std::vector<std::string>{"A-3"});
  absl::StatusOr<MasterScheduleResult> master = BuildMasterSchedule(school, RunOptions{});
  ASSERT_TRUE(master.ok()) << master.status();
  EXPECT_TRUE(master->unplaced_section_ids.empty());
  EXPECT_EQ(SectionsPerCourse(master->sections)["A"], 2);
  for (const Section& s : master->sections) EXPECT_TRUE(s.placement.placed()) << s.id;
  ASSERT_EQ(master->warnings.size(), 1u);
  EXPECT_NE(master->warnings[0].find("spare section"), std::string::npos) << master->warnings[0];
}

// Without a spare section, an unplaced section is still reported.
TEST(BuildSectionsTest, MasterScheduleReportsANeededSectionNoPeriodTakes) {
  School school = Tally(49, 0);
  for (int p = 1; p < 6; ++p) school.rooms[0].unavailable.push_back(PeriodSlot{p, 0});
  absl::StatusOr<MasterScheduleResult> master = BuildMasterSchedule(school, RunOptions{});
  ASSERT_TRUE(master.ok()) << master.status();
  EXPECT_EQ(master->unplaced_section_ids.size(), 1u);  // of the two A needs, one fits
}

TEST(BuildSectionsTest, MalformedInputIsAnError) {
  School school = Tally(3, 0);
  school.students[0].requests[0].course_id = "GHOST";
  absl::StatusOr<BuildSectionsResult> result = BuildSections(school, RunOptions{});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace secsched::engine
