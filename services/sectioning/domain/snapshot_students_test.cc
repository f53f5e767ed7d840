// The requests service's snapshot → the engine's students and rules: every scheduling field
// reaches the engine, with one meaning of priority, and what the engine cannot use is left out.
#include "services/sectioning/domain/snapshot_students.h"

#include <gtest/gtest.h>

namespace secsched::sectioning {
namespace {

using requests::RequestsConstraintKind;
using requests::RequestsCourseRequest;
using requests::RequestsRuleScope;
using requests::RequestsRuleType;

EngineCalendar TwoSemestersAbDays() {
  EngineCalendar calendar;
  calendar.calendar.periods_per_day = 7;
  calendar.calendar.terms = {{"s1", 0}, {"s2", 1}};
  calendar.calendar.rotation_days = 2;
  calendar.term_ids = {"s1", "s2"};
  calendar.day_types = {"A", "B"};
  return calendar;
}

const std::set<std::string> kCourses = {"eng9", "alg1", "geo", "art", "band", "chem", "lab"};
const std::set<std::string> kTeachers = {"t-smith"};

RequestsCourseRequest Primary(std::string student, std::string id, std::string course,
                              int priority = 0, bool required = false) {
  return {.student_id = std::move(student),
          .request_id = std::move(id),
          .course_id = std::move(course),
          .required = required,
          .priority = priority};
}

RequestsCourseRequest Alternate(std::string student, std::string id, std::string course,
                                std::string for_request, int rank) {
  return {.student_id = std::move(student),
          .request_id = std::move(id),
          .course_id = std::move(course),
          .alternate = true,
          .alternate_for = std::move(for_request),
          .alternate_rank = rank};
}

TEST(EnginePriorityTest, AnyPriorityGoesBeforeNoneAndHigherGoesFirst) {
  EXPECT_EQ(EnginePriority(0), 5);
  EXPECT_EQ(EnginePriority(1), 4);
  EXPECT_EQ(EnginePriority(25), 4);
  EXPECT_EQ(EnginePriority(26), 3);
  EXPECT_EQ(EnginePriority(75), 2);
  EXPECT_EQ(EnginePriority(76), 1);
  EXPECT_EQ(EnginePriority(100), 1);
  EXPECT_EQ(EnginePriority(1000), 1);
  for (int p = 1; p < 100; ++p) EXPECT_GE(EnginePriority(p), EnginePriority(p + 1)) << p;
}

TEST(StudentsFromSnapshotTest, CarriesRequestsAlternatesInRankOrderTeamsAndGrades) {
  requests::RequestsSnapshot snapshot;
  snapshot.students = {{.id = "s2", .grade = 10},
                       {.id = "s1", .grade = 9, .team_id = "blue"},
                       {.id = "gone", .grade = 9, .active = false}};
  snapshot.requests = {
      Primary("s1", "r1", "eng9", 80, true), Primary("s1", "r2", "alg1"),
      Alternate("s1", "r3", "art", "r2", 2), Alternate("s1", "r4", "geo", "r2", 1),
      Alternate("s1", "r5", "band", "", 1),  Primary("gone", "r1", "eng9"),
      Primary("s2", "r1", "latin"),  // not an active course of the catalog
  };
  EngineStudents out = StudentsFromSnapshot(snapshot, TwoSemestersAbDays(), kCourses, kTeachers);
  ASSERT_EQ(out.students.size(), 2u) << "inactive students are not scheduled";
  const engine::Student& s1 = out.students[0];
  EXPECT_EQ(s1.id, "s1");
  EXPECT_EQ(s1.grade, 9);
  EXPECT_EQ(s1.team, "blue");
  ASSERT_EQ(s1.requests.size(), 2u);
  EXPECT_EQ(s1.requests[0].course_id, "eng9");
  EXPECT_TRUE(s1.requests[0].required);
  EXPECT_EQ(s1.requests[0].priority, 1);
  EXPECT_EQ(s1.requests[1].priority, 5);
  EXPECT_EQ(s1.requests[1].alternate_course_ids, (std::vector<std::string>{"geo", "art"}));
  EXPECT_EQ(s1.general_alternate_course_ids, std::vector<std::string>{"band"});
  EXPECT_EQ(out.students[1].team, std::nullopt);
  EXPECT_TRUE(out.students[1].requests.empty());
  EXPECT_EQ(out.requests_skipped, 1);
}

TEST(StudentsFromSnapshotTest, ConstraintsBecomeAvoidedTeachersAndFreePeriodsInTheirTerm) {
  requests::RequestsSnapshot snapshot;
  snapshot.students = {{.id = "s1", .grade = 9}};
  snapshot.constraints = {
      {.student_id = "s1", .kind = RequestsConstraintKind::kAvoidTeacher, .teacher_id = "t-smith"},
      {.student_id = "s1", .kind = RequestsConstraintKind::kAvoidTeacher, .teacher_id = "t-gone"},
      {.student_id = "s1",
       .kind = RequestsConstraintKind::kKeepPeriodFree,
       .period = 3,
       .term_id = "s2"},
      {.student_id = "s1", .kind = RequestsConstraintKind::kKeepPeriodFree, .period = 7},
      {.student_id = "s1", .kind = RequestsConstraintKind::kKeepPeriodFree, .period = 8}};
  EngineStudents out = StudentsFromSnapshot(snapshot, TwoSemestersAbDays(), kCourses, kTeachers);
  const std::vector<engine::StudentConstraint>& c = out.students[0].constraints;
  ASSERT_EQ(c.size(), 3u) << "an unknown teacher and a period past the day are left out";
  EXPECT_EQ(c[0].kind, engine::StudentConstraintKind::kAvoidTeacher);
  EXPECT_EQ(c[0].teacher_id, "t-smith");
  EXPECT_EQ(c[1].kind, engine::StudentConstraintKind::kKeepPeriodFree);
  EXPECT_EQ(c[1].slot.period, 2);
  EXPECT_EQ(c[1].slot.terms, 0b1100) << "s2 on both A and B days";
  EXPECT_EQ(c[2].slot.period, 6);
  EXPECT_EQ(c[2].slot.terms, 0) << "every term";
}

TEST(StudentsFromSnapshotTest, RulesKeepTheirScopeAndLinkedAddsTheOtherCourse) {
  requests::RequestsSnapshot snapshot;
  snapshot.students = {{.id = "s1", .grade = 11}, {.id = "s2", .grade = 11}};
  snapshot.requests = {Primary("s1", "r1", "chem", 30, true), Primary("s2", "r1", "chem"),
                       Primary("s2", "r2", "lab")};
  snapshot.rules = {{RequestsRuleType::kLinked, RequestsRuleScope::kStudent, "chem", "lab"},
                    {RequestsRuleType::kNotSamePeriod, RequestsRuleScope::kMaster, "geo", "art"},
                    {RequestsRuleType::kPrecedes, RequestsRuleScope::kStudent, "geo", "latin"}};
  EngineStudents out = StudentsFromSnapshot(snapshot, TwoSemestersAbDays(), kCourses, kTeachers);
  ASSERT_EQ(out.rules.size(), 2u) << "a rule on a course the engine lacks is left out";
  EXPECT_EQ(out.rules[1].type, engine::RuleType::kNotSamePeriod);
  EXPECT_EQ(out.rules[1].scope, engine::RuleScope::kMaster);
  ASSERT_EQ(out.students[0].requests.size(), 2u);
  EXPECT_EQ(out.students[0].requests[1].course_id, "lab");
  EXPECT_TRUE(out.students[0].requests[1].required);
  EXPECT_EQ(out.students[0].requests[1].priority, out.students[0].requests[0].priority);
  EXPECT_EQ(out.students[1].requests.size(), 2u) << "already requested: nothing added";
  EXPECT_EQ(out.linked_requests_added, 1);
}

}  // namespace
}  // namespace secsched::sectioning
