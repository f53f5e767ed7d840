#include "common/redis/redis_options.h"

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/status/strings.h"

namespace secsched::redis {

absl::StatusOr<RedisOptions> RedisOptions::FromUrl(std::string_view url) {
  absl::string_view rest = ToAbsl(url);
  if (!absl::ConsumePrefix(&rest, "redis://") && rest.find("://") != absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("Redis URL must start with redis://: ", ToAbsl(url)));
  }
  absl::ConsumeSuffix(&rest, "/");
  if (rest.empty()) return absl::InvalidArgumentError("Redis URL has no host.");
  if (rest.find_first_of("@/?") != absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Redis URL must be redis://host:port (no credentials or database): ", ToAbsl(url)));
  }
  RedisOptions options;
  const size_t colon = rest.rfind(':');
  if (colon == absl::string_view::npos) {
    options.host = std::string(rest);
    return options;
  }
  options.host = std::string(rest.substr(0, colon));
  int port = 0;
  if (options.host.empty() || !absl::SimpleAtoi(rest.substr(colon + 1), &port) || port < 1 ||
      port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("Redis URL has a bad host or port: ", ToAbsl(url)));
  }
  options.port = port;
  return options;
}

}  // namespace secsched::redis
