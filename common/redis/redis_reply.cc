#include "common/redis/redis_reply.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/redis/hiredis_conversion.h"
#include "common/status/strings.h"

namespace secsched::redis {
namespace {
constexpr std::string_view kErrorCodePayload = "secsched.redis/error_code";
}  // namespace

RedisReply RedisReplyFromHiredis(const redisReply& reply) {
  switch (reply.type) {
    case REDIS_REPLY_STRING:
      return RedisReply::String(std::string(reply.str, reply.len));
    case REDIS_REPLY_STATUS:
      return RedisReply::Status(std::string(reply.str, reply.len));
    case REDIS_REPLY_ERROR:
      return {RedisReply::Type::kError, std::string(reply.str, reply.len), 0, {}};
    case REDIS_REPLY_INTEGER:
      return RedisReply::Integer(reply.integer);
    case REDIS_REPLY_ARRAY: {
      std::vector<RedisReply> elements;
      elements.reserve(reply.elements);
      for (size_t i = 0; i < reply.elements; ++i) {
        elements.push_back(RedisReplyFromHiredis(*reply.element[i]));
      }
      return RedisReply::Array(std::move(elements));
    }
    default:  // REDIS_REPLY_NIL, and nothing else exists in RESP2
      return RedisReply::Nil();
  }
}

std::string DebugString(const RedisReply& reply) {
  switch (reply.type) {
    case RedisReply::Type::kNil:
      return "nil";
    case RedisReply::Type::kString:
      return absl::StrCat("\"", reply.str, "\"");
    case RedisReply::Type::kStatus:
      return reply.str;
    case RedisReply::Type::kError:
      return absl::StrCat("(error) ", reply.str);
    case RedisReply::Type::kInteger:
      return absl::StrCat(reply.integer);
    case RedisReply::Type::kArray:
      return absl::StrCat(
          "[",
          absl::StrJoin(reply.elements, ", ",
                        [](std::string* out, const RedisReply& e) { out->append(DebugString(e)); }),
          "]");
  }
  return "?";
}

absl::Status StatusFromRedisError(std::string_view error_reply) {
  static const auto* const kPrecondition = new absl::flat_hash_set<std::string_view>{
      "BUSYGROUP", "NOGROUP", "WRONGTYPE", "BUSYKEY", "NOSCRIPT", "EXECABORT"};
  static const auto* const kTransient = new absl::flat_hash_set<std::string_view>{
      "LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "READONLY"};
  // Our credentials, not the caller's request: the service cannot use Redis until fixed.
  static const auto* const kCredentials =
      new absl::flat_hash_set<std::string_view>{"NOAUTH", "WRONGPASS"};
  const std::string_view code = error_reply.substr(0, error_reply.find(' '));
  const std::string message = absl::StrCat("Redis replied: ", ToAbsl(error_reply));
  absl::Status status;
  if (kPrecondition->contains(code)) {
    status = absl::FailedPreconditionError(message);
  } else if (kCredentials->contains(code)) {
    status = absl::UnavailableError(
        absl::StrCat(message,
                     " (Redis credentials: SECSCHED_REDIS_USERNAME / SECSCHED_REDIS_PASSWORD, or "
                     "user:password in SECSCHED_REDIS_URL)"));
  } else if (kTransient->contains(code)) {
    status = absl::UnavailableError(message);
  } else {
    status = absl::InternalError(message);
  }
  status.SetPayload(ToAbsl(kErrorCodePayload), absl::Cord(ToAbsl(code)));
  return status;
}

std::optional<std::string> RedisErrorCode(const absl::Status& status) {
  absl::optional<absl::Cord> code = status.GetPayload(ToAbsl(kErrorCodePayload));
  if (!code) return std::nullopt;
  return std::string(*code);
}

}  // namespace secsched::redis
