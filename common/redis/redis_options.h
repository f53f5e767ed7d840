// Where and how patiently to talk to Redis, and as whom.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace secsched::redis {

struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  // AUTH after connecting when `password` is set: `AUTH <username> <password>` for an ACL user
  // (Redis 6+), `AUTH <password>` for the default user when `username` is empty.
  std::string username;
  std::string password;
  int database = 0;  // SELECT after AUTH when not 0
  std::chrono::milliseconds connect_timeout{2000};
  // Applies to every ordinary command; blocking reads pass their own (see CommandWithTimeout).
  std::chrono::milliseconds command_timeout{2000};

  // Accepts "redis://[[user]:password@]host[:port][/database]" (port 6379, database 0 by
  // default; user and password percent-decoded) and "host:port"; INVALID_ARGUMENT otherwise.
  // "rediss://" (TLS) is refused: Debian 12's hiredis 0.14 has no TLS, so the route to a TLS
  // Redis is a local TLS proxy (docs/deploy-kubernetes.md), not a URL that would silently
  // connect in plaintext.
  static absl::StatusOr<RedisOptions> FromUrl(std::string_view url);

  // "host:port" plus " as user <name>" when an ACL user is set: for messages (no password).
  std::string Describe() const;
};

}  // namespace secsched::redis
