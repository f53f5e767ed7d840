// secsched-token: mints an HS256 bearer token for local and dev stacks.
//
//   SECSCHED_JWT_HS256_KEY=... secsched-token --subject staff-123 --scopes scheduler,reader --ttl
//   8h
//
// Prints the token on stdout. Optional: --issuer, --audience (must match the services' settings
// when those are configured). Service accounts use --subject service:<name> (see caller.h).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "common/auth/jwt.h"
#include "common/status/strings.h"
#include "common/version/build_info.h"

namespace {

constexpr char kUsage[] =
    "usage: secsched-token --subject ID [--scopes a,b] [--ttl 8h|30m|90s|3600]\n"
    "                      [--issuer ISS] [--audience AUD]\n"
    "       secsched-token --version\n"
    "The HS256 key is read from the environment variable SECSCHED_JWT_HS256_KEY.\n";

// "8h", "30m", "90s", "2d" or plain seconds.
bool ParseTtl(std::string_view text, std::chrono::seconds* ttl) {
  long multiplier = 1;
  if (!text.empty()) {
    switch (text.back()) {
      case 's':
        multiplier = 1;
        text.remove_suffix(1);
        break;
      case 'm':
        multiplier = 60;
        text.remove_suffix(1);
        break;
      case 'h':
        multiplier = 3600;
        text.remove_suffix(1);
        break;
      case 'd':
        multiplier = 86400;
        text.remove_suffix(1);
        break;
      default:
        break;
    }
  }
  long value = 0;
  if (!absl::SimpleAtoi(secsched::ToAbsl(text), &value) || value <= 0) return false;
  *ttl = std::chrono::seconds(value * multiplier);
  return true;
}

int Fail(std::string_view message) {
  std::cerr << "secsched-token: " << message << "\n" << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string subject;
  std::vector<std::string> scopes;
  std::chrono::seconds ttl = std::chrono::hours(8);
  secsched::auth::JwtConfig signing;
  if (secsched::AsksForVersion(std::vector<std::string>(argv + 1, argv + argc))) {
    std::cout << secsched::VersionLine("secsched-token") << "\n";
    return 0;
  }
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (i + 1 >= argc) return Fail("missing value for " + std::string(flag));
    const std::string_view value = argv[++i];
    if (flag == "--subject") {
      subject = value;
    } else if (flag == "--scopes") {
      scopes = absl::StrSplit(secsched::ToAbsl(value), ',', absl::SkipEmpty());
    } else if (flag == "--ttl") {
      if (!ParseTtl(value, &ttl)) return Fail("bad --ttl " + std::string(value));
    } else if (flag == "--issuer") {
      signing.issuer = value;
    } else if (flag == "--audience") {
      signing.audience = value;
    } else {
      return Fail("unknown flag " + std::string(flag));
    }
  }
  if (subject.empty()) return Fail("--subject is required");
  const char* key = std::getenv("SECSCHED_JWT_HS256_KEY");
  if (key == nullptr || *key == '\0') return Fail("SECSCHED_JWT_HS256_KEY is not set");
  signing.algorithm = secsched::auth::JwtConfig::Algorithm::kHS256;
  signing.key = key;

  auto token =
      secsched::auth::MintToken(signing, subject, scopes, ttl, std::chrono::system_clock::now());
  if (!token.ok()) return Fail(secsched::ToStd(token.status().message()));
  std::cout << *token << "\n";
  return 0;
}
