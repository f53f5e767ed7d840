// The reader other services use (common/requests: GrpcRequestsReader) against the real
// RequestPlanningService served in-process: every page of a course's rules or of the whole
// calendar's, with type and scope as stored (sectioning keeps the MASTER NOT_SAME_PERIOD ones for
// section conflicts, the student-scope ones for walk-ins).
#include "common/requests/grpc_requests_reader.h"

#include <gtest/gtest.h>

#include "common/access/access_client.h"
#include "services/requests/tests/requests_env.h"

namespace secsched::requests::testing {
namespace {

std::string CourseOf(const std::string& id) {
  return std::string("calendars/") + RequestsEnv::kCalendar + "/courses/" + id;
}

TEST(GrpcRequestsReaderTest, ReadsTheRulesOfACourseOrOfTheWholeCalendar) {
  RequestsEnv env;
  std::vector<catalog::CatalogCourse> courses;
  for (const char* id : {"apbio", "apchem", "health", "pe", "band"}) {
    courses.push_back({.id = id, .number = id});
  }
  env.catalog().SetCourses(RequestsEnv::kCalendar, courses);
  struct Rule {
    v1::CourseRule::Type type;
    std::string a, b;
    v1::CourseRule::Scope scope;
  };
  for (const Rule& r : std::vector<Rule>{
           {v1::CourseRule::NOT_SAME_PERIOD, "apbio", "apchem", v1::CourseRule::MASTER},
           {v1::CourseRule::SAME_PERIOD, "health", "pe", v1::CourseRule::STUDENT},
           {v1::CourseRule::NOT_SAME_PERIOD, "band", "apbio", v1::CourseRule::STUDENT}}) {
    v1::CreateCourseRuleRequest request;
    request.set_parent(std::string("calendars/") + RequestsEnv::kCalendar);
    request.mutable_course_rule()->set_type(r.type);
    request.mutable_course_rule()->set_scope(r.scope);
    request.mutable_course_rule()->set_course_a(CourseOf(r.a));
    request.mutable_course_rule()->set_course_b(CourseOf(r.b));
    v1::CourseRule created;
    grpc::Status status =
        env.planning().CreateCourseRule(RequestsEnv::Scheduler().get(), request, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  GrpcRequestsReader reader(env.channel(),
                            access::MintingTokenSource(TestJwtConfig(), "sectioning"),
                            {.ttl = std::chrono::milliseconds(0), .page_size = 1});
  absl::StatusOr<std::vector<RequestsCourseRule>> all =
      reader.CourseRules(RequestsEnv::kCalendar, "");
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 3u);  // three pages of one
  int master = 0;
  for (const RequestsCourseRule& rule : *all) {
    if (rule.scope == RequestsRuleScope::kMaster) {
      ++master;
      EXPECT_EQ(rule.type, RequestsRuleType::kNotSamePeriod);
      EXPECT_EQ(rule.course_a, "apbio");
      EXPECT_EQ(rule.course_b, "apchem");
    }
  }
  EXPECT_EQ(master, 1);
  absl::StatusOr<std::vector<RequestsCourseRule>> of_pe =
      reader.CourseRules(RequestsEnv::kCalendar, "pe");
  ASSERT_TRUE(of_pe.ok()) << of_pe.status();
  ASSERT_EQ(of_pe->size(), 1u);
  EXPECT_EQ((*of_pe)[0].type, RequestsRuleType::kSamePeriod);
  EXPECT_EQ(reader.CourseRules("no-such-calendar", "").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace secsched::requests::testing
