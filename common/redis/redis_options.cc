#include "common/redis/redis_options.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/status/strings.h"

namespace secsched::redis {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 3986 percent-decoding, so a password may hold ':', '@' or '/' written as %3A, %40, %2F.
bool PercentDecode(absl::string_view in, std::string& out) {
  out.clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    const int high = HexValue(in[i + 1]);
    const int low = HexValue(in[i + 2]);
    if (high < 0 || low < 0) return false;
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return true;
}

absl::Status BadUrl(std::string_view why, std::string_view shown) {
  return absl::InvalidArgumentError(absl::StrCat("Redis URL ", ToAbsl(why), ": ", ToAbsl(shown)));
}

}  // namespace

absl::StatusOr<RedisOptions> RedisOptions::FromUrl(std::string_view url) {
  absl::string_view rest = ToAbsl(url);
  // Credentials never go into a message: show the URL without them.
  std::string shown(url);
  if (const size_t at = shown.rfind('@'); at != std::string::npos) {
    const size_t scheme = shown.find("://");
    shown.replace(scheme == std::string::npos ? 0 : scheme + 3,
                  at - (scheme == std::string::npos ? 0 : scheme + 3), "***");
  }
  if (absl::StartsWith(rest, "rediss://")) {
    return BadUrl(
        "asks for TLS (rediss://), which this build's hiredis 0.14 cannot do; connect through a "
        "local TLS proxy with redis:// (docs/deploy-kubernetes.md)",
        shown);
  }
  if (!absl::ConsumePrefix(&rest, "redis://") && rest.find("://") != absl::string_view::npos) {
    return BadUrl("must start with redis://", shown);
  }
  RedisOptions options;
  if (const size_t at = rest.rfind('@'); at != absl::string_view::npos) {
    const absl::string_view credentials = rest.substr(0, at);
    rest.remove_prefix(at + 1);
    const size_t colon = credentials.find(':');
    if (colon == absl::string_view::npos) {
      return BadUrl("names a user without a password (redis://user:password@host)", shown);
    }
    if (!PercentDecode(credentials.substr(0, colon), options.username) ||
        !PercentDecode(credentials.substr(colon + 1), options.password)) {
      return BadUrl("has a malformed %-escape in its credentials", shown);
    }
    if (options.password.empty()) return BadUrl("has an empty password", shown);
  }
  if (const size_t slash = rest.find('/'); slash != absl::string_view::npos) {
    absl::string_view database = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
    absl::ConsumeSuffix(&database, "/");
    if (!database.empty() &&
        (!absl::SimpleAtoi(database, &options.database) || options.database < 0)) {
      return BadUrl("has a bad database number", shown);
    }
  }
  if (rest.empty()) return BadUrl("has no host", shown);
  if (rest.find_first_of("?#") != absl::string_view::npos) {
    return BadUrl("has query parameters, which the suite does not read", shown);
  }
  const size_t colon = rest.rfind(':');
  if (colon == absl::string_view::npos) {
    options.host = std::string(rest);
    return options;
  }
  options.host = std::string(rest.substr(0, colon));
  int port = 0;
  if (options.host.empty() || !absl::SimpleAtoi(rest.substr(colon + 1), &port) || port < 1 ||
      port > 65535) {
    return BadUrl("has a bad host or port", shown);
  }
  options.port = port;
  return options;
}

std::string RedisOptions::Describe() const {
  std::string described = absl::StrCat(host, ":", port);
  if (!username.empty()) absl::StrAppend(&described, " as user ", username);
  return described;
}

}  // namespace secsched::redis
