// common/access: the CheckAccess client with its Redis cache, and AuthorizeSchoolAccess, against
// a real access service.
#include "common/access/access_client.h"

#include <gtest/gtest.h>

#include "common/grpc/client.h"
#include "common/grpc/testing/in_process_server.h"
#include "services/access/tests/facts_builder.h"
#include "services/access/tests/story_helpers.h"

namespace secsched::access::testing {
namespace {

TEST(AccessClient, AnswersFromTheCacheAndSeesRevocationsAtOnce) {
  AccessEnv env;
  env.Hire("pat", "east-high", Role::kPrincipal, D(2020, 8, 1));
  env.Hire("dana", "east-high", Role::kSchoolCounselor, D(2024, 8, 1));
  env.Complete("dana", CertificationType::kWalkInScheduling, At(D(2025, 9, 1)));
  env.Complete("dana", CertificationType::kSecondaryScheduling, At(D(2025, 9, 2)));

  AccessClient client(env.channel(), MintingTokenSource(TestJwtConfig(), "catalog"), &env.redis(),
                      env.cache_options());
  const auth::Caller dana = auth::MakeCaller("dana", "");
  absl::Status denied = AuthorizeSchoolAccess(dana, "east-high", Mode::kWrite, client);
  EXPECT_EQ(denied.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(denied.message(), "No Secondary Scheduling access at east-high.");

  const v1::Approval approval = Approve(env, "pat", "dana", "east-high");
  ASSERT_TRUE(secsched::testing::WaitFor(
      [&] { return AuthorizeSchoolAccess(dana, "east-high", Mode::kWrite, client).ok(); },
      std::chrono::seconds(10)));
  // Warm: the answer is in Redis under the current generation. (The evaluation job may bump the
  // generation just after the grant commits, dropping an answer cached in between, so the next
  // check caches it again: poll.)
  ASSERT_TRUE(secsched::testing::WaitFor(
      [&] {
        return client.Check("dana", "east-high").ok() &&
               env.decision_cache().Lookup("dana", "east-high").has_value();
      },
      std::chrono::seconds(10)));
  EXPECT_TRUE(client.Check("dana", "east-high")->allowed);
  EXPECT_EQ(AuthorizeSchoolAccess(dana, "west-high", Mode::kRead, client).code(),
            absl::StatusCode::kPermissionDenied);

  // The principal revokes: the very next check is refused, without waiting for the TTL.
  v1::RevokeApprovalRequest revoke;
  revoke.set_name(approval.name());
  revoke.set_reason("left the scheduling team");
  v1::Approval revoked;
  ASSERT_TRUE(env.stub().RevokeApproval(AccessEnv::As("pat").get(), revoke, &revoked).ok());
  EXPECT_EQ(revoked.state(), v1::Approval::REVOKED);
  EXPECT_EQ(AuthorizeSchoolAccess(dana, "east-high", Mode::kWrite, client).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(AccessClient, ScopesOfServiceAccountsAndReaders) {
  AccessEnv env;
  AccessClient client(env.channel(), MintingTokenSource(TestJwtConfig(), "sectioning"),
                      &env.redis(), env.cache_options());
  const auto scheduler = auth::MakeCaller("service:sis", "scheduler");
  const auto reader = auth::MakeCaller("service:reports", "reader");
  const auto hr = auth::MakeCaller("service:hr", "hr-feed");
  const auto admin = auth::MakeCaller("ops", "admin");
  EXPECT_TRUE(AuthorizeSchoolAccess(scheduler, "east-high", Mode::kWrite, client).ok());
  EXPECT_TRUE(AuthorizeSchoolAccess(reader, "east-high", Mode::kRead, client).ok());
  EXPECT_EQ(AuthorizeSchoolAccess(reader, "east-high", Mode::kWrite, client).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(AuthorizeSchoolAccess(hr, "east-high", Mode::kRead, client).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(AuthorizeSchoolAccess(admin, "east-high", Mode::kWrite, client).ok());
}

TEST(AccessClient, FailsClosedWhenTheAccessServiceIsUnreachable) {
  AccessClient client(MakeChannel("127.0.0.1:" + std::to_string(secsched::testing::FreeTcpPort())),
                      MintingTokenSource(TestJwtConfig(), "catalog"), nullptr);
  EXPECT_EQ(
      AuthorizeSchoolAccess(auth::MakeCaller("dana", ""), "east-high", Mode::kRead, client).code(),
      absl::StatusCode::kUnavailable);
}

// The shortcut other services' integration tests use to get a granted (then revoked) person.
TEST(AccessClient, GrantSchedulingAccessThenTransferRevokes) {
  AccessEnv env;
  AccessClient client(env.channel(), MintingTokenSource(TestJwtConfig(), "catalog"), &env.redis(),
                      env.cache_options());
  const auto dana = auth::MakeCaller("dana", "");
  EXPECT_EQ(AuthorizeSchoolAccess(dana, "east-high", Mode::kWrite, client).code(),
            absl::StatusCode::kPermissionDenied);
  env.GrantSchedulingAccess("dana", "east-high");
  EXPECT_TRUE(AuthorizeSchoolAccess(dana, "east-high", Mode::kWrite, client).ok());
  EXPECT_EQ(AuthorizeSchoolAccess(dana, "west-high", Mode::kRead, client).code(),
            absl::StatusCode::kPermissionDenied);
  env.TransferTo("dana", "west-high");
  EXPECT_EQ(AuthorizeSchoolAccess(dana, "east-high", Mode::kWrite, client).code(),
            absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace secsched::access::testing
