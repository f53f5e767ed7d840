// The builder keeps every hard rule and says so truthfully: complete staffing when one exists,
// no section placed or filled without a teacher or a room, teachers within their per-term load,
// master-level NOT_SAME_PERIOD, and rooms smaller than the course maximum used at their size.
#include <gtest/gtest.h>

#include <algorithm>

#include "services/sectioning/engine/build_sections.h"
#include "services/sectioning/engine/core_test_school.h"
#include "services/sectioning/engine/engine.h"
#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/staffing.h"

namespace secsched::engine {
namespace {

using namespace core_testing;

RunOptions Options(std::uint64_t seed = 1) {
  RunOptions options;
  options.seed = seed;
  options.time_limit = std::chrono::milliseconds(60000);
  return options;
}

const Section& ById(const std::vector<Section>& sections, const std::string& id) {
  return *std::find_if(sections.begin(), sections.end(),
                       [&](const Section& s) { return s.id == id; });
}

int Count(const EvaluationReport& report, std::string_view constraint) {
  auto it = report.violation_counts.find(std::string(constraint));
  return it == report.violation_counts.end() ? 0 : it->second;
}

// Builds, places and loads; returns the evaluated result.
School Solve(School school, std::vector<std::string>* warnings = nullptr) {
  absl::StatusOr<MasterScheduleResult> master = BuildMasterSchedule(school, Options());
  EXPECT_TRUE(master.ok()) << master.status();
  if (!master.ok()) return school;
  school.sections = master->sections;
  if (warnings) *warnings = master->warnings;
  LoadOptions load;
  load.run = Options();
  absl::StatusOr<LoadResult> loaded = LoadStudents(school, load);
  EXPECT_TRUE(loaded.ok()) << loaded.status();
  if (loaded.ok()) school.enrollments = loaded->enrollments;
  return school;
}

EvaluationReport EvaluateOk(const School& school) {
  absl::StatusOr<EvaluationReport> report = Evaluate(school);
  EXPECT_TRUE(report.ok()) << report.status();
  return report.ok() ? *report : EvaluationReport{};
}

// Greedy staffing gives A-1 to T2 (first of its equally loaded teachers), leaving B-1 with no
// one: T3 is never free. Handing A-1 to T1 frees T2 for B-1.
TEST(StaffingTest, AnAugmentingPathCompletesWhatGreedyLeavesOpen) {
  School school = EmptySchool(2);
  school.courses = {MakeCourse("A"), MakeCourse("B")};
  school.teachers = {MakeTeacher("T2", {"A", "B"}, 1), MakeTeacher("T1", {"A"}, 1),
                     MakeTeacher("T3", {"B"}, 1)};
  school.teachers[2].unavailable = {PeriodSlot{0, 0}, PeriodSlot{1, 0}};
  std::vector<Section> sections = {MakeSection("A-1", "A", "", ""),
                                   MakeSection("B-1", "B", "", "")};
  std::vector<std::string> warnings;
  AssignTeachers(school, sections, warnings);
  EXPECT_TRUE(warnings.empty()) << warnings[0];
  EXPECT_EQ(sections[0].teacher_id, "T1");
  EXPECT_EQ(sections[1].teacher_id, "T2");
}

// Trimesters, one period per term each. Given the electives E1 and E2 first (TB already teaches
// G, so TA is less loaded), TA would have no room for the year course Y, which only TA can teach
// (TC is never free), and no single hand-over would help. Long sections are staffed first.
TEST(StaffingTest, LongSectionsAreStaffedBeforeShortOnes) {
  School school = EmptySchool(2);
  school.calendar.terms = {Term{"T1", 0}, Term{"T2", 1}, Term{"T3", 2}};
  school.courses = {MakeCourse("E1", TermLength::kQuarter), MakeCourse("E2", TermLength::kQuarter),
                    MakeCourse("Y"), MakeCourse("G", TermLength::kQuarter)};
  school.teachers = {MakeTeacher("TA", {"E1", "E2", "Y"}, 10),
                     MakeTeacher("TB", {"E1", "E2", "G"}, 3), MakeTeacher("TC", {"Y"}, 3)};
  for (Teacher& t : school.teachers) t.max_sections_per_term = 1;
  school.teachers[2].unavailable = {PeriodSlot{0, 0}, PeriodSlot{1, 0}};
  std::vector<Section> sections = {
      MakeSection("G-1", "G", "TB", ""), MakeSection("E1-1", "E1", "", ""),
      MakeSection("E2-1", "E2", "", ""), MakeSection("Y-1", "Y", "", "")};
  std::vector<std::string> warnings;
  AssignTeachers(school, sections, warnings);
  EXPECT_TRUE(warnings.empty()) << warnings[0];
  EXPECT_EQ(sections[1].teacher_id, "TB");
  EXPECT_EQ(sections[2].teacher_id, "TB");
  EXPECT_EQ(sections[3].teacher_id, "TA");
}

TEST(StaffingTest, KeepsTheYearLongLoadOfATermWithinTheLimit) {
  // Three year-long sections for a teacher allowed 2 periods per term: only two fit.
  School school = EmptySchool(6);
  school.courses = {MakeCourse("A")};
  school.teachers = {MakeTeacher("T", {"A"}, 6)};
  school.teachers[0].max_sections_per_term = 2;
  std::vector<Section> sections = {MakeSection("A-1", "A", "", ""), MakeSection("A-2", "A", "", ""),
                                   MakeSection("A-3", "A", "", "")};
  std::vector<std::string> warnings;
  AssignTeachers(school, sections, warnings);
  EXPECT_EQ(warnings.size(), 1u);
  EXPECT_EQ(sections[2].teacher_id, "");
}

TEST(MasterHardRulesTest, ASectionNobodyCanTeachIsNeitherPlacedNorFilled) {
  School school = EmptySchool(3);
  school.courses = {MakeCourse("A"), MakeCourse("LATIN")};
  school.teachers = {MakeTeacher("T", {"A"})};
  school.rooms = {MakeRoom("R1"), MakeRoom("R2")};
  for (int s = 0; s < 10; ++s)
    school.students.push_back(MakeStudent("S" + std::to_string(s), 9, {"A", "LATIN"}));
  std::vector<std::string> warnings;
  const School solved = Solve(school, &warnings);
  const Section& latin = ById(solved.sections, "LATIN-1");
  EXPECT_TRUE(latin.teacher_id.empty());
  EXPECT_FALSE(latin.placement.placed());
  EXPECT_TRUE(std::none_of(solved.enrollments.begin(), solved.enrollments.end(),
                           [](const Enrollment& e) { return e.section_id == "LATIN-1"; }));
  const EvaluationReport report = EvaluateOk(solved);
  EXPECT_EQ(Count(report, constraint::kSectionUnstaffed), 1);
  EXPECT_EQ(Count(report, constraint::kSectionUnplaced), 1);
  EXPECT_EQ(report.violations.size(), 2u);
  EXPECT_TRUE(std::any_of(warnings.begin(), warnings.end(), [](const std::string& w) {
    return w.find("LATIN-1") != std::string::npos;
  }));
}

TEST(MasterHardRulesTest, AGivenPlacedSectionWithoutATeacherTakesNoStudents) {
  School school = EmptySchool(2);
  school.courses = {MakeCourse("A")};
  school.rooms = {MakeRoom("R1")};
  school.sections = {MakeSection("A-1", "A", "", "R1", 0, kYear)};
  school.sections[0].locked = true;
  school.students = {MakeStudent("S1", 9, {"A"})};
  LoadOptions load;
  load.run = Options();
  absl::StatusOr<LoadResult> loaded = LoadStudents(school, load);
  ASSERT_TRUE(loaded.ok());
  EXPECT_TRUE(loaded->enrollments.empty());
}

TEST(MasterHardRulesTest, ASectionWithNoRoomOfItsTypeIsNotPlaced) {
  School school = EmptySchool(2);
  school.courses = {MakeCourse("CHEM", TermLength::kYear, 24, 1, "lab")};
  school.teachers = {MakeTeacher("T", {"CHEM"})};
  school.rooms = {MakeRoom("R1")};  // regular only
  school.students = {MakeStudent("S1", 9, {"CHEM"})};
  const School solved = Solve(school);
  EXPECT_FALSE(solved.sections[0].placement.placed());
  const EvaluationReport report = EvaluateOk(solved);
  EXPECT_EQ(Count(report, constraint::kSectionWithoutRoom), 0);
  EXPECT_EQ(Count(report, constraint::kSectionUnplaced), 1);
}

TEST(MasterHardRulesTest, TeachersKeepTheirPerTermLoad) {
  // One teacher allowed one period per semester, two semester sections and two free periods: the
  // sections must go to different semesters.
  School school = EmptySchool(2);
  school.courses = {MakeCourse("HEALTH", TermLength::kSemester, 10)};
  school.teachers = {MakeTeacher("T", {"HEALTH"})};
  school.teachers[0].max_sections_per_term = 1;
  school.rooms = {MakeRoom("R1"), MakeRoom("R2")};
  for (int s = 0; s < 20; ++s)
    school.students.push_back(MakeStudent("S" + std::to_string(s), 9, {"HEALTH"}));
  const School solved = Solve(school);
  ASSERT_EQ(solved.sections.size(), 2u);
  ASSERT_TRUE(solved.sections[0].placement.placed() && solved.sections[1].placement.placed());
  EXPECT_EQ(solved.sections[0].placement.terms & solved.sections[1].placement.terms, 0);
  EXPECT_TRUE(EvaluateOk(solved).violations.empty());
}

TEST(MasterHardRulesTest, MasterNotSamePeriodKeepsSingletonsApartWhoeverRequestsThem) {
  // Two singletons; nobody requests both, so only the master-level rule keeps them apart.
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    School school = EmptySchool(2);
    school.courses = {MakeCourse("APBIO"), MakeCourse("APCHEM")};
    school.teachers = {MakeTeacher("T1", {"APBIO"}), MakeTeacher("T2", {"APCHEM"})};
    school.rooms = {MakeRoom("R1"), MakeRoom("R2")};
    school.students = {MakeStudent("S1", 11, {"APBIO"}), MakeStudent("S2", 11, {"APCHEM"})};
    school.rules = {CourseRule{RuleType::kNotSamePeriod, "APBIO", "APCHEM", RuleScope::kMaster}};
    absl::StatusOr<MasterScheduleResult> master = BuildMasterSchedule(school, Options(seed));
    ASSERT_TRUE(master.ok());
    ASSERT_EQ(master->sections.size(), 2u);
    EXPECT_NE(master->sections[0].placement.period, master->sections[1].placement.period)
        << "seed " << seed;
  }
}

TEST(MasterHardRulesTest, ASmallerRoomIsUsedAndSeatsWhatItHolds) {
  // A 30-max lab course and only 24-seat labs: sections are built for 24 and placed there.
  School school = EmptySchool(3);
  school.courses = {MakeCourse("BIO", TermLength::kYear, 30, 1, "lab")};
  school.teachers = {MakeTeacher("T", {"BIO"})};
  school.rooms = {MakeRoom("LAB1", 24, "lab")};
  for (int s = 0; s < 30; ++s)
    school.students.push_back(MakeStudent("S" + std::to_string(s), 9, {"BIO"}));
  const School solved = Solve(school);
  int placed = 0;
  for (const Section& s : solved.sections) {
    placed += s.placement.placed();
    EXPECT_EQ(s.room_id, "LAB1");
  }
  EXPECT_GE(placed, 2);  // ceil(30 / 24)
  EXPECT_EQ(solved.enrollments.size(), 30u);
  std::map<std::string, int> sizes;
  for (const Enrollment& e : solved.enrollments) ++sizes[e.section_id];
  for (const auto& [section, n] : sizes) EXPECT_LE(n, 24) << section;
  EXPECT_TRUE(EvaluateOk(solved).violations.empty());
}

}  // namespace
}  // namespace secsched::engine
