// One RedisClient per thread, created on first use, for code called from many threads.
//
// hiredis contexts must never be shared between threads, and a pool with checkout adds a lock
// and a wait to every call; gRPC's synchronous server runs each call on one thread from start
// to end, so "this thread's connection" is both safe and free of contention.
#pragma once

#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "absl/status/statusor.h"
#include "common/redis/redis_client.h"

namespace secsched::redis {

class RedisConnections {
 public:
  explicit RedisConnections(RedisOptions options) : options_(std::move(options)) {}
  RedisConnections(const RedisConnections&) = delete;
  RedisConnections& operator=(const RedisConnections&) = delete;

  // This thread's client, connecting on first use (UNAVAILABLE if Redis cannot be reached;
  // the next call tries again). The pointer stays valid for the life of this object and
  // must be used only on the calling thread.
  absl::StatusOr<RedisClient*> ForThisThread();

  const RedisOptions& options() const { return options_; }

 private:
  RedisOptions options_;
  // Owned here rather than in a thread_local so that destroying this object closes every
  // socket it opened. A thread id is only reused after its thread ended, so a reused entry is
  // never shared by two live threads.
  std::mutex mutex_;
  std::unordered_map<std::thread::id, std::unique_ptr<RedisClient>> clients_;
};

}  // namespace secsched::redis
