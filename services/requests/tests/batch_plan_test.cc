// Batch request creation, planned: the filter, and per student what is added or skipped and why.
#include "services/requests/domain/batch_plan.h"

#include <gtest/gtest.h>

#include "common/status/status.h"
#include "services/requests/tests/unit_helpers.h"

namespace secsched::requests {
namespace {

using testing::MakeStudent;
using testing::Primary;

CalendarSnapshot Calendar() {
  CalendarSnapshot calendar;
  calendar.students.push_back({.student = MakeStudent("1001", 9, "academy")});
  calendar.students.push_back({.student = MakeStudent("1002", 9)});
  calendar.students.push_back({.student = MakeStudent("1003", 10, "academy")});
  calendar.students.push_back({.student = MakeStudent("1004", 11)});
  Student inactive = MakeStudent("1005", 9);
  inactive.active = false;
  calendar.students.push_back({.student = inactive});
  calendar.students[0].requests.push_back(Primary("1001", "r1", "bio"));
  calendar.students[2].requests.push_back(Primary("1003", "r2", "art"));
  return calendar;
}

std::vector<std::string> Numbers(const BatchPlan& plan) {
  std::vector<std::string> out;
  for (const StudentBatchPlan& s : plan.students) out.push_back(s.student_number);
  return out;
}

class BatchPlanning : public ::testing::Test {
 protected:
  absl::StatusOr<BatchPlan> Plan(const BatchFilter& filter, std::vector<BatchCourse> courses) {
    return PlanBatch(calendar_, filter, courses, index_, "dana");
  }
  CalendarSnapshot calendar_ = Calendar();
  CourseIndex index_{testing::SmallCatalog()};
};

TEST_F(BatchPlanning, MatchesActiveStudentsByGradeTeamAndRequests) {
  auto matched = [&](BatchFilter f) { return Numbers(*Plan(f, {{.course_id = "band"}})); };
  EXPECT_EQ(matched({}), (std::vector<std::string>{"1001", "1002", "1003", "1004"}));
  EXPECT_EQ(matched({.grades = {9}}), (std::vector<std::string>{"1001", "1002"}));
  EXPECT_EQ(matched({.grades = {9, 10}, .team = "academy"}),
            (std::vector<std::string>{"1001", "1003"}));
  EXPECT_EQ(matched({.has_course = "bio"}), (std::vector<std::string>{"1001"}));
  EXPECT_EQ(matched({.grades = {9, 10}, .lacks_course = "bio"}),
            (std::vector<std::string>{"1002", "1003"}));
}

TEST_F(BatchPlanning, SkipsWhatIsRequestedOrNotOfferedAndSaysWhy) {
  absl::StatusOr<BatchPlan> plan =
      Plan({}, {{.course_id = "bio", .required = true, .priority = 2}, {.course_id = "alg-1"}});
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->students.size(), 4u);
  const StudentBatchPlan& s1001 = plan->students[0];
  EXPECT_EQ(s1001.added, (std::vector<std::string>{"alg-1"}));
  ASSERT_EQ(s1001.skipped.size(), 1u);
  EXPECT_EQ(s1001.skipped[0], std::make_pair(std::string("bio"), std::string("already requested")));
  const StudentBatchPlan& s1004 = plan->students[3];  // grade 11: ALG1 is for 9-10
  EXPECT_EQ(s1004.added, (std::vector<std::string>{"bio"}));
  EXPECT_EQ(s1004.skipped[0].second, "not offered to grade 11");
  EXPECT_EQ(plan->added, 6);
  EXPECT_EQ(plan->skipped, 2);
  ASSERT_EQ(plan->changes.inserts.size(), 6u);
  const CourseRequest& first = plan->changes.inserts[0];
  EXPECT_EQ(first.source, RequestSource::kBatch);
  EXPECT_EQ(first.entered_by, "dana");
  EXPECT_EQ(first.kind, RequestKind::kPrimary);
}

TEST_F(BatchPlanning, CarriesRequiredAndPriority) {
  absl::StatusOr<BatchPlan> plan =
      Plan({.grades = {11}}, {{.course_id = "bio", .required = true, .priority = 2}});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->changes.inserts.size(), 1u);
  EXPECT_TRUE(plan->changes.inserts[0].required);
  EXPECT_EQ(plan->changes.inserts[0].priority, 2);
}

TEST_F(BatchPlanning, AnUnusableCourseFailsTheWholeBatchNamingIt) {
  absl::StatusOr<BatchPlan> plan = Plan({}, {{.course_id = "bio"}, {.course_id = "latin"}});
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(plan.status().message().find("LATIN"), std::string::npos);
}

TEST(ValidateBatch, ReportsEveryBadField) {
  absl::Status status = ValidateBatch({.grades = {5}, .team = "Bad Team"},
                                      {{.course_id = "bio"}, {.course_id = "bio", .priority = -1}});
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"filter.grades[0]", "filter.team",
                                              "courses[1].priority", "courses[1].course"}));
  EXPECT_EQ(FieldViolationsOf(ValidateBatch({}, {})).at(0).field, "courses");
}

}  // namespace
}  // namespace secsched::requests
