// The course-rule command against a fake RequestPlanningService on a loopback server: the rule it
// sends (type and scope from the flags), and bad flags refused before anything is sent.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>

#include "common/grpc/testing/in_process_server.h"
#include "secsched/requests/v1/planning.grpc.pb.h"
#include "tools/schedctl/command_line_for_test.h"

namespace secsched::schedctl {
namespace {

namespace requests = secsched::requests::v1;
using ::testing::HasSubstr;

class FakePlanning final : public requests::RequestPlanningService::Service {
 public:
  grpc::Status CreateCourseRule(grpc::ServerContext*,
                                const requests::CreateCourseRuleRequest* request,
                                requests::CourseRule* response) override {
    std::lock_guard lock(mutex_);
    ++calls;
    last = *request;
    *response = request->course_rule();
    response->set_name(request->parent() + "/courseRules/r1");
    return grpc::Status::OK;
  }

  std::mutex mutex_;
  int calls = 0;
  requests::CreateCourseRuleRequest last;
};

class PlanningCommandsTest : public ::testing::Test {
 protected:
  Outcome Run(std::vector<std::string> args) {
    return RunCommandLine(
        args, {{"SECSCHED_TOKEN", "test-token"}, {"SECSCHED_REQUESTS_ADDR", server_.address()}});
  }

  FakePlanning fake_;
  InProcessServer server_{{{&fake_, "secsched.requests.v1.RequestPlanningService"}}};
};

TEST_F(PlanningCommandsTest, RulesCreateSendsTheTypeAndTheScope) {
  Outcome outcome = Run({"rules", "create", "--calendar", "c", "--type", "not-same-period",
                         "--course-a", "band", "--course-b", "choir", "--scope", "master"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(fake_.last.course_rule().type(), requests::CourseRule::NOT_SAME_PERIOD);
  EXPECT_EQ(fake_.last.course_rule().scope(), requests::CourseRule::MASTER);

  ASSERT_EQ(Run({"rules", "create", "--calendar", "c", "--type", "same-term", "--course-a", "a",
                 "--course-b", "b"})
                .exit_code,
            0);
  EXPECT_EQ(fake_.last.course_rule().scope(), requests::CourseRule::SCOPE_UNSPECIFIED)
      << "no --scope: the service's default (student)";
}

TEST_F(PlanningCommandsTest, AnUnknownScopeIsAUsageErrorAndSendsNothing) {
  Outcome outcome = Run({"rules", "create", "--calendar", "c", "--type", "not-same-period",
                         "--course-a", "band", "--course-b", "choir", "--scope", "everyone"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.err, HasSubstr("--scope must be student or master"));
  EXPECT_EQ(fake_.calls, 0);
}

}  // namespace
}  // namespace secsched::schedctl
