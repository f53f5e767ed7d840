#include "common/auth/jwt.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cerrno>
#include <memory>
#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "common/auth/jwt_handle.h"
#include "common/status/strings.h"

namespace secsched::auth {
namespace {

using internal::JwtHandle;
using internal::MallocString;

// RFC 7518 §3.2: an HMAC key must be at least as long as the hash output.
constexpr size_t kMinHs256KeyBytes = 32;
constexpr int kMinRsaBits = 2048;
// Far above any real token; stops us from base64-decoding megabytes sent by a confused client.
constexpr size_t kMaxTokenBytes = 16 * 1024;

absl::Status Unauthenticated(std::string_view reason) {
  return absl::UnauthenticatedError(ToAbsl(reason));
}

absl::Status CheckRsaPublicKey(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), int(pem.size())),
                                                &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
    return absl::InvalidArgumentError("The RS256 key is not an RSA public key in PEM form.");
  }
  if (EVP_PKEY_get_bits(key.get()) < kMinRsaBits) {
    return absl::InvalidArgumentError("The RS256 key is shorter than 2048 bits.");
  }
  return absl::OkStatus();
}

// `aud` may be one string or an array of strings (RFC 7519 §4.1.3).
bool AudienceContains(jwt_t* jwt, const std::string& audience) {
  if (const char* single = jwt_get_grant(jwt, "aud")) return audience == single;
  MallocString json(jwt_get_grants_json(jwt, "aud"));
  if (!json) return false;
  auto parsed = nlohmann::json::parse(json.get(), nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return false;
  for (const auto& entry : parsed) {
    if (entry.is_string() && entry.get<std::string>() == audience) return true;
  }
  return false;
}

// Checks the time and issuer claims of a token whose signature is already verified.
absl::Status CheckClaims(jwt_t* jwt, const JwtConfig& config, long now_seconds) {
  const long leeway = long(config.leeway.count());
  errno = 0;
  const long exp = jwt_get_grant_int(jwt, "exp");
  if (errno == ENOENT) return Unauthenticated("Token has no expiry (exp).");
  // libjwt yields 0 for a non-integer exp; no legitimate token expires in 1970.
  if (exp <= 0) return Unauthenticated("Token has an invalid expiry (exp).");
  // Subtract on our side: exp is attacker-chosen and exp + leeway could overflow.
  if (now_seconds - leeway > exp) return Unauthenticated("Token expired.");
  errno = 0;
  const long nbf = jwt_get_grant_int(jwt, "nbf");
  if (errno != ENOENT && now_seconds + leeway < nbf) {
    return Unauthenticated("Token is not valid yet (nbf).");
  }
  if (!config.issuer.empty()) {
    const char* iss = jwt_get_grant(jwt, "iss");
    if (iss == nullptr || config.issuer != iss)
      return Unauthenticated("Token has the wrong issuer.");
  }
  if (!config.audience.empty() && !AudienceContains(jwt, config.audience)) {
    return Unauthenticated("Token is not meant for this audience.");
  }
  return absl::OkStatus();
}

}  // namespace

std::string_view AlgorithmName(JwtConfig::Algorithm algorithm) {
  return algorithm == JwtConfig::Algorithm::kRS256 ? "RS256" : "HS256";
}

absl::StatusOr<JwtConfig::Algorithm> ParseAlgorithm(std::string_view name) {
  if (name == "HS256") return JwtConfig::Algorithm::kHS256;
  if (name == "RS256") return JwtConfig::Algorithm::kRS256;
  return absl::InvalidArgumentError("The JWT algorithm must be HS256 or RS256.");
}

absl::StatusOr<JwtVerifier> JwtVerifier::Create(JwtConfig config) {
  if (config.algorithm == JwtConfig::Algorithm::kHS256) {
    if (config.key.size() < kMinHs256KeyBytes) {
      return absl::InvalidArgumentError("The HS256 key must be at least 32 bytes.");
    }
  } else if (absl::Status key_ok = CheckRsaPublicKey(config.key); !key_ok.ok()) {
    return key_ok;
  }
  if (config.leeway.count() < 0) return absl::InvalidArgumentError("The leeway is negative.");
  return JwtVerifier(std::move(config));
}

absl::StatusOr<Caller> JwtVerifier::Verify(std::string_view token,
                                           std::chrono::system_clock::time_point now) const {
  if (token.empty()) return Unauthenticated("Missing token.");
  if (token.size() > kMaxTokenBytes) return Unauthenticated("Token is too long.");
  const std::string token_text(token);  // libjwt wants a NUL-terminated string

  // Step 1, nothing verified yet: only read the header's alg. libjwt decodes without checking
  // anything when given no key; we use nothing from this parse but the algorithm name.
  {
    jwt_t* raw = nullptr;
    if (jwt_decode(&raw, token_text.c_str(), nullptr, 0) != 0) {
      return Unauthenticated("Token is malformed.");
    }
    JwtHandle unverified(raw);
    const char* alg = jwt_get_header(unverified.get(), "alg");
    if (alg == nullptr || AlgorithmName(config_.algorithm) != alg) {
      return Unauthenticated("Token uses the wrong signing algorithm.");
    }
  }

  // Step 2: verify the signature with the configured key, now that libjwt will use the
  // configured algorithm (it picks the algorithm from the header we just checked).
  jwt_t* raw = nullptr;
  if (jwt_decode(&raw, token_text.c_str(),
                 reinterpret_cast<const unsigned char*>(config_.key.data()),
                 int(config_.key.size())) != 0) {
    return Unauthenticated("Token signature is invalid.");
  }
  JwtHandle jwt(raw);
  if (jwt_get_alg(jwt.get()) != internal::ToLibjwt(config_.algorithm)) {
    return Unauthenticated("Token uses the wrong signing algorithm.");
  }

  const long now_seconds =
      long(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
  if (absl::Status claims = CheckClaims(jwt.get(), config_, now_seconds); !claims.ok()) {
    return claims;
  }
  const char* subject = jwt_get_grant(jwt.get(), "sub");
  if (subject == nullptr || *subject == '\0') return Unauthenticated("Token has no subject (sub).");
  if (std::string_view(subject) == kServiceAccountPrefix) {
    return Unauthenticated("Token names no service account.");
  }
  const char* scope = jwt_get_grant(jwt.get(), "scope");
  return MakeCaller(subject, scope == nullptr ? "" : scope);
}

absl::StatusOr<Caller> AuthenticateMetadata(const JwtVerifier& verifier,
                                            std::optional<std::string_view> authorization_header,
                                            std::chrono::system_clock::time_point now) {
  if (!authorization_header.has_value() || authorization_header->empty()) {
    return Unauthenticated("Missing authorization metadata.");
  }
  // The scheme is case-insensitive (RFC 7235 §2.1).
  constexpr std::string_view kBearer = "Bearer ";
  if (!absl::StartsWithIgnoreCase(ToAbsl(*authorization_header), ToAbsl(kBearer))) {
    return Unauthenticated("Authorization must be a Bearer token.");
  }
  return verifier.Verify(authorization_header->substr(kBearer.size()), now);
}

}  // namespace secsched::auth
