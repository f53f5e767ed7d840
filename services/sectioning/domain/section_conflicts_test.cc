// Each conflict kind's function: a clean trial reports nothing; breaking exactly that rule makes
// it report the conflict (and name the other section where there is one).
#include "services/sectioning/domain/section_conflicts.h"

#include <gtest/gtest.h>

namespace secsched::sectioning {
namespace {

using catalog::CatalogCourse;
using catalog::CatalogRoom;
using catalog::CatalogTeacher;

Section MakeSection(std::string id, std::string course, std::string teacher, std::string room,
                    std::vector<Meeting> meetings) {
  return Section{.section_id = std::move(id),
                 .course_id = std::move(course),
                 .primary_teacher_id = std::move(teacher),
                 .room_id = std::move(room),
                 .capacity = 25,
                 .meetings = std::move(meetings)};
}

// Two sections of two courses in different periods, different teachers and rooms: no conflict.
struct School {
  std::vector<CatalogCourse> courses = {
      CatalogCourse{.id = "bio", .max_students = 28, .room_type = "lab"},
      CatalogCourse{.id = "eng", .max_students = 30, .room_type = "regular"}};
  std::vector<CatalogTeacher> teachers = {CatalogTeacher{.id = "t1", .max_sections = 5},
                                          CatalogTeacher{.id = "t2", .max_sections = 5}};
  std::vector<CatalogRoom> rooms = {
      CatalogRoom{.id = "lab1", .capacity = 28, .room_type = "lab"},
      CatalogRoom{.id = "r101", .capacity = 30, .room_type = "regular"}};
  std::vector<Section> sections = {
      MakeSection("bio-1", "bio", "t1", "lab1", {{"s1", 1, ""}, {"s2", 1, ""}}),
      MakeSection("eng-1", "eng", "t2", "r101", {{"s1", 2, ""}, {"s2", 2, ""}})};
  std::vector<NotSamePeriodRule> rules;

  ConflictContext Context() const {
    return ConflictContext(sections, courses, teachers, rooms, rules);
  }
  std::vector<Conflict> Of(size_t i) const { return Conflicts(sections[i], Context()); }
};

TEST(SectionConflictsTest, ACleanTrialHasNone) {
  School school;
  EXPECT_TRUE(school.Of(0).empty());
  EXPECT_TRUE(school.Of(1).empty());
}

TEST(SectionConflictsTest, TeacherDoubleBookedByPrimaryOrCoTeacher) {
  School school;
  school.sections[1].meetings = {{"s1", 1, ""}};
  school.sections[1].co_teacher_ids = {"t1"};
  std::vector<Conflict> found = TeacherDoubleBooked(school.sections[1], school.Context());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ConflictKind::kTeacherDoubleBooked);
  EXPECT_EQ(found[0].other_section_id, "bio-1");
  // And seen from the other side, through the primary.
  found = TeacherDoubleBooked(school.sections[0], school.Context());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].other_section_id, "eng-1");
}

TEST(SectionConflictsTest, DayTypesThatDoNotOverlapDoNotClash) {
  School school;
  school.sections[0].meetings = {{"s1", 1, "A"}};
  school.sections[1].meetings = {{"s1", 1, "B"}};
  school.sections[1].primary_teacher_id = "t1";
  EXPECT_TRUE(TeacherDoubleBooked(school.sections[1], school.Context()).empty());
  school.sections[1].meetings = {{"s1", 1, ""}};  // every day: meets on A days too
  EXPECT_EQ(TeacherDoubleBooked(school.sections[1], school.Context()).size(), 1u);
}

TEST(SectionConflictsTest, RoomDoubleBooked) {
  School school;
  school.sections[1].room_id = "lab1";
  school.sections[1].meetings = {{"s2", 1, ""}};
  std::vector<Conflict> found = RoomDoubleBooked(school.sections[1], school.Context());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ConflictKind::kRoomDoubleBooked);
  EXPECT_EQ(found[0].other_section_id, "bio-1");
}

TEST(SectionConflictsTest, TeacherUnavailableInOneTermOrEveryTerm) {
  School school;
  school.teachers[0].unavailable = {{.period = 1, .term_id = "s2"}};
  std::vector<Conflict> found = TeacherUnavailable(school.sections[0], school.Context());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ConflictKind::kTeacherUnavailable);
  school.teachers[0].unavailable = {{.period = 1, .term_id = ""}};
  EXPECT_EQ(TeacherUnavailable(school.sections[0], school.Context()).size(), 1u);
  school.teachers[0].unavailable = {{.period = 3, .term_id = ""}};
  EXPECT_TRUE(TeacherUnavailable(school.sections[0], school.Context()).empty());
}

TEST(SectionConflictsTest, RoomUnavailable) {
  School school;
  school.rooms[0].unavailable = {{.period = 1, .term_id = "s1"}};
  std::vector<Conflict> found = RoomUnavailable(school.sections[0], school.Context());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ConflictKind::kRoomUnavailable);
}

TEST(SectionConflictsTest, RoomTypeMismatch) {
  School school;
  school.sections[0].room_id = "r101";  // biology needs a lab
  std::vector<Conflict> found = RoomTypeMismatch(school.sections[0], school.Context());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ConflictKind::kRoomTypeMismatch);
}

TEST(SectionConflictsTest, CapacityOverRoom) {
  School school;
  school.sections[0].capacity = 29;  // lab1 seats 28
  std::vector<Conflict> found = CapacityOverRoom(school.sections[0], school.Context());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ConflictKind::kCapacityOverRoom);
  school.sections[0].capacity = 28;
  EXPECT_TRUE(CapacityOverRoom(school.sections[0], school.Context()).empty());
}

TEST(SectionConflictsTest, RuleNotSamePeriodBindsTheMasterInBothDirections) {
  School school;
  school.rules = {{"eng", "bio"}};
  EXPECT_TRUE(RuleNotSamePeriod(school.sections[0], school.Context()).empty());
  school.sections[1].meetings = {{"s2", 1, ""}};
  std::vector<Conflict> found = RuleNotSamePeriod(school.sections[0], school.Context());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ConflictKind::kRuleNotSamePeriod);
  EXPECT_EQ(found[0].other_section_id, "eng-1");
  EXPECT_EQ(RuleNotSamePeriod(school.sections[1], school.Context()).size(), 1u);
}

TEST(SectionConflictsTest, TeacherOverMaxSectionsCountsCoTeaching) {
  School school;
  school.teachers[0].max_sections = 1;
  EXPECT_TRUE(TeacherOverMaxSections(school.sections[0], school.Context()).empty());
  school.sections[1].co_teacher_ids = {"t1"};
  std::vector<Conflict> found = TeacherOverMaxSections(school.sections[0], school.Context());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ConflictKind::kTeacherOverMaxSections);
  school.teachers[0].max_sections = 0;  // 0 = no limit
  EXPECT_TRUE(TeacherOverMaxSections(school.sections[0], school.Context()).empty());
}

TEST(SectionConflictsTest, TeamMismatchNamesTheStudentsNotOnTheSectionsTeam) {
  School school;
  school.sections[0].team_id = "academy";
  ConflictContext context = school.Context();
  context.SetTeamRosters({{"bio-1", {"ann", "bob"}}, {"eng-1", {"cat"}}},
                         {{"ann", "academy"}, {"bob", "academy"}, {"cat", "arts"}});
  EXPECT_TRUE(TeamMismatch(school.sections[0], context).empty());
  EXPECT_TRUE(TeamMismatch(school.sections[1], context).empty()) << "eng-1 has no team";

  // bob leaves the team; dan (no team) sits in the academy section.
  context.SetTeamRosters({{"bio-1", {"ann", "bob", "dan"}}}, {{"ann", "academy"}, {"bob", "arts"}});
  std::vector<Conflict> found = TeamMismatch(school.sections[0], context);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, ConflictKind::kTeamMismatch);
  EXPECT_EQ(found[0].message, "2 enrolled students are not on team academy: bob, dan.");
  EXPECT_EQ(Conflicts(school.sections[0], context), found);
}

TEST(SectionConflictsTest, AMovedCopyIsNotComparedWithItself) {
  School school;
  Section moved = school.sections[0];
  moved.meetings = {{"s1", 2, ""}, {"s2", 2, ""}};
  std::vector<Conflict> after = Conflicts(moved, school.Context());
  ASSERT_EQ(after.size(), 0u) << "t1 only teaches bio-1 itself";
  moved.primary_teacher_id = "t2";
  after = Conflicts(moved, school.Context());
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(NewConflicts(school.Of(0), after), after);
  EXPECT_TRUE(NewConflicts(after, after).empty());
}

}  // namespace
}  // namespace secsched::sectioning
