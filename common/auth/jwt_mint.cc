// Token minting, for dev tools (secsched-token) and tests. Production tokens come from the
// district identity provider or the platform's service-account issuer, not from here.
#include <chrono>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "common/auth/jwt.h"
#include "common/auth/jwt_handle.h"

namespace secsched::auth {

absl::StatusOr<std::string> MintToken(const JwtConfig& signing, std::string_view subject,
                                      const std::vector<std::string>& scopes,
                                      std::chrono::seconds ttl,
                                      std::chrono::system_clock::time_point now) {
  if (subject.empty()) return absl::InvalidArgumentError("The subject is empty.");
  if (ttl.count() <= 0) return absl::InvalidArgumentError("The lifetime must be positive.");
  for (const std::string& scope : scopes) {
    if (scope.empty() || absl::StrContains(scope, ' ')) {
      return absl::InvalidArgumentError("A scope is empty or contains a space.");
    }
  }
  if (signing.key.empty()) return absl::InvalidArgumentError("The signing key is empty.");
  // The same floor the verifier enforces, so a dev never mints a token nobody accepts.
  if (signing.algorithm == JwtConfig::Algorithm::kHS256 && signing.key.size() < 32) {
    return absl::InvalidArgumentError("The HS256 key must be at least 32 bytes.");
  }

  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::ResourceExhaustedError("Cannot allocate a token.");
  internal::JwtHandle jwt(raw);
  const long now_seconds =
      long(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
  const std::string subject_text(subject);
  int failed = jwt_add_grant(jwt.get(), "sub", subject_text.c_str());
  if (!scopes.empty()) {
    failed |= jwt_add_grant(jwt.get(), "scope", absl::StrJoin(scopes, " ").c_str());
  }
  failed |= jwt_add_grant_int(jwt.get(), "iat", now_seconds);
  failed |= jwt_add_grant_int(jwt.get(), "exp", now_seconds + long(ttl.count()));
  if (!signing.issuer.empty()) failed |= jwt_add_grant(jwt.get(), "iss", signing.issuer.c_str());
  if (!signing.audience.empty()) {
    failed |= jwt_add_grant(jwt.get(), "aud", signing.audience.c_str());
  }
  if (failed != 0) return absl::InvalidArgumentError("Cannot set the token's claims.");

  if (jwt_set_alg(jwt.get(), internal::ToLibjwt(signing.algorithm),
                  reinterpret_cast<const unsigned char*>(signing.key.data()),
                  int(signing.key.size())) != 0) {
    return absl::InvalidArgumentError("The signing key is unusable.");
  }
  internal::MallocString token(jwt_encode_str(jwt.get()));
  if (!token) {
    return absl::InvalidArgumentError(
        "Signing failed; RS256 needs an RSA private key in PEM form.");
  }
  return std::string(token.get());
}

}  // namespace secsched::auth
