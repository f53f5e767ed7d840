// The sectioning service's GrpcCourseRuleReader against the real RequestPlanningService served
// in-process: it reads every page of the calendar's course rules and keeps only the MASTER-scope
// NOT_SAME_PERIOD ones (what the sections' RULE_NOT_SAME_PERIOD conflict checks).
#include "services/sectioning/clients/grpc_course_rule_reader.h"

#include <gtest/gtest.h>

#include "common/access/access_client.h"
#include "services/requests/tests/requests_env.h"

namespace secsched::requests::testing {
namespace {

std::string CourseOf(const std::string& id) {
  return std::string("calendars/") + RequestsEnv::kCalendar + "/courses/" + id;
}

TEST(GrpcCourseRuleReaderTest, ReadsOnlyTheMasterNotSamePeriodRules) {
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

  sectioning::GrpcCourseRuleReader reader(env.channel(),
                                          access::MintingTokenSource(TestJwtConfig(), "sectioning"),
                                          std::chrono::milliseconds(0));
  absl::StatusOr<std::vector<sectioning::NotSamePeriodRule>> rules =
      reader.MasterNotSamePeriodRules(RequestsEnv::kCalendar);
  ASSERT_TRUE(rules.ok()) << rules.status();
  ASSERT_EQ(rules->size(), 1u);
  EXPECT_EQ((*rules)[0].course_a, "apbio");
  EXPECT_EQ((*rules)[0].course_b, "apchem");
  EXPECT_EQ(reader.MasterNotSamePeriodRules("no-such-calendar").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace secsched::requests::testing
