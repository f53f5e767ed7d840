#include "common/access/access_client.h"

#include <spdlog/spdlog.h>

#include <chrono>

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
      {.flag = "access-token",
       .env = "SECSCHED_ACCESS_TOKEN",
       .default_value = "",
       .help = "bearer token for the access service (a service account with scope reader); "
               "empty: minted from the HS256 --jwt-key",
       .secret = true},
  };
}

absl::StatusOr<TokenSource> ServiceTokenFromConfig(const Config& config,
                                                   const auth::JwtVerifier& verifier,
                                                   std::string service_name) {
  if (!config.Get("access-token").empty()) {
    return TokenSource(
        [fixed = config.Get("access-token")]() -> absl::StatusOr<std::string> { return fixed; });
  }
  if (verifier.config().algorithm == auth::JwtConfig::Algorithm::kHS256) {
    return MintingTokenSource(verifier.config(), std::move(service_name));
  }
  return absl::InvalidArgumentError(
      "SECSCHED_ACCESS_TOKEN (--access-token) is required with RS256 keys.");
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
