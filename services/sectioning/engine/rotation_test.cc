// Day rotation (A/B days): slot masks over (term, day), term and day options of a course, the
// evaluator's view of meetings on different days, and the builder and loader on a rotation school.
#include <gtest/gtest.h>

#include <bit>

#include "services/sectioning/engine/core_test_school.h"
#include "services/sectioning/engine/engine.h"
#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/evaluate_test_school.h"
#include "services/sectioning/engine/index.h"

namespace secsched::engine {
namespace {

using testing::AbRotationSchool;
using testing::kS1A;
using testing::kS1B;
using testing::kS2A;
using testing::kS2B;
using testing::SectionById;
using testing::ViolationsOf;

SchoolIndex IndexOf(const School& school) {
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  EXPECT_TRUE(index.ok()) << index.status();
  return *std::move(index);
}

// --- the index ---------------------------------------------------------------------------------

TEST(RotationIndexTest, EveryOtherDayCourseGetsOneOptionPerTermOptionAndDay) {
  School school = AbRotationSchool();
  const SchoolIndex index = IndexOf(school);
  EXPECT_EQ(index.AllTerms(), 0b1111);
  // HEALTH: a semester course on A or B days.
  EXPECT_EQ(index.TermOptions(school.courses[2]), (std::vector<TermMask>{kS1A, kS1B, kS2A, kS2B}));
  // BIO: a semester course every day.
  EXPECT_EQ(index.TermOptions(school.courses[1]), (std::vector<TermMask>{0b0011, 0b1100}));
  // ENG9: a year course every day; and every other day.
  EXPECT_EQ(index.TermOptions(school.courses[0]), std::vector<TermMask>{0b1111});
  school.courses[0].days_per_rotation = 1;
  EXPECT_EQ(index.TermOptions(school.courses[0]), (std::vector<TermMask>{0b0101, 0b1010}));
}

TEST(RotationIndexTest, DayOptionsAreEvenlySpaced) {
  School school = AbRotationSchool();
  school.calendar.rotation_days = 4;  // 2 semesters x 4 days = 8 slots
  const SchoolIndex index = IndexOf(school);
  Course course = school.courses[1];
  course.days_per_rotation = 2;
  EXPECT_EQ(index.DayOptions(course), (std::vector<TermMask>{0b0101, 0b1010}));
  course.days_per_rotation = 1;
  EXPECT_EQ(index.DayOptions(course).size(), 4u);
  course.days_per_rotation = 4;  // every day
  EXPECT_EQ(index.DayOptions(course), std::vector<TermMask>{0b1111});
  EXPECT_EQ(index.TermOptions(course), (std::vector<TermMask>{0x0F, 0xF0}));
}

// Adds a copy of section `from` (same teacher, room and period) named `id`, meeting in `slots`.
void AddCopyOn(School& school, const std::string& from, const std::string& id, TermMask slots) {
  Section copy = SectionById(school, from);
  copy.id = id;
  copy.placement.terms = slots;
  school.sections.push_back(copy);
}

TEST(RotationIndexTest, TermsAndDaysOfASlotMask) {
  const School school = AbRotationSchool();
  const SchoolIndex index = IndexOf(school);
  EXPECT_EQ(index.TermBits(kS1B), 0b01);
  EXPECT_EQ(index.TermBits(kS1A | kS2A), 0b11);
  EXPECT_EQ(index.DayBits(kS1B | kS2B), 0b10);
  EXPECT_EQ(index.FirstOrder(kS2A), 1);  // PRECEDES compares terms
  EXPECT_EQ(index.LastOrder(kS1B), 0);
  EXPECT_EQ(index.OnDays(kS1B), " on day B");
  EXPECT_EQ(index.OnDays(0b1111), " on days A, B");
  EXPECT_EQ(SlotMask(school.calendar, 0b10, 0b01), kS2A);
}

TEST(RotationIndexTest, MalformedRotationIsRejectedNamingTheId) {
  auto error_of = [](const School& school) {
    absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
    EXPECT_EQ(index.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(index.status().message());
  };
  School school = AbRotationSchool();
  school.calendar.rotation_days = 0;
  EXPECT_NE(error_of(school).find("rotation_days"), std::string::npos);
  school.calendar.rotation_days = 9;  // 2 terms x 9 days > 16 slots
  EXPECT_NE(error_of(school).find("rotation_days"), std::string::npos);
  school = AbRotationSchool();
  school.courses[2].days_per_rotation = 3;
  EXPECT_NE(error_of(school).find("'HEALTH'"), std::string::npos);
  school = AbRotationSchool();
  SectionById(school, "HEALTH-1").placement.terms = kS1A | kS2B;  // not terms x days
  EXPECT_NE(error_of(school).find("'HEALTH-1'"), std::string::npos);
  school = AbRotationSchool();
  school.teachers[0].unavailable = {PeriodSlot{2, kS1A | kS2B}};
  EXPECT_NE(error_of(school).find("'T_ENG'"), std::string::npos);
}

// --- the evaluator -----------------------------------------------------------------------------

TEST(RotationEvaluateTest, TheBaseRotationSchoolIsClean) {
  absl::StatusOr<EvaluationReport> report = Evaluate(AbRotationSchool());
  ASSERT_TRUE(report.ok()) << report.status();
  for (const Violation& v : report->violations) ADD_FAILURE() << v.constraint << ": " << v.message;
}

TEST(RotationEvaluateTest, SameTeacherSamePeriodOnDifferentDaysIsNoDoubleBooking) {
  School school = AbRotationSchool();
  // A second Health section for T_PE in R101 at period 4, S1 like HEALTH-1 but on day B.
  AddCopyOn(school, "HEALTH-1", "HEALTH-2", kS1B);
  EXPECT_TRUE(ViolationsOf(school, constraint::kTeacherDoubleBooked).empty());
  EXPECT_TRUE(ViolationsOf(school, constraint::kRoomDoubleBooked).empty());

  school.sections.back().placement.terms = kS1A;  // same day: both booked twice
  const std::vector<Violation> teacher = ViolationsOf(school, constraint::kTeacherDoubleBooked);
  ASSERT_EQ(teacher.size(), 1u);
  EXPECT_EQ(teacher[0].entity_ids, (std::vector<std::string>{"T_PE", "HEALTH-1", "HEALTH-2"}));
  EXPECT_NE(teacher[0].message.find("on day A"), std::string::npos) << teacher[0].message;
  EXPECT_EQ(ViolationsOf(school, constraint::kRoomDoubleBooked).size(), 1u);
}

TEST(RotationEvaluateTest, StudentTimeConflictOnlyOnASharedDay) {
  School school = AbRotationSchool();
  // S1 holds HEALTH-1 (period 4, S1 on A) and PE-1, moved to period 4 of S1 on B.
  SectionById(school, "PE-1").placement.terms = kS1B;
  SectionById(school, "PE-1").room_id = "GYM";
  EXPECT_TRUE(ViolationsOf(school, constraint::kStudentTimeConflict).empty());
  EXPECT_TRUE(ViolationsOf(school, constraint::kTeacherDoubleBooked).empty());
  SectionById(school, "PE-1").placement.terms = kS1A;
  const std::vector<Violation> conflicts = ViolationsOf(school, constraint::kStudentTimeConflict);
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_NE(conflicts[0].message.find("on day A"), std::string::npos) << conflicts[0].message;
}

TEST(RotationEvaluateTest, TermRulesCompareTermsNotDays) {
  School school = AbRotationSchool();
  SectionById(school, "PE-1").placement.terms = kS1B;  // HEALTH-1 is S1 on A
  school.rules = {CourseRule{RuleType::kSameTerm, "HEALTH", "PE"}};
  EXPECT_TRUE(ViolationsOf(school, constraint::kRuleSameTerm).empty());  // both S1
  school.rules = {CourseRule{RuleType::kDifferentTerm, "HEALTH", "PE"}};
  EXPECT_EQ(ViolationsOf(school, constraint::kRuleDifferentTerm).size(), 1u);  // days differ only
  school.rules = {CourseRule{RuleType::kPrecedes, "HEALTH", "PE"}};
  EXPECT_EQ(ViolationsOf(school, constraint::kRulePrecedes).size(), 1u);
  SectionById(school, "PE-1").placement.terms = kS2A;  // S1 (A) before S2 (A): ordered
  EXPECT_TRUE(ViolationsOf(school, constraint::kRulePrecedes).empty());
  school.rules = {CourseRule{RuleType::kDifferentTerm, "HEALTH", "PE"}};
  EXPECT_TRUE(ViolationsOf(school, constraint::kRuleDifferentTerm).empty());
  school.rules = {CourseRule{RuleType::kSameTerm, "HEALTH", "PE"}};
  EXPECT_EQ(ViolationsOf(school, constraint::kRuleSameTerm).size(), 1u);
}

TEST(RotationEvaluateTest, MeetingDaysMustFitTheCourse) {
  School school = AbRotationSchool();
  SectionById(school, "HEALTH-1").placement.terms = kS1A | kS1B;  // every day: not every other
  std::vector<Violation> wrong = ViolationsOf(school, constraint::kWrongTermLength);
  ASSERT_EQ(wrong.size(), 1u);
  EXPECT_NE(wrong[0].message.find("S1 on days A, B"), std::string::npos) << wrong[0].message;
  school = AbRotationSchool();
  SectionById(school, "ENG9-1").placement.terms = kS1A | kS2A;  // a daily course on A days only
  EXPECT_EQ(ViolationsOf(school, constraint::kWrongTermLength).size(), 1u);
}

TEST(RotationEvaluateTest, UnavailabilityMayNameDays) {
  // T_PE teaches HEALTH-1 in period 4 of S1 on A, and PE-1 in period 4 of S2 on B.
  School school = AbRotationSchool();
  school.teachers[2].unavailable = {PeriodSlot{4, kS1B}};  // B days of S1
  EXPECT_TRUE(ViolationsOf(school, constraint::kTeacherUnavailable).empty());
  school.teachers[2].unavailable = {PeriodSlot{4, kS1A}};  // A days of S1
  std::vector<Violation> v = ViolationsOf(school, constraint::kTeacherUnavailable);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].message.find("period 4 on day A"), std::string::npos) << v[0].message;
  school.teachers[2].unavailable = {PeriodSlot{4, 0}};  // every term, every day
  EXPECT_EQ(ViolationsOf(school, constraint::kTeacherUnavailable).size(), 2u);  // HEALTH-1, PE-1
}

// --- the explainer -----------------------------------------------------------------------------

TEST(RotationExplainTest, ASectionOnAnotherDayIsNoTimeConflict) {
  School school = AbRotationSchool();
  // S2 holds PE-2 in period 4 of S1 on B and asks for HEALTH, whose only section is period 4 of
  // S1 on A: a free seat, not a time conflict.
  AddCopyOn(school, "PE-1", "PE-2", kS1B);
  testing::StudentById(school, "S2").requests.push_back(Request{"HEALTH", true, 1, {}});
  testing::StudentById(school, "S2").requests.push_back(Request{"PE", true, 1, {}});
  school.enrollments.push_back(Enrollment{"S2", "PE-2", "PE", false});
  absl::StatusOr<std::vector<UnfilledRequest>> unfilled = Explain(school);
  ASSERT_TRUE(unfilled.ok()) << unfilled.status();
  ASSERT_EQ(unfilled->size(), 1u);
  EXPECT_EQ((*unfilled)[0].reason_code, "AVAILABLE");

  school.sections.back().placement.terms = kS1A;  // now the same day
  unfilled = Explain(school);
  ASSERT_TRUE(unfilled.ok()) << unfilled.status();
  ASSERT_EQ(unfilled->size(), 1u);
  EXPECT_EQ((*unfilled)[0].reason_code, "TIME_CONFLICT");
  EXPECT_EQ((*unfilled)[0].conflicting_course_ids, std::vector<std::string>{"PE"});
}

// --- the builder and the loader ----------------------------------------------------------------

RunOptions Options(std::uint64_t seed) {
  RunOptions options;
  options.seed = seed;
  options.time_limit = std::chrono::milliseconds(60000);
  return options;
}

// Master schedule, then load; returns the solved school.
School Solve(School school, std::uint64_t seed, std::vector<std::string>* unplaced = nullptr) {
  absl::StatusOr<MasterScheduleResult> built = BuildMasterSchedule(school, Options(seed));
  EXPECT_TRUE(built.ok()) << built.status();
  if (!built.ok()) return school;
  school.sections = built->sections;
  if (unplaced) *unplaced = built->unplaced_section_ids;
  LoadOptions load;
  load.run = Options(seed);
  absl::StatusOr<LoadResult> loaded = LoadStudents(school, load);
  EXPECT_TRUE(loaded.ok()) << loaded.status();
  if (loaded.ok()) school.enrollments = loaded->enrollments;
  return school;
}

// One teacher, one room, one period, two every-other-day sections: only the rotation makes room
// for both (on A and on B).
TEST(RotationBuildTest, OneTeacherTeachesTwoAlternateDaySectionsInOnePeriod) {
  School school = core_testing::EmptySchool(1);
  school.calendar.rotation_days = 2;
  school.courses = {core_testing::MakeCourse("ART")};
  school.courses[0].days_per_rotation = 1;
  school.teachers = {core_testing::MakeTeacher("T", {"ART"})};
  school.rooms = {core_testing::MakeRoom("R")};
  school.sections = {core_testing::MakeSection("ART-1", "ART", "T", "R"),
                     core_testing::MakeSection("ART-2", "ART", "T", "R")};
  absl::StatusOr<MasterScheduleResult> built = BuildMasterSchedule(school, Options(1));
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_TRUE(built->unplaced_section_ids.empty());
  school.sections = built->sections;
  const SchoolIndex index = IndexOf(school);
  EXPECT_EQ(index.DayBits(school.sections[0].placement.terms) |
                index.DayBits(school.sections[1].placement.terms),
            0b11);
  absl::StatusOr<EvaluationReport> report = Evaluate(school);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->violations.empty()) << report->violations[0].message;
}

// Random small schools with an A/B rotation, some courses every other day: builder and loader
// output has zero hard violations (but sections the engine reports unplaced), and every-other-day
// sections sit on one day.
TEST(RotationBuildTest, RandomRotationSchoolsHaveNoHardViolations) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    School school = core_testing::RandomSchool(seed, 50);
    school.calendar.rotation_days = 2;
    for (size_t c = 0; c < school.courses.size(); c += 2) school.courses[c].days_per_rotation = 1;
    std::vector<std::string> unplaced;
    const School solved = Solve(school, seed, &unplaced);
    absl::StatusOr<EvaluationReport> report = Evaluate(solved);
    ASSERT_TRUE(report.ok()) << report.status();
    for (const std::string& message : core_testing::UnexpectedViolations(*report, unplaced))
      ADD_FAILURE() << "seed " << seed << ": " << message;
    const SchoolIndex index = IndexOf(solved);
    int alternate_day_sections = 0;
    for (const Section& s : solved.sections) {
      if (!s.placement.placed() || index.CourseOf(s).days_per_rotation != 1) continue;
      ++alternate_day_sections;
      EXPECT_EQ(std::popcount(index.DayBits(s.placement.terms)), 1) << s.id;
    }
    EXPECT_GT(alternate_day_sections, 0) << "seed " << seed;
    EXPECT_GT(report->metrics.enrollments, 0) << "seed " << seed;
  }
}

}  // namespace
}  // namespace secsched::engine
