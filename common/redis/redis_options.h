// Where and how patiently to talk to Redis.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace secsched::redis {

struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::chrono::milliseconds connect_timeout{2000};
  // Applies to every ordinary command; blocking reads pass their own (see CommandWithTimeout).
  std::chrono::milliseconds command_timeout{2000};

  // Accepts "redis://host:port", "redis://host" (port 6379) and "host:port"; INVALID_ARGUMENT
  // otherwise. Passwords, databases and TLS are not used by the suite, so a URL carrying them
  // is rejected rather than silently ignored.
  static absl::StatusOr<RedisOptions> FromUrl(std::string_view url);
};

}  // namespace secsched::redis
