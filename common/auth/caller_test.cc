#include "common/auth/caller.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace secsched::auth {
namespace {

TEST(CallerTest, StaffSubjectWithScopes) {
  Caller caller = MakeCaller("staff-123", "scheduler  reader");
  EXPECT_EQ(caller.subject, "staff-123");
  EXPECT_FALSE(caller.service_account);
  EXPECT_EQ(caller.ServiceName(), "");
  EXPECT_THAT(caller.scopes, ::testing::ElementsAre("scheduler", "reader"));
  EXPECT_TRUE(caller.HasScope(kScopeScheduler));
  EXPECT_FALSE(caller.HasScope(kScopeAdmin));
}

TEST(CallerTest, ServiceAccountSubject) {
  Caller caller = MakeCaller("service:hr", "hr-feed");
  EXPECT_TRUE(caller.service_account);
  EXPECT_EQ(caller.ServiceName(), "hr");
  EXPECT_TRUE(caller.HasScope(kScopeHrFeed));
}

TEST(CallerTest, NoScopeClaimMeansNoScopes) {
  EXPECT_TRUE(MakeCaller("staff-1", "").scopes.empty());
}

}  // namespace
}  // namespace secsched::auth
