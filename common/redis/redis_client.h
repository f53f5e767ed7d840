// A synchronous Redis connection (hiredis) with timeouts and one reconnect.
//
// Not thread-safe: one RedisClient is one socket. Code that runs on many threads (gRPC
// handlers) takes a RedisConnections and asks it for this thread's client.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/redis/redis_options.h"
#include "common/redis/redis_reply.h"

struct redisContext;

namespace secsched::redis {

class RedisClient {
 public:
  // UNAVAILABLE when nothing answers at options.host:options.port within connect_timeout.
  static absl::StatusOr<std::unique_ptr<RedisClient>> Connect(RedisOptions options);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Sends argv as one command (binary-safe: arguments may hold any bytes) and waits up to
  // options.command_timeout for the reply.
  //  - A Redis error reply becomes a Status via StatusFromRedisError.
  //  - A connection found closed before sending (idle timeout, CLIENT KILL, server restart) is
  //    silently reopened, so every command is sent on a live socket.
  //  - An I/O error after sending reconnects once; the command is sent again only when that
  //    is safe (see IsSafeToRetry). Otherwise, or if reconnecting fails: UNAVAILABLE.
  absl::StatusOr<RedisReply> Command(const std::vector<std::string>& argv);

  // As Command, with a different reply deadline: for blocking commands such as
  // XREADGROUP ... BLOCK <ms>, whose reply legitimately takes up to <ms>. Pass the block time
  // plus a margin. A timed-out command is never retried: it may still be running.
  absl::StatusOr<RedisReply> CommandWithTimeout(const std::vector<std::string>& argv,
                                                std::chrono::milliseconds timeout);

  const RedisOptions& options() const { return options_; }

 private:
  struct ContextDeleter {
    void operator()(redisContext* context) const;
  };
  using ContextPtr = std::unique_ptr<redisContext, ContextDeleter>;

  RedisClient(RedisOptions options, ContextPtr context);
  static absl::StatusOr<ContextPtr> Open(const RedisOptions& options);
  bool ConnectionLooksClosed() const;
  absl::StatusOr<RedisReply> Execute(const std::vector<std::string>& argv,
                                     std::chrono::milliseconds timeout);

  RedisOptions options_;
  ContextPtr context_;  // null after a failed reconnect; the next command tries again
};

// Whether sending argv twice has the same effect as sending it once, so that a command whose
// reply was lost may be re-sent. True for reads (GET, EXISTS, XRANGE, XPENDING, XINFO, XLEN,
// PING, ...) and for writes whose effect is idempotent (XACK, XDEL, XGROUP, DEL, EXPIRE,
// SADD, SREM); a re-sent write may report "0 changed" because the first one did the work.
// False for XADD, XREADGROUP, XCLAIM, XAUTOCLAIM (a second call delivers or counts again),
// PUBLISH (duplicate message), INCR, SET, EVAL and everything not listed.
bool IsSafeToRetry(const std::vector<std::string>& argv);

}  // namespace secsched::redis
