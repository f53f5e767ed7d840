// The real AccessChecker (authorize.h) that services give their domain layer: "the caller has
// Secondary Scheduling access at the school that owns this resource".
//
//   // once, in the service's build() (settings: AccessClientSettings() in extra_settings):
//   auto checker = access::AccessClientFromConfig(r.config, r.verifier, r.redis, "catalog");
//   // in domain code, after authentication (domain takes access::AccessChecker&):
//   if (absl::Status s = access::AuthorizeSchoolAccess(caller, calendar.school_id,
//                                                      access::Mode::kWrite, checker_);
//       !s.ok()) return s;
//
// AccessClient answers from the shared Redis cache (common/access/decision_cache.h; one MGET on
// a warm cache) and otherwise asks the access service's CheckAccess, which fills the cache. The
// access service invalidates a person's answers after every change, so a revocation is seen
// by the next check.
#pragma once

#include <grpcpp/channel.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/authorize.h"
#include "common/access/decision_cache.h"
#include "common/auth/jwt.h"
#include "common/config/config.h"

namespace secsched::access {

// Returns a bearer token for calls to the access service.
using TokenSource = std::function<absl::StatusOr<std::string>()>;

// A TokenSource minting "service:<name>" tokens with scope `reader` from an HS256 key (local
// and test setups, where every service shares the signing secret); tokens are re-minted before
// they expire.
TokenSource MintingTokenSource(auth::JwtConfig signing, std::string service_name);

// A TokenSource reading the token from a file and reading it again whenever the file changes
// (another inode, size or modification time; and every 30 s, since modification times are
// coarse), so an identity provider's short-lived token can
// be replaced under a running service: a Kubernetes Secret in a projected volume (the kubelet
// swaps a symlink), or a sidecar that refreshes the file. Surrounding whitespace is dropped.
// A file that cannot be read or is empty: the last good token while there is one (a rotation
// in progress), else UNAVAILABLE naming the file.
TokenSource FileTokenSource(std::string path);

class AccessClient final : public AccessChecker {
 public:
  // `redis` may be null (no cache: every check is an RPC).
  AccessClient(std::shared_ptr<grpc::Channel> channel, TokenSource token,
               redis::RedisConnections* redis, DecisionCacheOptions cache_options = {});
  ~AccessClient() override;

  absl::StatusOr<AccessDecision> Check(std::string_view staff_id,
                                       std::string_view school_id) override;

 private:
  struct Stub;
  std::unique_ptr<Stub> stub_;
  TokenSource token_;
  std::unique_ptr<RedisDecisionCache> cache_;
};

// Settings a service adds to its extra_settings to use AccessClientFromConfig:
//   --access-address    (SECSCHED_ACCESS_ADDR)        the access service, host:port
//   --access-token-file (SECSCHED_ACCESS_TOKEN_FILE)  file holding the bearer token (service
//                       account with `reader`), re-read when it changes: production
//   --access-token      (SECSCHED_ACCESS_TOKEN)       a fixed bearer token (dev and tests)
//   neither: minted from the HS256 --jwt-key as "service:<name>"
std::vector<Setting> AccessClientSettings();

// The token this service presents to the access, catalog and requests services:
// --access-token-file when set (FileTokenSource), else --access-token, else (HS256 only)
// minted as "service:<service_name>" with scope `reader`. Both set: INVALID_ARGUMENT.
absl::StatusOr<TokenSource> ServiceTokenFromConfig(const Config& config,
                                                   const auth::JwtVerifier& verifier,
                                                   std::string service_name);

absl::StatusOr<std::unique_ptr<AccessClient>> AccessClientFromConfig(
    const Config& config, const auth::JwtVerifier& verifier, redis::RedisConnections* redis,
    std::string service_name);

}  // namespace secsched::access
