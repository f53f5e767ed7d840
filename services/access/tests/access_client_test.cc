// common/access: the CheckAccess client with its Redis cache, and AuthorizeSchoolAccess, against
// a real access service.
#include "common/access/access_client.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>

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

// A folder laid out as the kubelet lays out a projected or Secret volume: `token` is a symlink
// through `..data` to a versioned folder, and an update swaps `..data` in one rename.
class ProjectedVolume {
 public:
  ProjectedVolume()
      : dir_(std::filesystem::temp_directory_path() /
             secsched::testing::UniqueName("token_volume")) {
    std::filesystem::create_directories(dir_);
    std::filesystem::create_symlink("..data/token", dir_ / "token");
  }
  ~ProjectedVolume() { std::filesystem::remove_all(dir_); }

  std::string path() const { return (dir_ / "token").string(); }

  void Publish(const std::string& token) {
    const std::string version = "..v" + std::to_string(++versions_);
    std::filesystem::create_directories(dir_ / version);
    std::ofstream(dir_ / version / "token") << token << "\n";
    std::filesystem::create_symlink(version, dir_ / "..data_tmp");
    std::filesystem::rename(dir_ / "..data_tmp", dir_ / "..data");
  }

 private:
  std::filesystem::path dir_;
  int versions_ = 0;
};

std::string ServiceToken(std::chrono::system_clock::time_point issued_at) {
  absl::StatusOr<std::string> token = auth::MintToken(TestJwtConfig(), "service:catalog",
                                                      {"reader"}, std::chrono::hours(1), issued_at);
  EXPECT_TRUE(token.ok()) << token.status();
  return token.ok() ? *token : "";
}

// Production service identity: the identity provider's token lives an hour, and a refresher
// (a rotated Secret in a projected volume, or a sidecar) replaces the file before it expires.
// One client, never rebuilt, follows the file: a good token works, an expired one fails closed,
// the replacement works again.
TEST(AccessClient, FollowsATokenFileThroughExpiryAndRotation) {
  AccessEnv env;
  env.GrantSchedulingAccess("dana", "east-high");
  ProjectedVolume volume;
  const auto now = std::chrono::system_clock::now();
  volume.Publish(ServiceToken(now));
  // No decision cache: every check is a CheckAccess call that presents the token.
  AccessClient client(env.channel(), FileTokenSource(volume.path()), nullptr);
  const auth::Caller dana = auth::MakeCaller("dana", "");
  EXPECT_TRUE(AuthorizeSchoolAccess(dana, "east-high", Mode::kWrite, client).ok());

  // The refresher fell behind: the token in the file is past its `exp`.
  volume.Publish(ServiceToken(now - std::chrono::hours(2)));
  absl::Status expired = AuthorizeSchoolAccess(dana, "east-high", Mode::kWrite, client);
  EXPECT_EQ(expired.code(), absl::StatusCode::kUnavailable) << expired;

  // It catches up: the same client, the next call, the new token.
  volume.Publish(ServiceToken(now + std::chrono::seconds(1)));
  EXPECT_TRUE(AuthorizeSchoolAccess(dana, "east-high", Mode::kWrite, client).ok());
  EXPECT_EQ(AuthorizeSchoolAccess(dana, "west-high", Mode::kRead, client).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(FileTokenSource, SeesInPlaceRewritesAndKeepsTheLastTokenWhileTheFileIsAway) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / secsched::testing::UniqueName("sidecar_token");
  TokenSource source = FileTokenSource(file.string());
  absl::StatusOr<std::string> missing = source();
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(missing.status().message().find(file.string()), absl::string_view::npos);

  std::ofstream(file) << "  \n";
  EXPECT_EQ(source().status().code(), absl::StatusCode::kUnavailable);  // empty is no token

  std::ofstream(file) << "first-token\n";
  EXPECT_EQ(*source(), "first-token");
  std::ofstream(file) << "the-second-token";  // a sidecar rewriting in place
  EXPECT_EQ(*source(), "the-second-token");
  std::filesystem::remove(file);  // mid-rotation
  EXPECT_EQ(*source(), "the-second-token");
}

TEST(ServiceTokenFromConfig, PrefersTheTokenFileAndRefusesTwoSources) {
  auto load = [](std::map<std::string, std::string> env) {
    return Config::Load(AccessClientSettings(), {}, [env](const std::string& name) {
      auto it = env.find(name);
      return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
  };
  ProjectedVolume volume;
  volume.Publish("from-the-file");
  // With HS256 the service could mint its own token; a configured file still wins.
  absl::StatusOr<auth::JwtVerifier> hs256 = auth::JwtVerifier::Create(TestJwtConfig());
  ASSERT_TRUE(hs256.ok()) << hs256.status();

  absl::StatusOr<Config> file_only = load({{"SECSCHED_ACCESS_TOKEN_FILE", volume.path()}});
  ASSERT_TRUE(file_only.ok()) << file_only.status();
  absl::StatusOr<TokenSource> source = ServiceTokenFromConfig(*file_only, *hs256, "catalog");
  ASSERT_TRUE(source.ok()) << source.status();
  EXPECT_EQ(*(*source)(), "from-the-file");

  absl::StatusOr<Config> both =
      load({{"SECSCHED_ACCESS_TOKEN_FILE", volume.path()}, {"SECSCHED_ACCESS_TOKEN", "fixed"}});
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_EQ(ServiceTokenFromConfig(*both, *hs256, "catalog").status().code(),
            absl::StatusCode::kInvalidArgument);
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
