// Auto-load planning: only missing requests, skips with reasons, idempotency.
#include "services/requests/domain/auto_load.h"

#include <gtest/gtest.h>

#include "services/requests/tests/planning_fixtures.h"

namespace secsched::requests {
namespace {

using namespace planning_testing;

class AutoLoadTest : public ::testing::Test {
 protected:
  AutoLoadTest() {
    catalog::CatalogCourse old = Course("latin");
    old.active = false;
    courses_ = IndexCourses({Course("eng9", 9, 9), Course("seminar", 9, 10), Course("pe"), old});
    snapshot_.students = {{"s1", 9, "academy", true},
                          {"s2", 9, "", true},
                          {"s3", 11, "academy", true},
                          {"s4", 9, "", false}};
  }

  // What applying a plan does to the stored requests.
  void Apply(const AutoLoadPlan& plan) {
    for (const StudentAutoLoadPlan& s : plan.students) {
      for (const PlannedRequest& r : s.requests) {
        snapshot_.requests.push_back({.student_number = s.student_number,
                                      .request_id = "auto-" + r.course_id,
                                      .course_id = r.course_id,
                                      .required = r.required,
                                      .priority = r.priority});
      }
    }
  }

  CoursesById courses_;
  RequestSnapshot snapshot_;
};

TEST_F(AutoLoadTest, PlansOnlyTheRequestsStudentsDoNotHave) {
  snapshot_.requests = {Primary("s1", "eng9")};
  const AutoLoadPlan plan = PlanAutoLoad(snapshot_, {GradeRule("r1", 9, "eng9", true)}, courses_);
  ASSERT_EQ(plan.students.size(), 1u);  // s1 has it; s4 is inactive
  EXPECT_EQ(plan.students[0].student_number, "s2");
  ASSERT_EQ(plan.students[0].requests.size(), 1u);
  EXPECT_EQ(plan.students[0].requests[0].course_id, "eng9");
  EXPECT_TRUE(plan.students[0].requests[0].required);
  EXPECT_EQ(plan.request_count(), 1);
  EXPECT_TRUE(plan.skipped.empty());
}

TEST_F(AutoLoadTest, ASecondRunAfterTheFirstPlansNothing) {
  const std::vector<AutoLoadRule> rules = {GradeRule("r1", 9, "eng9", true),
                                           {.id = "r2", .team = "academy", .course_id = "seminar"},
                                           GradeRule("r3", 9, "pe", false)};
  const AutoLoadPlan first = PlanAutoLoad(snapshot_, rules, courses_);
  EXPECT_EQ(first.request_count(), 5);  // s1: eng9 pe seminar; s2: eng9 pe
  Apply(first);
  const AutoLoadPlan second = PlanAutoLoad(snapshot_, rules, courses_);
  EXPECT_EQ(second.request_count(), 0);
  EXPECT_TRUE(second.students.empty());
}

TEST_F(AutoLoadTest, ATeamRuleSkipsAStudentWhoseGradeTheCourseIsNotOfferedTo) {
  const AutoLoadPlan plan =
      PlanAutoLoad(snapshot_, {{.id = "r2", .team = "academy", .course_id = "seminar"}}, courses_);
  ASSERT_EQ(plan.students.size(), 1u);
  EXPECT_EQ(plan.students[0].student_number, "s1");
  ASSERT_EQ(plan.skipped.size(), 1u);
  EXPECT_EQ(plan.skipped[0].student_number, "s3");
  EXPECT_EQ(plan.skipped[0].rule_id, "r2");
  EXPECT_EQ(plan.skipped[0].reason, "course seminar is not offered to grade 11");
}

TEST_F(AutoLoadTest, InactiveCoursesAndAlternatesAreSkippedWithAReason) {
  snapshot_.requests = {Alternate("s2", "pe")};
  const AutoLoadPlan plan = PlanAutoLoad(
      snapshot_, {GradeRule("r1", 9, "latin", false), GradeRule("r2", 9, "pe", false)}, courses_);
  std::vector<std::string> reasons;
  for (const AutoLoadSkip& s : plan.skipped) reasons.push_back(s.student_number + ": " + s.reason);
  EXPECT_EQ(reasons, (std::vector<std::string>{
                         "s1: course latin is inactive", "s2: course latin is inactive",
                         "s2: course pe is already requested as an alternate"}));
  ASSERT_EQ(plan.students.size(), 1u);
  EXPECT_EQ(plan.students[0].student_number, "s1");
}

TEST_F(AutoLoadTest, TwoRulesForOneCourseMakeOneRequest) {
  const AutoLoadPlan plan = PlanAutoLoad(snapshot_,
                                         {GradeRule("r1", 9, "pe", false),
                                          {.id = "r2",
                                           .grade = 9,
                                           .team = "academy",
                                           .course_id = "pe",
                                           .required = true,
                                           .priority = 3}},
                                         courses_);
  ASSERT_EQ(plan.students.size(), 2u);
  const PlannedRequest& s1 = plan.students[0].requests.at(0);
  EXPECT_TRUE(s1.required);
  EXPECT_EQ(s1.priority, 3);
  EXPECT_EQ(s1.rule_ids, (std::vector<std::string>{"r1", "r2"}));
  EXPECT_FALSE(plan.students[1].requests.at(0).required);
  EXPECT_EQ(plan.request_count(), 2);
}

TEST_F(AutoLoadTest, ARuleCourseMustBeActiveAndOfferedToTheRuleGrade) {
  EXPECT_TRUE(CheckAutoLoadCourse(courses_, "eng9", 9).ok());
  EXPECT_TRUE(CheckAutoLoadCourse(courses_, "eng9", 0).ok());  // any grade: checked per student
  absl::Status unoffered = CheckAutoLoadCourse(courses_, "eng9", 10);
  EXPECT_EQ(unoffered.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(unoffered.message(), "Course eng9 is not offered to grade 10.");
  EXPECT_EQ(CheckAutoLoadCourse(courses_, "latin", 9).message(), "Course latin is inactive.");
  EXPECT_EQ(CheckAutoLoadCourse(courses_, "greek", 9).message(),
            "Course greek is not in the catalog.");
}

TEST_F(AutoLoadTest, ChangesGoThroughTheSharedRequestRules) {
  std::vector<catalog::CatalogCourse> courses = {Course("eng9", 9, 9), Course("pe")};
  CalendarSnapshot calendar;
  for (const PlanningStudent& s : snapshot_.students) {
    StudentRequests& sr = calendar.students.emplace_back();
    sr.student = {.calendar_id = "cal",
                  .student_number = s.student_number,
                  .grade = s.grade,
                  .team = s.team,
                  .active = s.active};
  }
  calendar.students[0].requests.push_back(
      {.calendar_id = "cal", .student_number = "s1", .request_id = "r-pe", .course_id = "pe"});
  AutoLoadPlan plan;
  const CalendarChanges changes = PlanAutoLoadChanges(
      calendar, {GradeRule("r1", 9, "eng9", true), GradeRule("r2", 9, "pe", false)}, courses,
      "dana", plan);
  ASSERT_EQ(changes.requests.inserts.size(), 3u);  // s1: eng9; s2: eng9, pe
  for (const CourseRequest& r : changes.requests.inserts) {
    EXPECT_EQ(r.source, RequestSource::kAutoLoad);
    EXPECT_EQ(r.kind, RequestKind::kPrimary);
    EXPECT_EQ(r.entered_by, "dana");
    EXPECT_EQ(r.calendar_id, "cal");
    EXPECT_EQ(r.required, r.course_id == "eng9");
  }
  EXPECT_EQ(plan.request_count(), 3);
  EXPECT_TRUE(changes.requests.deletes.empty());
}

}  // namespace
}  // namespace secsched::requests
