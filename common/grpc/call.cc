#include "common/grpc/call.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>
#include <optional>

#include "absl/strings/ascii.h"
#include "common/log/log.h"
#include "common/status/grpc_status.h"
#include "common/status/strings.h"

namespace secsched {
namespace {

constexpr size_t kMaxRequestIdLength = 128;

std::optional<std::string_view> FindMetadata(const grpc::ServerContext& context,
                                             std::string_view key) {
  const auto& metadata = context.client_metadata();
  auto found = metadata.find(grpc::string_ref(key.data(), key.size()));
  if (found == metadata.end()) return std::nullopt;
  return std::string_view(found->second.data(), found->second.size());
}

bool IsRequestIdCharacter(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
         c == ':';
}

}  // namespace

std::string AcceptRequestId(std::string_view sent) {
  if (sent.empty() || sent.size() > kMaxRequestIdLength) return NewRequestId();
  for (char c : sent) {
    if (!IsRequestIdCharacter(c)) return NewRequestId();
  }
  return std::string(sent);
}

grpc::Status HandleCall(grpc::ServerContext* context, const auth::JwtVerifier& verifier,
                        const std::function<absl::Status(const auth::Caller&)>& body) {
  std::string request_id = AcceptRequestId(FindMetadata(*context, kRequestIdMetadata).value_or(""));
  context->AddInitialMetadata(std::string(kRequestIdMetadata), request_id);
  RequestIdScope request_id_scope(std::move(request_id));

  absl::StatusOr<auth::Caller> caller = auth::AuthenticateMetadata(
      verifier, FindMetadata(*context, kAuthorizationMetadata), std::chrono::system_clock::now());
  if (!caller.ok()) {
    spdlog::info("Call from {} rejected: {}", context->peer(), ToStd(caller.status().message()));
    return ToGrpcStatus(caller.status());
  }

  absl::Status result;
  try {
    result = body(*caller);
  } catch (const std::exception& error) {
    spdlog::error("Handler threw: {}", error.what());
    return ToGrpcStatus(absl::InternalError("Handler threw."));  // the table makes it generic
  } catch (...) {
    spdlog::error("Handler threw a non-std exception");
    return ToGrpcStatus(absl::InternalError("Handler threw."));
  }
  if (result.code() == absl::StatusCode::kInternal || result.code() == absl::StatusCode::kUnknown ||
      result.code() == absl::StatusCode::kDataLoss) {
    // ToGrpcStatus sends these with a generic message; the details live only in the log.
    spdlog::error("Call failed: {}", result.ToString());
  }
  return ToGrpcStatus(result);
}

}  // namespace secsched
