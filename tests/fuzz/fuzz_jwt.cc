// libFuzzer target: bearer-token authentication (common/auth/jwt.h) on arbitrary header values.
// Nothing unsigned may ever authenticate: the fuzzer does not know the key.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "common/auth/jwt.h"

namespace {

const secsched::auth::JwtVerifier& Verifier() {
  static const secsched::auth::JwtVerifier verifier = [] {
    secsched::auth::JwtConfig config;
    config.key = "fuzzing-key-that-is-at-least-32-bytes-long";
    config.issuer = "secsched-fuzz";
    return *secsched::auth::JwtVerifier::Create(config);
  }();
  return verifier;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1780000000));
  if (Verifier().Verify(token, now).ok()) std::abort();
  const std::string header = "Bearer " + std::string(token);
  if (secsched::auth::AuthenticateMetadata(Verifier(), std::optional<std::string_view>(header), now)
          .ok()) {
    std::abort();
  }
  return 0;
}
