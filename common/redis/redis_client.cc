#include "common/redis/redis_client.h"

#include <hiredis/hiredis.h>
#include <poll.h>
#include <sys/time.h>

#include <cerrno>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/redis/hiredis_connect.h"
#include "common/redis/hiredis_conversion.h"
#include "spdlog/spdlog.h"

namespace secsched::redis {
namespace {

std::string Endpoint(const RedisOptions& options) { return options.Describe(); }

}  // namespace

bool IsSafeToRetry(const std::vector<std::string>& argv) {
  static const auto* const kIdempotent = new absl::flat_hash_set<std::string>{
      "PING",   "ECHO",   "GET",       "MGET",     "EXISTS",   "TTL",       "PTTL",   "TYPE",
      "STRLEN", "HGET",   "HMGET",     "HGETALL",  "SMEMBERS", "SISMEMBER", "LRANGE", "LLEN",
      "XLEN",   "XRANGE", "XREVRANGE", "XPENDING", "XINFO",    "PUBSUB",    "XACK",   "XDEL",
      "XGROUP", "DEL",    "UNLINK",    "EXPIRE",   "PEXPIRE",  "SADD",      "SREM"};
  return !argv.empty() && kIdempotent->contains(absl::AsciiStrToUpper(argv.front()));
}

void RedisClient::ContextDeleter::operator()(redisContext* context) const { redisFree(context); }

RedisClient::RedisClient(RedisOptions options, ContextPtr context)
    : options_(std::move(options)), context_(std::move(context)) {}

RedisClient::~RedisClient() = default;

absl::StatusOr<RedisClient::ContextPtr> RedisClient::Open(const RedisOptions& options) {
  absl::StatusOr<redisContext*> context = ConnectHiredis(options);
  if (!context.ok()) return context.status();
  return ContextPtr(*context);
}

absl::StatusOr<std::unique_ptr<RedisClient>> RedisClient::Connect(RedisOptions options) {
  absl::StatusOr<ContextPtr> context = Open(options);
  if (!context.ok()) return context.status();
  return std::unique_ptr<RedisClient>(new RedisClient(std::move(options), *std::move(context)));
}

absl::StatusOr<RedisReply> RedisClient::Command(const std::vector<std::string>& argv) {
  return Execute(argv, options_.command_timeout);
}

absl::StatusOr<RedisReply> RedisClient::CommandWithTimeout(const std::vector<std::string>& argv,
                                                           std::chrono::milliseconds timeout) {
  return Execute(argv, timeout);
}

// Between commands nothing should be readable on a request/reply connection; readable (or
// hung up) means the server closed it, and a command sent now would be lost unseen.
bool RedisClient::ConnectionLooksClosed() const {
  pollfd fd{context_->fd, POLLIN | POLLRDHUP, 0};
  return poll(&fd, 1, 0) > 0 && fd.revents != 0;
}

absl::StatusOr<RedisReply> RedisClient::Execute(const std::vector<std::string>& argv,
                                                std::chrono::milliseconds timeout) {
  if (argv.empty()) return absl::InvalidArgumentError("Empty Redis command.");
  std::vector<const char*> args;
  std::vector<size_t> lengths;
  for (const std::string& arg : argv) {
    args.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  bool retried = false;
  while (true) {
    if (context_ == nullptr || context_->err != 0 || ConnectionLooksClosed()) {
      context_.reset();
      absl::StatusOr<ContextPtr> reopened = Open(options_);
      if (!reopened.ok()) return reopened.status();
      context_ = *std::move(reopened);
    }
    const bool custom_timeout = timeout != options_.command_timeout;
    if (custom_timeout) redisSetTimeout(context_.get(), ToTimeval(timeout));
    errno = 0;
    auto* raw = static_cast<redisReply*>(redisCommandArgv(
        context_.get(), static_cast<int>(args.size()), args.data(), lengths.data()));
    const bool timed_out = raw == nullptr && (errno == EAGAIN || errno == EWOULDBLOCK);
    if (raw != nullptr) {
      if (custom_timeout) redisSetTimeout(context_.get(), ToTimeval(options_.command_timeout));
      RedisReply reply = RedisReplyFromHiredis(*raw);
      freeReplyObject(raw);
      if (reply.type == RedisReply::Type::kError) return StatusFromRedisError(reply.str);
      return reply;
    }
    const std::string why = context_->errstr;
    context_.reset();  // the socket state is unknown now: never reuse it
    if (timed_out) {
      return absl::UnavailableError(absl::StrCat("Redis at ", Endpoint(options_),
                                                 " did not answer ", argv.front(), " in time."));
    }
    if (retried || !IsSafeToRetry(argv)) {
      return absl::UnavailableError(absl::StrCat("Lost the Redis connection to ",
                                                 Endpoint(options_), " during ", argv.front(), ": ",
                                                 why));
    }
    spdlog::warn("Redis connection lost during {} ({}); reconnecting and retrying once",
                 argv.front(), why);
    retried = true;
  }
}

}  // namespace secsched::redis
