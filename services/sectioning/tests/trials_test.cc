// Trials through the gRPC API on real PostgreSQL, Redis and the access service.
#include <gtest/gtest.h>

#include "services/sectioning/tests/sectioning_env.h"

namespace secsched::sectioning::testing {
namespace {

TEST(TrialsTest, CreatedTrialIsReadBackAndRetryReturnsTheFirst) {
  SectioningEnv env;
  v1::CreateTrialRequest request;
  request.set_parent(std::string("calendars/") + SectioningEnv::kCalendar);
  request.mutable_trial()->set_display_name("Spring draft");
  request.set_trial_id("draft-1");
  request.set_request_id("req-1");
  v1::Trial created;
  ASSERT_TRUE(env.trials().CreateTrial(SectioningEnv::Scheduler().get(), request, &created).ok());
  EXPECT_EQ(created.name(), "calendars/east-2026/trials/draft-1");

  v1::Trial again;
  ASSERT_TRUE(env.trials().CreateTrial(SectioningEnv::Scheduler().get(), request, &again).ok());
  EXPECT_EQ(again.name(), created.name());

  v1::GetTrialRequest get;
  get.set_name(created.name());
  v1::Trial read;
  ASSERT_TRUE(env.trials().GetTrial(SectioningEnv::Scheduler().get(), get, &read).ok());
  EXPECT_EQ(read.display_name(), "Spring draft");
  EXPECT_EQ(read.section_count(), 0);
}

TEST(TrialsTest, ACounselorOfAnotherSchoolIsRefused) {
  SectioningEnv env;
  env.access().GrantSchedulingAccess("wes", SectioningEnv::kOtherSchool);
  v1::CreateTrialRequest request;
  request.set_parent(std::string("calendars/") + SectioningEnv::kCalendar);
  request.mutable_trial()->set_display_name("Not mine");
  v1::Trial created;
  grpc::Status status = env.trials().CreateTrial(SectioningEnv::As("wes").get(), request, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
}

}  // namespace
}  // namespace secsched::sectioning::testing
