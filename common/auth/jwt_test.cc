#include "common/auth/jwt.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/strings.h"

namespace secsched::auth {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::chrono::system_clock::time_point kNow{seconds(1'800'000'000)};
constexpr char kSecret[] = "test-secret-test-secret-test-secret-0123";

JwtConfig Hs256() { return JwtConfig{.algorithm = JwtConfig::Algorithm::kHS256, .key = kSecret}; }

struct RsaKeyPair {
  std::string private_pem;
  std::string public_pem;
};

// One 2048-bit key per test binary: generating it takes a noticeable fraction of a second.
const RsaKeyPair& TestRsaKeys() {
  static const RsaKeyPair keys = [] {
    EVP_PKEY* key = EVP_RSA_gen(2048);
    auto to_pem = [key](bool private_part) {
      BIO* bio = BIO_new(BIO_s_mem());
      if (private_part) {
        PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
      } else {
        PEM_write_bio_PUBKEY(bio, key);
      }
      char* data = nullptr;
      long size = BIO_get_mem_data(bio, &data);
      std::string pem(data, size_t(size));
      BIO_free(bio);
      return pem;
    };
    RsaKeyPair pair{to_pem(true), to_pem(false)};
    EVP_PKEY_free(key);
    return pair;
  }();
  return keys;
}

std::string MintOrDie(const JwtConfig& signing, std::string subject,
                      std::vector<std::string> scopes = {}, seconds ttl = hours(1),
                      std::chrono::system_clock::time_point now = kNow) {
  auto token = MintToken(signing, subject, scopes, ttl, now);
  EXPECT_TRUE(token.ok()) << token.status();
  return token.value_or("");
}

JwtVerifier VerifierOrDie(JwtConfig config) {
  auto verifier = JwtVerifier::Create(std::move(config));
  EXPECT_TRUE(verifier.ok()) << verifier.status();
  return *std::move(verifier);
}

std::string Base64Url(std::string_view text) { return absl::WebSafeBase64Escape(ToAbsl(text)); }

// A hand-built token with the given header and payload JSON and a junk signature.
std::string RawToken(std::string_view header, std::string_view payload,
                     std::string_view signature = "") {
  return absl::StrCat(Base64Url(header), ".", Base64Url(payload), ".", ToAbsl(signature));
}

void ExpectUnauthenticated(const absl::StatusOr<Caller>& result, std::string_view reason) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnauthenticated) << result.status();
  EXPECT_THAT(std::string(result.status().message()), HasSubstr(reason));
}

TEST(JwtTest, ValidHs256TokenGivesCallerWithScopes) {
  JwtVerifier verifier = VerifierOrDie(Hs256());
  auto caller = verifier.Verify(MintOrDie(Hs256(), "staff-123", {"scheduler", "reader"}), kNow);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->subject, "staff-123");
  EXPECT_FALSE(caller->service_account);
  EXPECT_THAT(caller->scopes, ElementsAre("scheduler", "reader"));
}

TEST(JwtTest, ServiceAccountToken) {
  JwtVerifier verifier = VerifierOrDie(Hs256());
  auto caller = verifier.Verify(MintOrDie(Hs256(), "service:hr", {"hr-feed"}), kNow);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_TRUE(caller->service_account);
  EXPECT_EQ(caller->ServiceName(), "hr");
  EXPECT_TRUE(caller->HasScope("hr-feed"));
}

TEST(JwtTest, ValidRs256Token) {
  const RsaKeyPair& keys = TestRsaKeys();
  JwtConfig signing{.algorithm = JwtConfig::Algorithm::kRS256, .key = keys.private_pem};
  JwtVerifier verifier =
      VerifierOrDie({.algorithm = JwtConfig::Algorithm::kRS256, .key = keys.public_pem});
  auto caller = verifier.Verify(MintOrDie(signing, "staff-9", {"admin"}), kNow);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->subject, "staff-9");
  EXPECT_THAT(caller->scopes, ElementsAre("admin"));
}

TEST(JwtTest, ExpiredTokenIsRejectedAfterLeeway) {
  JwtVerifier verifier = VerifierOrDie(Hs256());  // leeway 30 s
  std::string token = MintOrDie(Hs256(), "staff-1", {}, seconds(60));
  EXPECT_TRUE(verifier.Verify(token, kNow + seconds(60 + 30)).ok());
  ExpectUnauthenticated(verifier.Verify(token, kNow + seconds(60 + 31)), "expired");
}

TEST(JwtTest, BadSignatureIsRejected) {
  JwtVerifier verifier = VerifierOrDie(Hs256());
  JwtConfig other = Hs256();
  other.key = "another-secret-another-secret-another-secret";
  ExpectUnauthenticated(verifier.Verify(MintOrDie(other, "staff-1"), kNow), "signature");

  // Same header and signature, payload swapped for one with more scopes.
  std::vector<std::string> parts = absl::StrSplit(MintOrDie(Hs256(), "staff-1"), '.');
  ASSERT_EQ(parts.size(), 3u);
  std::string forged_payload =
      Base64Url(R"({"sub":"staff-1","scope":"admin","exp":)" + std::to_string(1'800'003'600) + "}");
  ExpectUnauthenticated(
      verifier.Verify(absl::StrCat(parts[0], ".", forged_payload, ".", parts[2]), kNow),
      "signature");
}

TEST(JwtTest, Hs256TokenSignedWithThePublicKeyIsRejectedByRs256Verifier) {
  // The classic algorithm-confusion attack: the RS256 public key is public, so an attacker can
  // use it as an HMAC secret. The header check must stop it before any signature check.
  const RsaKeyPair& keys = TestRsaKeys();
  JwtVerifier verifier =
      VerifierOrDie({.algorithm = JwtConfig::Algorithm::kRS256, .key = keys.public_pem});
  JwtConfig attacker{.algorithm = JwtConfig::Algorithm::kHS256, .key = keys.public_pem};
  ExpectUnauthenticated(verifier.Verify(MintOrDie(attacker, "staff-1", {"admin"}), kNow),
                        "algorithm");
}

TEST(JwtTest, AlgNoneIsRejected) {
  JwtVerifier verifier = VerifierOrDie(Hs256());
  std::string payload = R"({"sub":"staff-1","exp":1800003600})";
  ExpectUnauthenticated(verifier.Verify(RawToken(R"({"alg":"none"})", payload), kNow), "algorithm");
  // No alg at all: libjwt refuses to parse it, which is just as good.
  EXPECT_EQ(verifier.Verify(RawToken(R"({"typ":"JWT"})", payload), kNow).status().code(),
            absl::StatusCode::kUnauthenticated);
  // alg none with a signature attached, and alg spelled in another case: still the wrong algorithm.
  ExpectUnauthenticated(verifier.Verify(RawToken(R"({"alg":"none"})", payload, "c2ln"), kNow),
                        "algorithm");
  ExpectUnauthenticated(verifier.Verify(RawToken(R"({"alg":"hs256"})", payload, "c2ln"), kNow),
                        "algorithm");
}

// A correctly HS256-signed token with any payload, to reach the claim checks.
std::string SignedHs256Token(std::string_view payload) {
  std::string signing_input =
      absl::StrCat(Base64Url(R"({"alg":"HS256","typ":"JWT"})"), ".", Base64Url(payload));
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), kSecret, int(sizeof(kSecret) - 1),
       reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(), mac,
       &mac_size);
  return absl::StrCat(signing_input, ".",
                      Base64Url(std::string_view(reinterpret_cast<char*>(mac), mac_size)));
}

TEST(JwtTest, MissingClaimsAreRejected) {
  JwtVerifier verifier = VerifierOrDie(Hs256());
  ASSERT_TRUE(
      verifier.Verify(SignedHs256Token(R"({"sub":"staff-1","exp":1800003600})"), kNow).ok());
  ExpectUnauthenticated(verifier.Verify(SignedHs256Token(R"({"sub":"staff-1"})"), kNow), "exp");
  ExpectUnauthenticated(
      verifier.Verify(SignedHs256Token(R"({"sub":"staff-1","exp":"soon"})"), kNow), "exp");
  ExpectUnauthenticated(verifier.Verify(SignedHs256Token(R"({"exp":1800003600})"), kNow), "sub");
  ExpectUnauthenticated(verifier.Verify(SignedHs256Token(R"({"sub":"","exp":1800003600})"), kNow),
                        "sub");
  ExpectUnauthenticated(
      verifier.Verify(SignedHs256Token(R"({"sub":"service:","exp":1800003600})"), kNow),
      "service account");
  ExpectUnauthenticated(verifier.Verify("", kNow), "Missing");
  ExpectUnauthenticated(verifier.Verify("not-a-jwt", kNow), "malformed");
  EXPECT_EQ(MintToken(Hs256(), "", {}, hours(1), kNow).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(JwtTest, NotBeforeIsHonoured) {
  JwtVerifier verifier = VerifierOrDie(Hs256());
  std::string token = SignedHs256Token(R"({"sub":"s","exp":1800009999,"nbf":1800000100})");
  ExpectUnauthenticated(verifier.Verify(token, kNow), "not valid yet");
  EXPECT_TRUE(verifier.Verify(token, kNow + seconds(100)).ok());
}

TEST(JwtTest, AudienceArrayIsAccepted) {
  JwtConfig config = Hs256();
  config.audience = "secsched";
  JwtVerifier verifier = VerifierOrDie(config);
  EXPECT_TRUE(
      verifier
          .Verify(SignedHs256Token(R"({"sub":"s","exp":1800003600,"aud":["other","secsched"]})"),
                  kNow)
          .ok());
}

TEST(JwtTest, IssuerAndAudienceAreCheckedWhenConfigured) {
  JwtConfig config = Hs256();
  config.issuer = "secsched-dev";
  config.audience = "secsched";
  JwtVerifier verifier = VerifierOrDie(config);
  EXPECT_TRUE(verifier.Verify(MintOrDie(config, "staff-1"), kNow).ok());
  ExpectUnauthenticated(verifier.Verify(MintOrDie(Hs256(), "staff-1"), kNow), "issuer");
  JwtConfig wrong_audience = config;
  wrong_audience.audience = "someone-else";
  ExpectUnauthenticated(verifier.Verify(MintOrDie(wrong_audience, "staff-1"), kNow), "audience");
}

TEST(JwtTest, UnusableKeysAreInvalidArgument) {
  EXPECT_EQ(JwtVerifier::Create({.key = "short"}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(JwtVerifier::Create({.algorithm = JwtConfig::Algorithm::kRS256, .key = "not a pem"})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  // A private key where the public key belongs.
  EXPECT_EQ(JwtVerifier::Create(
                {.algorithm = JwtConfig::Algorithm::kRS256, .key = TestRsaKeys().private_pem})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(AuthenticateMetadataTest, RequiresBearerToken) {
  JwtVerifier verifier = VerifierOrDie(Hs256());
  std::string token = MintOrDie(Hs256(), "staff-5", {"reader"});
  ExpectUnauthenticated(AuthenticateMetadata(verifier, std::nullopt, kNow), "Missing");
  ExpectUnauthenticated(AuthenticateMetadata(verifier, "", kNow), "Missing");
  ExpectUnauthenticated(AuthenticateMetadata(verifier, "Basic dXNlcjpwYXNz", kNow), "Bearer");
  ExpectUnauthenticated(AuthenticateMetadata(verifier, token, kNow), "Bearer");
  auto caller = AuthenticateMetadata(verifier, "Bearer " + token, kNow);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->subject, "staff-5");
}

}  // namespace
}  // namespace secsched::auth
