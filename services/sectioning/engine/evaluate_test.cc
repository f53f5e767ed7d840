// Evaluator tests, part 1: validation, metrics, and the constraints on sections, teachers and
// rooms. One test per constraint: the base school (no violations) plus one change that breaks it.
#include "services/sectioning/engine/evaluate.h"

#include <gtest/gtest.h>

#include "services/sectioning/engine/evaluate_test_school.h"

namespace secsched::engine {
namespace {

using testing::BaseSchool;
using testing::kS1;
using testing::kS2;
using testing::kYear;
using testing::SectionById;
using testing::StudentById;
using testing::ViolationsOf;

TEST(EvaluateTest, BaseSchoolHasNoViolations) {
  absl::StatusOr<EvaluationReport> report = Evaluate(BaseSchool());
  ASSERT_TRUE(report.ok()) << report.status();
  for (const Violation& v : report->violations) ADD_FAILURE() << v.constraint << ": " << v.message;
}

TEST(EvaluateTest, RejectsUnknownSectionInEnrollmentNamingIt) {
  School school = BaseSchool();
  school.enrollments.push_back({"S2", "NOPE-9", "ENG9", false});
  absl::StatusOr<EvaluationReport> report = Evaluate(school);
  ASSERT_EQ(report.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(report.status().message().find("NOPE-9"), std::string_view::npos);
}

TEST(EvaluateTest, RejectsEnrollmentListedTwice) {
  School school = BaseSchool();
  school.enrollments.push_back({"S2", "ENG9-2", "ENG9", false});
  absl::StatusOr<EvaluationReport> report = Evaluate(school);
  ASSERT_EQ(report.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(report.status().message().find("ENG9-2"), std::string_view::npos);
}

TEST(EvaluateTest, TeacherDoubleBooked) {
  School school = BaseSchool();
  SectionById(school, "ENG9-2").placement.period = 0;  // both English sections in period 0
  SectionById(school, "ENG9-2").room_id = "";
  const auto found = ViolationsOf(school, constraint::kTeacherDoubleBooked);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].entity_ids, (std::vector<std::string>{"T_ENG", "ENG9-1", "ENG9-2"}));
  EXPECT_TRUE(ViolationsOf(BaseSchool(), constraint::kTeacherDoubleBooked).empty());
}

TEST(EvaluateTest, RoomDoubleBooked) {
  School school = BaseSchool();
  SectionById(school, "HEALTH-1").placement.period = 1;  // R101 already hosts ENG9-2 in p1
  EXPECT_EQ(ViolationsOf(school, constraint::kRoomDoubleBooked).size(), 1u);
  // Same room and period in disjoint terms is fine.
  School ok = BaseSchool();
  SectionById(ok, "PE-1").room_id = "R101";
  SectionById(ok, "PE-1").course_id = "HEALTH";  // a regular-room course, S2, p4
  EXPECT_TRUE(ViolationsOf(ok, constraint::kRoomDoubleBooked).empty());
}

TEST(EvaluateTest, TeacherUnavailable) {
  School school = BaseSchool();
  // BIO-1 occupies periods 2 and 3 in S1: blocking period 3 in S1 hits its second period.
  school.teachers[1].unavailable = {PeriodSlot{3, kS1}};
  EXPECT_EQ(ViolationsOf(school, constraint::kTeacherUnavailable).size(), 1u);
  School ok = BaseSchool();
  ok.teachers[1].unavailable = {PeriodSlot{3, kS2}, PeriodSlot{4, 0}};
  EXPECT_TRUE(ViolationsOf(ok, constraint::kTeacherUnavailable).empty());
}

TEST(EvaluateTest, RoomUnavailable) {
  School school = BaseSchool();
  school.rooms[0].unavailable = {PeriodSlot{1, 0}};  // terms 0 = every term; ENG9-2 is in p1
  EXPECT_EQ(ViolationsOf(school, constraint::kRoomUnavailable).size(), 1u);
  School ok = BaseSchool();
  ok.rooms[0].unavailable = {PeriodSlot{6, 0}};
  EXPECT_TRUE(ViolationsOf(ok, constraint::kRoomUnavailable).empty());
}

TEST(EvaluateTest, RoomTypeMismatch) {
  School school = BaseSchool();
  SectionById(school, "BIO-1").room_id = "R101";  // a lab course in a regular room
  EXPECT_EQ(ViolationsOf(school, constraint::kRoomTypeMismatch).size(), 1u);
  EXPECT_TRUE(ViolationsOf(BaseSchool(), constraint::kRoomTypeMismatch).empty());
}

TEST(EvaluateTest, RoomTooSmall) {
  School school = BaseSchool();
  school.enrollments.push_back({"S2", "BIO-1", "BIO", false});
  StudentById(school, "S2").requests.push_back(Request{"BIO", true, 1, {}});
  school.rooms[1].capacity = 1;  // LAB1 seats 1; BIO-1 has 2 students (its max is 24)
  EXPECT_EQ(ViolationsOf(school, constraint::kRoomTooSmall).size(), 1u);
  EXPECT_TRUE(ViolationsOf(school, constraint::kSectionOverCapacity).empty());
  // A room smaller than the course's maximum is fine while the students fit: the section
  // seats what the room does.
  School ok = BaseSchool();
  ok.rooms[1].capacity = 1;
  EXPECT_TRUE(ViolationsOf(ok, constraint::kRoomTooSmall).empty());
}

TEST(EvaluateTest, TeacherNotQualified) {
  School school = BaseSchool();
  SectionById(school, "ENG9-1").teacher_id = "T_BIO";
  EXPECT_EQ(ViolationsOf(school, constraint::kTeacherNotQualified).size(), 1u);
  School ok = BaseSchool();
  SectionById(ok, "ENG9-1").co_teacher_ids = {"T_BIO"};  // co-teachers need not be qualified
  EXPECT_TRUE(ViolationsOf(ok, constraint::kTeacherNotQualified).empty());
}

TEST(EvaluateTest, TeacherOverMaxSections) {
  School school = BaseSchool();
  school.teachers[0].max_sections = 1;  // T_ENG teaches two
  EXPECT_EQ(ViolationsOf(school, constraint::kTeacherOverMaxSections).size(), 1u);
  School ok = BaseSchool();
  ok.teachers[0].max_sections = 2;
  EXPECT_TRUE(ViolationsOf(ok, constraint::kTeacherOverMaxSections).empty());
}

TEST(EvaluateTest, WrongTermLength) {
  School school = BaseSchool();
  SectionById(school, "ENG9-1").placement.terms = kS1;   // a year course in one semester
  SectionById(school, "BIO-1").placement.terms = kYear;  // a semester course all year
  EXPECT_EQ(ViolationsOf(school, constraint::kWrongTermLength).size(), 2u);
  School ok = BaseSchool();
  SectionById(ok, "BIO-1").placement.terms = kS2;
  EXPECT_TRUE(ViolationsOf(ok, constraint::kWrongTermLength).empty());
}

TEST(EvaluateTest, SectionOverCapacity) {
  School school = BaseSchool();
  SectionById(school, "ENG9-1").max_students = 1;
  school.enrollments.back().section_id = "ENG9-1";  // S2 joins S1 in ENG9-1
  EXPECT_EQ(ViolationsOf(school, constraint::kSectionOverCapacity).size(), 1u);
  School ok = BaseSchool();
  SectionById(ok, "ENG9-1").max_students = 1;  // exactly full is fine
  EXPECT_TRUE(ViolationsOf(ok, constraint::kSectionOverCapacity).empty());
}

TEST(EvaluateTest, MetricsCountRequestsAlternatesAndCompleteSchedules) {
  School school = BaseSchool();
  // S2 also asks for PE (not required), with HEALTH as its alternate, and gets HEALTH-1.
  StudentById(school, "S2").requests.push_back(Request{"PE", false, 3, {"HEALTH"}});
  school.enrollments.push_back({"S2", "HEALTH-1", "PE", true});
  // S1 loses BIO (required).
  school.enrollments.erase(school.enrollments.begin() + 1);
  school.sections.push_back(testing::MakeSection("ENG9-3", "ENG9", "", "", -1, 0));
  absl::StatusOr<EvaluationReport> report = Evaluate(school);
  ASSERT_TRUE(report.ok()) << report.status();
  const Metrics& m = report->metrics;
  EXPECT_EQ(m.primary_requests, 6);
  EXPECT_EQ(m.primary_requests_met, 4);  // S1: ENG9, HEALTH, PE; S2: ENG9
  EXPECT_EQ(m.required_requests, 5);
  EXPECT_EQ(m.required_requests_met, 4);
  EXPECT_EQ(m.requests_filled_by_alternates, 1);
  EXPECT_EQ(m.alternates_used, 1);
  EXPECT_EQ(m.complete_schedules, 1);         // S2 counts: its alternate fills PE
  EXPECT_EQ(m.complete_schedules_strict, 0);  // without alternates nobody is complete
  EXPECT_DOUBLE_EQ(m.complete_schedules_pct, 50.0);
  EXPECT_EQ(m.multi_section_courses, 1);  // ENG9: two placed sections of 1 student each
  EXPECT_EQ(m.worst_section_spread, 0);
  EXPECT_EQ(m.teacher_sections.at("T_ENG"), 2);
  EXPECT_EQ(m.max_teacher_sections, 2);
  EXPECT_EQ(m.unplaced_section_ids, std::vector<std::string>{"ENG9-3"});
}

TEST(EvaluateTest, SectionSpreadNamesTheWorstCourse) {
  School school = BaseSchool();
  school.enrollments.back().section_id = "ENG9-1";  // ENG9-1 has 2, ENG9-2 has 0
  absl::StatusOr<EvaluationReport> report = Evaluate(school);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->metrics.worst_section_spread, 2);
  EXPECT_EQ(report->metrics.worst_spread_course_id, "ENG9");
  EXPECT_DOUBLE_EQ(report->metrics.mean_section_spread, 2.0);
}

// A team's section is compared with the team's other sections only: ENG9-T (team, 0 students)
// next to ENG9-1 and ENG9-2 (1 each) is balanced.
TEST(EvaluateTest, TeamSectionsAreBalancedAmongThemselves) {
  School school = BaseSchool();
  Section team_section = SectionById(school, "ENG9-1");
  team_section.id = "ENG9-T";
  team_section.team = "ACADEMY9";
  team_section.teacher_id = "";
  team_section.room_id = "";
  school.sections.push_back(team_section);
  absl::StatusOr<EvaluationReport> report = Evaluate(school);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->metrics.worst_section_spread, 0);
  EXPECT_EQ(report->metrics.multi_section_courses, 1);
}

}  // namespace
}  // namespace secsched::engine
