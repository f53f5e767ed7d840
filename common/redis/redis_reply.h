// A Redis reply as a plain value, so no caller ever holds a hiredis pointer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace secsched::redis {

struct RedisReply {
  // RESP2 types (hiredis 0.14 speaks RESP2 only). An error reply never reaches callers as a
  // value: RedisClient turns it into a Status (see StatusFromRedisError).
  enum class Type { kNil, kString, kStatus, kInteger, kArray, kError };

  Type type = Type::kNil;
  std::string str;  // kString (binary-safe), kStatus, kError
  int64_t integer = 0;
  std::vector<RedisReply> elements;  // kArray

  static RedisReply Nil() { return {}; }
  static RedisReply String(std::string s) { return {Type::kString, std::move(s), 0, {}}; }
  static RedisReply Status(std::string s) { return {Type::kStatus, std::move(s), 0, {}}; }
  static RedisReply Integer(int64_t i) { return {Type::kInteger, {}, i, {}}; }
  static RedisReply Array(std::vector<RedisReply> e) { return {Type::kArray, {}, 0, std::move(e)}; }

  bool is_nil() const { return type == Type::kNil; }
  bool is_array() const { return type == Type::kArray; }
  bool is_string() const { return type == Type::kString || type == Type::kStatus; }
  bool is_integer() const { return type == Type::kInteger; }

  bool operator==(const RedisReply&) const = default;
};

// A readable rendering for logs and test failures, e.g. ["1-0", 3, nil].
std::string DebugString(const RedisReply& reply);

// Maps a Redis error reply ("NOGROUP No such key ...") to a Status. The first word of the
// reply is Redis' error code; it is kept in the message and also as a payload, so callers can
// branch on it with RedisErrorCode() instead of parsing messages:
//   server-state conflicts (BUSYGROUP, NOGROUP, WRONGTYPE, BUSYKEY, NOSCRIPT, EXECABORT)
//     -> FAILED_PRECONDITION: the command was fine, the data was not in the needed shape;
//   transient server states (LOADING, BUSY, MASTERDOWN, TRYAGAIN, READONLY) -> UNAVAILABLE;
//   our credentials missing or refused (NOAUTH, WRONGPASS) -> UNAVAILABLE, naming the settings;
//   everything else (ERR syntax, wrong arity, unknown command: our bugs) -> INTERNAL.
absl::Status StatusFromRedisError(std::string_view error_reply);

// The Redis error code carried by a Status from StatusFromRedisError, e.g. "BUSYGROUP".
std::optional<std::string> RedisErrorCode(const absl::Status& status);

}  // namespace secsched::redis
