#include "common/access/access_client.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/grpc/client.h"
#include "common/status/grpc_status.h"
#include "common/status/strings.h"
#include "secsched/access/v1/access.grpc.pb.h"

namespace secsched::access {

TokenSource MintingTokenSource(auth::JwtConfig signing, std::string service_name) {
  struct State {
    std::mutex mutex;
    std::string token;
    std::chrono::system_clock::time_point renew_at{};
  };
  auto state = std::make_shared<State>();
  return [state, signing = std::move(signing),
          subject = std::string(auth::kServiceAccountPrefix) +
                    service_name]() -> absl::StatusOr<std::string> {
    std::lock_guard<std::mutex> lock(state->mutex);
    const auto now = std::chrono::system_clock::now();
    if (state->token.empty() || now >= state->renew_at) {
      absl::StatusOr<std::string> token = auth::MintToken(
          signing, subject, {std::string(auth::kScopeReader)}, std::chrono::hours(1), now);
      if (!token.ok()) return token.status();
      state->token = *std::move(token);
      state->renew_at = now + std::chrono::minutes(50);
    }
    return state->token;
  };
}

TokenSource FileTokenSource(std::string path) {
  struct State {
    std::mutex mutex;
    std::string token;
    // What the file looked like when `token` was read from it.
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = -1;
    timespec modified{};
    std::chrono::steady_clock::time_point read_at{};
  };
  auto state = std::make_shared<State>();
  return [state, path = std::move(path)]() -> absl::StatusOr<std::string> {
    std::lock_guard<std::mutex> lock(state->mutex);
    struct stat now {};
    auto keep_or_fail = [&](std::string_view why) -> absl::StatusOr<std::string> {
      if (!state->token.empty()) {
        spdlog::warn("service token file {}: {}; keeping the token read before", path, why);
        return state->token;
      }
      return absl::UnavailableError(
          absl::StrCat("Cannot read the service token file ", path, ": ", ToAbsl(why), "."));
    };
    if (::stat(path.c_str(), &now) != 0) return keep_or_fail(std::strerror(errno));
    // Modification times are only as fine as the kernel's clock tick, so a same-size rewrite
    // within one tick looks unchanged: read again anyway after a while.
    const bool recently_read =
        std::chrono::steady_clock::now() - state->read_at < std::chrono::seconds(30);
    if (!state->token.empty() && recently_read && now.st_dev == state->device &&
        now.st_ino == state->inode && now.st_size == state->size &&
        now.st_mtim.tv_sec == state->modified.tv_sec &&
        now.st_mtim.tv_nsec == state->modified.tv_nsec) {
      return state->token;
    }
    std::ifstream file(path, std::ios::binary);
    std::stringstream contents;
    contents << file.rdbuf();
    if (!file) return keep_or_fail("cannot open it");
    const std::string raw = contents.str();
    std::string token(ToStd(absl::StripAsciiWhitespace(raw)));
    if (token.empty()) return keep_or_fail("it is empty");
    if (token != state->token && !state->token.empty()) {
      spdlog::info("service token file {} changed; using the new token", path);
    }
    state->token = std::move(token);
    state->device = now.st_dev;
    state->inode = now.st_ino;
    state->size = now.st_size;
    state->modified = now.st_mtim;
    state->read_at = std::chrono::steady_clock::now();
    return state->token;
  };
}

struct AccessClient::Stub {
  std::unique_ptr<v1::AccessService::Stub> stub;
};

AccessClient::AccessClient(std::shared_ptr<grpc::Channel> channel, TokenSource token,
                           redis::RedisConnections* redis, DecisionCacheOptions cache_options)
    : stub_(std::make_unique<Stub>(Stub{v1::AccessService::NewStub(std::move(channel))})),
      token_(std::move(token)) {
  if (redis) cache_ = std::make_unique<RedisDecisionCache>(*redis, std::move(cache_options));
}

AccessClient::~AccessClient() = default;

absl::StatusOr<AccessDecision> AccessClient::Check(std::string_view staff_id,
                                                   std::string_view school_id) {
  if (cache_) {
    if (std::optional<AccessDecision> hit = cache_->Lookup(staff_id, school_id)) return *hit;
  }
  absl::StatusOr<std::string> token = token_();
  if (!token.ok()) return absl::UnavailableError("Cannot authenticate to the access service.");
  grpc::ClientContext context;
  PrepareClientContext(context, *token, "", std::chrono::seconds(2));
  v1::CheckAccessRequest request;
  request.set_staff_id(std::string(staff_id));
  request.set_location_id(std::string(school_id));
  v1::CheckAccessResponse response;
  const grpc::Status status = stub_->stub->CheckAccess(&context, request, &response);
  if (!status.ok()) {
    const absl::Status converted = FromGrpcStatus(status);
    // Our own credentials or the access service failing is not the caller's fault.
    if (converted.code() == absl::StatusCode::kUnauthenticated ||
        converted.code() == absl::StatusCode::kPermissionDenied ||
        converted.code() == absl::StatusCode::kInternal ||
        converted.code() == absl::StatusCode::kDeadlineExceeded) {
      spdlog::warn("CheckAccess failed ({}): {}", static_cast<int>(converted.code()),
                   ToStd(converted.message()));
      return absl::UnavailableError("The access service cannot answer right now.");
    }
    return converted;
  }
  return AccessDecision{.allowed = response.allowed(), .reason = response.reason()};
}

std::vector<Setting> AccessClientSettings() {
  return {
      {.flag = "access-address",
       .env = "SECSCHED_ACCESS_ADDR",
       .default_value = "127.0.0.1:50051",
       .help = "the access service (CheckAccess), host:port",
       .validate = HostPort()},
      {.flag = "access-token-file",
       .env = "SECSCHED_ACCESS_TOKEN_FILE",
       .default_value = "",
       .help = "file holding this service's bearer token for the access, catalog and requests "
               "services (scope reader), re-read when it changes (a rotated Secret or a "
               "sidecar's file)"},
      {.flag = "access-token",
       .env = "SECSCHED_ACCESS_TOKEN",
       .default_value = "",
       .help = "a fixed bearer token instead of --access-token-file (dev); neither: minted "
               "from the HS256 --jwt-key",
       .secret = true},
  };
}

absl::StatusOr<TokenSource> ServiceTokenFromConfig(const Config& config,
                                                   const auth::JwtVerifier& verifier,
                                                   std::string service_name) {
  const std::string& file = config.Get("access-token-file");
  if (!file.empty()) {
    if (!config.Get("access-token").empty()) {
      return absl::InvalidArgumentError(
          "Set SECSCHED_ACCESS_TOKEN_FILE or SECSCHED_ACCESS_TOKEN, not both.");
    }
    TokenSource source = FileTokenSource(file);
    // Not fatal: a sidecar may write the file after the service starts.
    if (absl::StatusOr<std::string> first = source(); !first.ok()) {
      spdlog::warn("{}; calls to other services answer UNAVAILABLE until it can be read",
                   ToStd(first.status().message()));
    }
    return source;
  }
  if (!config.Get("access-token").empty()) {
    return TokenSource(
        [fixed = config.Get("access-token")]() -> absl::StatusOr<std::string> { return fixed; });
  }
  if (verifier.config().algorithm == auth::JwtConfig::Algorithm::kHS256) {
    return MintingTokenSource(verifier.config(), std::move(service_name));
  }
  return absl::InvalidArgumentError(
      "SECSCHED_ACCESS_TOKEN_FILE (--access-token-file) or SECSCHED_ACCESS_TOKEN is required "
      "with RS256 keys (docs/deploy-kubernetes.md, service identity).");
}

absl::StatusOr<std::unique_ptr<AccessClient>> AccessClientFromConfig(
    const Config& config, const auth::JwtVerifier& verifier, redis::RedisConnections* redis,
    std::string service_name) {
  absl::StatusOr<TokenSource> token =
      ServiceTokenFromConfig(config, verifier, std::move(service_name));
  if (!token.ok()) return token.status();
  return std::make_unique<AccessClient>(MakeChannel(config.Get("access-address")),
                                        *std::move(token), redis);
}

}  // namespace secsched::access
