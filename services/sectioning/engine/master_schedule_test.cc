#include "services/sectioning/engine/master_schedule.h"

#include <gtest/gtest.h>

#include <map>

#include "services/sectioning/engine/conflicts.h"
#include "services/sectioning/engine/core_test_school.h"
#include "services/sectioning/engine/index.h"

namespace secsched::engine {
namespace {

using namespace core_testing;

RunOptions Options() {
  RunOptions options;
  options.seed = 5;
  options.time_limit = std::chrono::milliseconds(60000);
  return options;
}

// Runs the master schedule and returns the school with the result's sections.
School Scheduled(School school, MasterScheduleResult* out = nullptr) {
  absl::StatusOr<MasterScheduleResult> result = BuildMasterSchedule(school, Options());
  EXPECT_TRUE(result.ok()) << result.status();
  if (!result.ok()) return school;
  school.sections = result->sections;
  if (out) *out = *result;
  return school;
}

const Section& SectionById(const School& school, const std::string& id) {
  for (const Section& s : school.sections)
    if (s.id == id) return s;
  ADD_FAILURE() << "no section " << id;
  return school.sections.front();
}

// No teacher or room holds two sections at once.
void ExpectNoDoubleBooking(const School& school) {
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  for (size_t a = 0; a < school.sections.size(); ++a) {
    for (size_t b = a + 1; b < school.sections.size(); ++b) {
      const Section &x = school.sections[a], &y = school.sections[b];
      if (!TimeClash(*index, static_cast<int>(a), static_cast<int>(b))) continue;
      EXPECT_TRUE(x.teacher_id.empty() || x.teacher_id != y.teacher_id) << x.id << " " << y.id;
      EXPECT_TRUE(x.room_id.empty() || x.room_id != y.room_id) << x.id << " " << y.id;
    }
  }
}

// One teacher per course, one room each; every student takes `courses`.
School Simple(const std::vector<std::string>& courses, int students, int periods) {
  School school = EmptySchool(periods);
  for (const std::string& c : courses) {
    school.courses.push_back(MakeCourse(c));
    school.teachers.push_back(MakeTeacher("T_" + c, {c}));
  }
  for (int r = 0; r < static_cast<int>(courses.size()); ++r)
    school.rooms.push_back(MakeRoom("R" + std::to_string(r)));
  for (int s = 0; s < students; ++s)
    school.students.push_back(MakeStudent("S" + std::to_string(s), 9, courses));
  return school;
}

TEST(MasterScheduleTest, FindsZeroConflictPlacementForSingletons) {
  // Six singletons all requested by everyone, six periods: only a perfect placement works.
  School school = Scheduled(Simple({"A", "B", "C", "D", "E", "F"}, 20, 6));
  MasterScheduleResult result;
  school = Scheduled(school, &result);
  EXPECT_EQ(result.conflicted_students, 0);
  EXPECT_NEAR(result.conflict_score, 0, 1e-9);
  EXPECT_TRUE(result.unplaced_section_ids.empty());
  std::map<int, int> per_period;
  for (const Section& s : school.sections) ++per_period[s.placement.period];
  EXPECT_EQ(per_period.size(), 6u);
  ExpectNoDoubleBooking(school);
}

TEST(MasterScheduleTest, NoTeacherOrRoomDoubleBooking) {
  // One teacher and one room for everything: all sections must go to different periods.
  School school = EmptySchool(6);
  school.courses = {MakeCourse("A"), MakeCourse("B"), MakeCourse("C", TermLength::kSemester)};
  school.teachers = {MakeTeacher("T", {"A", "B", "C"}, 6)};
  school.rooms = {MakeRoom("R")};
  school.sections = {MakeSection("A-1", "A", "T", "R"), MakeSection("A-2", "A", "T", "R"),
                     MakeSection("B-1", "B", "T", "R"), MakeSection("C-1", "C", "T", "R"),
                     MakeSection("C-2", "C", "T", "R"), MakeSection("C-3", "C", "T", "R")};
  MasterScheduleResult result;
  school = Scheduled(school, &result);
  EXPECT_TRUE(result.unplaced_section_ids.empty());
  ExpectNoDoubleBooking(school);
}

TEST(MasterScheduleTest, TwoPeriodSectionsBlockBothPeriods) {
  School school = EmptySchool(4);
  school.courses = {MakeCourse("LAB", TermLength::kYear, 30, 2), MakeCourse("A")};
  school.teachers = {MakeTeacher("T", {"LAB", "A"})};
  school.rooms = {MakeRoom("R")};
  school.sections = {MakeSection("LAB-1", "LAB", "T", "R"), MakeSection("LAB-2", "LAB", "T", "R"),
                     MakeSection("A-1", "A", "T", "R")};
  MasterScheduleResult result;
  school = Scheduled(school, &result);
  // 4 periods hold two double periods; the third section cannot fit.
  EXPECT_EQ(result.unplaced_section_ids.size(), 1u);
  ExpectNoDoubleBooking(school);
}

TEST(MasterScheduleTest, HonoursTeacherAndRoomUnavailability) {
  School school = Simple({"A", "B"}, 5, 3);
  school.teachers[0].unavailable = {PeriodSlot{0, 0}, PeriodSlot{1, kS1}};
  school.rooms = {MakeRoom("R")};
  school.rooms[0].unavailable = {PeriodSlot{2, 0}};
  school = Scheduled(school);
  const Section& a = SectionById(school, "A-1");
  const Section& b = SectionById(school, "B-1");
  // Room free only in periods 0 and 1; teacher of A is out in period 0 and in period 1 (S1):
  // A cannot be placed as a year course anywhere, B takes period 0 or 1.
  EXPECT_FALSE(a.placement.placed());
  ASSERT_TRUE(b.placement.placed());
  EXPECT_NE(b.placement.period, 2);
}

TEST(MasterScheduleTest, LockedSectionsKeepPlacementTeacherAndRoom) {
  School school = Simple({"A", "B"}, 10, 4);
  school.teachers.push_back(MakeTeacher("T_X", {"A"}));
  Section locked = MakeSection("A-9", "A", "T_X", "R1", 2, kYear);
  locked.locked = true;
  school.sections = {locked, MakeSection("B-1", "B", "T_B", "")};
  school = Scheduled(school);
  const Section& a = SectionById(school, "A-9");
  EXPECT_EQ(a.placement, (Placement{2, kYear}));
  EXPECT_EQ(a.teacher_id, "T_X");
  EXPECT_EQ(a.room_id, "R1");
  // B (a singleton everyone takes with A) avoids A's period.
  EXPECT_NE(SectionById(school, "B-1").placement.period, 2);
}

School WithRule(RuleType type, TermLength a_length, TermLength b_length) {
  School school = Simple({"A", "B"}, 10, 4);
  school.courses[0].term_length = a_length;
  school.courses[1].term_length = b_length;
  school.rules.push_back(CourseRule{type, "A", "B"});
  return Scheduled(school);
}

TEST(MasterScheduleTest, SamePeriodRule) {
  School school = WithRule(RuleType::kSamePeriod, TermLength::kSemester, TermLength::kSemester);
  const Placement a = SectionById(school, "A-1").placement,
                  b = SectionById(school, "B-1").placement;
  EXPECT_EQ(a.period, b.period);
  EXPECT_EQ(a.terms & b.terms, 0);  // Health S1 + PE S2: one student takes both
}

TEST(MasterScheduleTest, NotSamePeriodRule) {
  School school = WithRule(RuleType::kNotSamePeriod, TermLength::kSemester, TermLength::kSemester);
  EXPECT_NE(SectionById(school, "A-1").placement.period,
            SectionById(school, "B-1").placement.period);
}

TEST(MasterScheduleTest, SameTermRule) {
  School school = WithRule(RuleType::kSameTerm, TermLength::kSemester, TermLength::kSemester);
  EXPECT_EQ(SectionById(school, "A-1").placement.terms, SectionById(school, "B-1").placement.terms);
}

TEST(MasterScheduleTest, DifferentTermRule) {
  School school = WithRule(RuleType::kDifferentTerm, TermLength::kSemester, TermLength::kSemester);
  EXPECT_EQ(SectionById(school, "A-1").placement.terms & SectionById(school, "B-1").placement.terms,
            0);
}

TEST(MasterScheduleTest, PrecedesRule) {
  School school = WithRule(RuleType::kPrecedes, TermLength::kSemester, TermLength::kSemester);
  EXPECT_EQ(SectionById(school, "A-1").placement.terms, kS1);
  EXPECT_EQ(SectionById(school, "B-1").placement.terms, kS2);
}

TEST(MasterScheduleTest, LinkedRuleGroupsSectionsThatDoNotClash) {
  School school = Simple({"LECT", "LAB"}, 50, 4);
  school.courses[0].max_students = school.courses[1].max_students = 25;
  school.rules.push_back(CourseRule{RuleType::kLinked, "LECT", "LAB"});
  MasterScheduleResult result;
  school = Scheduled(school, &result);
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok());
  int groups = 0;
  for (size_t a = 0; a < school.sections.size(); ++a)
    for (size_t b = 0; b < school.sections.size(); ++b) {
      const Section &x = school.sections[a], &y = school.sections[b];
      if (x.course_id != "LECT" || y.course_id != "LAB" || x.link_group != y.link_group) continue;
      ++groups;
      EXPECT_FALSE(x.link_group.empty());
      EXPECT_FALSE(TimeClash(*index, static_cast<int>(a), static_cast<int>(b)));
    }
  EXPECT_EQ(groups, 2);
  EXPECT_EQ(result.conflicted_students, 0);
}

TEST(MasterScheduleTest, SamePeriodWithUnequalSectionCounts) {
  // 4 Health sections, 3 PE sections: every section still finds a place.
  School school = EmptySchool(4);
  school.courses = {MakeCourse("HEALTH", TermLength::kSemester, 30),
                    MakeCourse("PE", TermLength::kSemester, 40, 1, "gym")};
  school.teachers = {MakeTeacher("TH1", {"HEALTH"}), MakeTeacher("TH2", {"HEALTH"}),
                     MakeTeacher("TP", {"PE"})};
  school.rooms = {MakeRoom("R1"), MakeRoom("R2"), MakeRoom("G", 40, "gym")};
  for (int s = 0; s < 110; ++s)
    school.students.push_back(MakeStudent("S" + std::to_string(s), 9, {"HEALTH", "PE"}));
  school.rules.push_back(CourseRule{RuleType::kSamePeriod, "HEALTH", "PE"});
  MasterScheduleResult result;
  school = Scheduled(school, &result);
  EXPECT_TRUE(result.unplaced_section_ids.empty());
  ExpectNoDoubleBooking(school);
}

TEST(MasterScheduleTest, BuildsSectionsWhenNoneGiven) {
  School school = Simple({"A", "B"}, 70, 6);  // max 30 -> 3 sections each
  MasterScheduleResult result;
  school = Scheduled(school, &result);
  EXPECT_EQ(school.sections.size(), 6u);
  EXPECT_EQ(result.conflicted_students, 0);
}

}  // namespace
}  // namespace secsched::engine
