#include "common/redis/redis_connections.h"

namespace secsched::redis {

absl::StatusOr<RedisClient*> RedisConnections::ForThisThread() {
  const std::thread::id self = std::this_thread::get_id();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = clients_.find(self);
    if (it != clients_.end()) return it->second.get();
  }
  // Connect outside the lock: a slow or unreachable Redis must not stall other threads.
  absl::StatusOr<std::unique_ptr<RedisClient>> client = RedisClient::Connect(options_);
  if (!client.ok()) return client.status();
  std::lock_guard<std::mutex> lock(mutex_);
  return clients_.emplace(self, *std::move(client)).first->second.get();
}

}  // namespace secsched::redis
