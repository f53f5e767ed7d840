// The course-rule command against a fake RequestPlanningService on a loopback port: the rule it
// sends (type and scope from the flags), and bad flags refused before anything is sent.
#include <gmock/gmock.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <mutex>

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
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&fake_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override {
    if (server_) server_->Shutdown();
  }
  Outcome Run(std::vector<std::string> args) {
    return RunCommandLine(args, {{"SECSCHED_TOKEN", "test-token"},
                                 {"SECSCHED_REQUESTS_ADDR", "127.0.0.1:" + std::to_string(port_)}});
  }

  FakePlanning fake_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
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
