// Bearer JWT verification (HS256 for local/dev keys, RS256 for a district identity provider) and
// minting of dev tokens. The claim convention is documented in caller.h.
//
// Every verification failure is UNAUTHENTICATED with a short English reason; nothing about the
// token's content is trusted before its header algorithm has been checked against the configured
// one (so neither `alg: none` nor an HS256 token "signed" with the RS256 public key gets through).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/auth/caller.h"

namespace secsched::auth {

struct JwtConfig {
  enum class Algorithm { kHS256, kRS256 };
  Algorithm algorithm = Algorithm::kHS256;
  // Verifying: the HS256 shared secret (at least 32 bytes) or the RS256 public key PEM.
  // Minting: the HS256 shared secret or the RS256 private key PEM.
  std::string key;
  std::string issuer;               // checked against `iss` when set; minted into tokens when set
  std::string audience;             // must appear in `aud` when set; minted into tokens when set
  std::chrono::seconds leeway{30};  // clock skew tolerated for exp / nbf
};

// "HS256" / "RS256" (the JWT header spelling) and back.
std::string_view AlgorithmName(JwtConfig::Algorithm algorithm);
absl::StatusOr<JwtConfig::Algorithm> ParseAlgorithm(std::string_view name);

class JwtVerifier {
 public:
  // INVALID_ARGUMENT when the key is unusable (short HS256 secret, not an RSA public key PEM).
  static absl::StatusOr<JwtVerifier> Create(JwtConfig config);

  // The caller named by a valid token; UNAUTHENTICATED otherwise.
  absl::StatusOr<Caller> Verify(std::string_view token,
                                std::chrono::system_clock::time_point now) const;

  const JwtConfig& config() const { return config_; }

 private:
  explicit JwtVerifier(JwtConfig config) : config_(std::move(config)) {}
  JwtConfig config_;
};

// The `authorization` metadata value → Caller. Missing, not "Bearer <token>", or an invalid token
// are all UNAUTHENTICATED.
absl::StatusOr<Caller> AuthenticateMetadata(const JwtVerifier& verifier,
                                            std::optional<std::string_view> authorization_header,
                                            std::chrono::system_clock::time_point now);

// Signs a token following the claim convention: sub, scope (space-joined, omitted when empty),
// iat, exp = now + ttl, and iss / aud from `signing` when set. INVALID_ARGUMENT for a bad key,
// subject or scope (scopes cannot contain spaces).
absl::StatusOr<std::string> MintToken(const JwtConfig& signing, std::string_view subject,
                                      const std::vector<std::string>& scopes,
                                      std::chrono::seconds ttl,
                                      std::chrono::system_clock::time_point now);

}  // namespace secsched::auth
