#include "common/redis/hiredis_connect.h"

#include <sys/time.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/redis/hiredis_conversion.h"
#include "common/status/strings.h"

namespace secsched::redis {
namespace {

// One command on a fresh connection; a Redis error reply becomes StatusFromRedisError's status
// with `what` in front of its message.
absl::Status Handshake(redisContext* context, const RedisOptions& options,
                       const std::vector<std::string>& argv, std::string_view what) {
  std::vector<const char*> args;
  std::vector<size_t> lengths;
  for (const std::string& arg : argv) {
    args.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  auto* raw = static_cast<redisReply*>(
      redisCommandArgv(context, static_cast<int>(args.size()), args.data(), lengths.data()));
  if (raw == nullptr) {
    return absl::UnavailableError(absl::StrCat("Lost the Redis connection to ", options.Describe(),
                                               " during ", argv.front(), ": ", context->errstr));
  }
  RedisReply reply = RedisReplyFromHiredis(*raw);
  freeReplyObject(raw);
  if (reply.type != RedisReply::Type::kError) return absl::OkStatus();
  const absl::Status refused = StatusFromRedisError(reply.str);
  absl::Status status = absl::UnavailableError(
      absl::StrCat("Redis at ", options.Describe(), " ", ToAbsl(what), ": ", refused.message()));
  refused.ForEachPayload(
      [&](absl::string_view url, const absl::Cord& payload) { status.SetPayload(url, payload); });
  return status;
}

}  // namespace

absl::StatusOr<redisContext*> ConnectHiredis(const RedisOptions& options) {
  redisContext* context = redisConnectWithTimeout(options.host.c_str(), options.port,
                                                  ToTimeval(options.connect_timeout));
  if (context == nullptr) {
    return absl::UnavailableError(absl::StrCat("Cannot reach Redis at ", options.Describe(), "."));
  }
  auto fail = [&](absl::Status status) {
    redisFree(context);
    return status;
  };
  if (context->err != 0) {
    return fail(absl::UnavailableError(
        absl::StrCat("Cannot reach Redis at ", options.Describe(), ": ", context->errstr)));
  }
  // The connect timeout covers connect() only; the socket's read/write deadline is separate.
  if (redisSetTimeout(context, ToTimeval(options.command_timeout)) != REDIS_OK) {
    return fail(
        absl::UnavailableError(absl::StrCat("Cannot set Redis timeout: ", context->errstr)));
  }
  // Keepalive lets the kernel notice a vanished peer on long-idle connections.
  redisEnableKeepAlive(context);
  if (!options.password.empty()) {
    std::vector<std::string> auth = {"AUTH"};
    if (!options.username.empty()) auth.push_back(options.username);
    auth.push_back(options.password);
    if (absl::Status s = Handshake(context, options, auth, "refused the credentials"); !s.ok()) {
      return fail(s);
    }
  }
  if (options.database != 0) {
    if (absl::Status s = Handshake(context, options, {"SELECT", std::to_string(options.database)},
                                   "refused SELECT of the URL's database");
        !s.ok()) {
      return fail(s);
    }
  }
  return context;
}

}  // namespace secsched::redis
