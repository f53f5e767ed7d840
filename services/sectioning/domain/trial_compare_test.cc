// CompareTrialContents and PageStudents: section matching (by id, then by course + number),
// placement differences, per-student primary requests met and completeness, totals, paging.
#include "services/sectioning/domain/trial_compare.h"

#include <gtest/gtest.h>

namespace secsched::sectioning {
namespace {

CompareSection Section(std::string id, std::string course, int number, int capacity,
                       std::vector<Meeting> meetings) {
  return {.section_id = std::move(id),
          .course_id = std::move(course),
          .section_number = number,
          .capacity = capacity,
          .meetings = std::move(meetings)};
}

CompareEnrollment Enrolled(std::string student, std::string course, std::optional<int> rank) {
  return {.student_id = std::move(student), .course_id = std::move(course), .request_rank = rank};
}

const CourseComparison* Course(const TrialComparison& c, const std::string& id) {
  for (const CourseComparison& course : c.courses) {
    if (course.course_id == id) return &course;
  }
  return nullptr;
}

TEST(CompareTrials, IdenticalTrialsDifferInNothing) {
  TrialContents a{.sections = {Section("s1", "eng9", 1, 30, {{"s1", 1, ""}, {"s2", 1, ""}})},
                  .enrollments = {Enrolled("p1", "eng9", 0)}};
  TrialContents b = a;
  std::reverse(b.sections[0].meetings.begin(), b.sections[0].meetings.end());  // order ignored
  TrialComparison c = CompareTrialContents(a, b);
  EXPECT_EQ(c.a, c.b);
  EXPECT_EQ(c.changed_courses, 0);
  EXPECT_EQ(c.changed_students, 0);
  ASSERT_EQ(c.courses.size(), 1u);
  EXPECT_EQ(
      c.courses[0],
      (CourseComparison{
          .course_id = "eng9", .sections_a = 1, .sections_b = 1, .seats_a = 30, .seats_b = 30}));
}

TEST(CompareTrials, MatchesByIdThenByCourseAndNumberAndCountsMovedPlacements) {
  TrialContents a{.sections = {Section("s1", "eng9", 1, 30, {{"s1", 1, ""}}),
                               Section("s2", "eng9", 2, 30, {{"s1", 2, ""}}),
                               Section("m1", "alg1", 1, 25, {{"s1", 3, ""}}),
                               Section("old", "art", 1, 20, {})}};
  TrialContents b{.sections = {Section("s1", "eng9", 1, 30, {{"s1", 4, ""}}),   // moved
                               Section("x9", "eng9", 2, 28, {{"s1", 2, ""}}),   // by number
                               Section("m1", "alg1", 1, 25, {{"s1", 3, "A"}}),  // day type
                               Section("new", "bio", 1, 24, {{"s2", 1, ""}})}};
  TrialComparison c = CompareTrialContents(a, b);
  ASSERT_EQ(c.courses.size(), 4u);
  EXPECT_EQ(c.courses[0].course_id, "alg1") << "courses are ordered by id";
  EXPECT_EQ(Course(c, "eng9")->placements_differ, 1) << "s1 moved; s2/x9 matched by number";
  EXPECT_EQ(Course(c, "eng9")->unmatched_sections, 0);
  EXPECT_EQ(Course(c, "eng9")->seats_a, 60);
  EXPECT_EQ(Course(c, "eng9")->seats_b, 58);
  EXPECT_EQ(Course(c, "alg1")->placements_differ, 1);
  EXPECT_EQ(Course(c, "art")->unmatched_sections, 1);
  EXPECT_EQ(Course(c, "art")->sections_b, 0);
  EXPECT_EQ(Course(c, "bio")->unmatched_sections, 1);
  EXPECT_EQ(c.changed_courses, 4);
  EXPECT_EQ(c.a.sections, 4);
  EXPECT_EQ(c.a.seats, 105);
  EXPECT_EQ(c.b.seats, 107);
}

TEST(CompareTrials, ASectionIdReusedForAnotherCourseIsNotAMatch) {
  TrialContents a{.sections = {Section("s1", "eng9", 1, 30, {{"s1", 1, ""}})}};
  TrialContents b{.sections = {Section("s1", "alg1", 1, 30, {{"s1", 1, ""}})}};
  TrialComparison c = CompareTrialContents(a, b);
  EXPECT_EQ(Course(c, "eng9")->unmatched_sections, 1);
  EXPECT_EQ(Course(c, "alg1")->unmatched_sections, 1);
}

TEST(CompareTrials, StudentsPrimaryRequestsAndCompleteSchedules) {
  TrialContents a{.enrollments = {Enrolled("p1", "eng9", 0), Enrolled("p1", "art", 1),
                                  Enrolled("p2", "eng9", 0), Enrolled("p3", "bio", std::nullopt)},
                  .unmet_request_students = {"p2", "p2"}};
  TrialContents b{.enrollments = {Enrolled("p1", "eng9", 0), Enrolled("p1", "art", 0),
                                  Enrolled("p2", "eng9", 0), Enrolled("p2", "alg1", 0)},
                  .unmet_request_students = {"p4"}};
  TrialComparison c = CompareTrialContents(a, b);
  ASSERT_EQ(c.students.size(), 4u);
  EXPECT_EQ(c.students[0], (StudentComparison{.student_id = "p1",
                                              .primary_requests_met_a = 1,
                                              .primary_requests_met_b = 2,
                                              .complete_a = true,
                                              .complete_b = true}));
  EXPECT_EQ(c.students[1], (StudentComparison{.student_id = "p2",
                                              .primary_requests_met_a = 1,
                                              .primary_requests_met_b = 2,
                                              .complete_a = false,
                                              .complete_b = true}));
  EXPECT_EQ(c.students[2], (StudentComparison{.student_id = "p3", .complete_a = true}))
      << "only in a: not complete in b";
  EXPECT_EQ(c.students[3], (StudentComparison{.student_id = "p4"}))
      << "only an unmet request in b: in b but not complete";
  EXPECT_EQ(c.changed_students, 3) << "p1, p2, p3 changed; p4 is incomplete in both";
  EXPECT_EQ(c.a, (TrialTotals{.students = 3,
                              .students_complete = 2,
                              .primary_requests_met = 2,
                              .requests_met = 3,
                              .unmet_requests = 2}));
  EXPECT_EQ(c.b, (TrialTotals{.students = 3,
                              .students_complete = 2,
                              .primary_requests_met = 4,
                              .requests_met = 4,
                              .unmet_requests = 1}));
}

TEST(CompareTrials, StudentsArePagedByIdAndFilteredToTheChangedOnes) {
  TrialContents a, b;
  for (const char* id : {"p1", "p2", "p3", "p4", "p5"}) {
    a.enrollments.push_back(Enrolled(id, "eng9", 0));
    b.enrollments.push_back(Enrolled(id, "eng9", std::string(id) == "p2" ? 1 : 0));
  }
  b.unmet_request_students = {"p4"};

  TrialComparison first = CompareTrialContents(a, b);
  PageStudents(first, {.after = "", .size = 2}, false);
  ASSERT_EQ(first.students.size(), 2u);
  EXPECT_EQ(first.students[1].student_id, "p2");
  EXPECT_EQ(first.next_after, "p2");
  TrialComparison last = CompareTrialContents(a, b);
  PageStudents(last, {.after = "p4", .size = 2}, false);
  ASSERT_EQ(last.students.size(), 1u);
  EXPECT_EQ(last.students[0].student_id, "p5");
  EXPECT_EQ(last.next_after, "");

  TrialComparison changed = CompareTrialContents(a, b);
  PageStudents(changed, {.after = "", .size = 10}, true);
  ASSERT_EQ(changed.students.size(), 2u);
  EXPECT_EQ(changed.students[0].student_id, "p2");
  EXPECT_EQ(changed.students[1].student_id, "p4");
  EXPECT_EQ(changed.next_after, "");
  EXPECT_EQ(changed.changed_students, 2) << "counted before paging";
}

}  // namespace
}  // namespace secsched::sectioning
