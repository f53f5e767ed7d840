// Redis pub/sub: fire-and-forget notifications such as job progress. Delivery is best effort
// (a subscriber that is not connected misses messages), so anything that matters is also
// written to PostgreSQL; pub/sub only makes watchers see it sooner.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/redis/redis_client.h"

namespace secsched::redis {

// PUBLISH channel message; returns how many subscribers received it. Not retried on a lost
// connection (a retry could deliver twice); the caller decides whether that matters.
absl::StatusOr<int64_t> Publish(RedisClient& client, std::string_view channel,
                                std::string_view message);

struct PubSubMessage {
  std::string channel;
  std::string payload;
};

// A connection in subscribe mode. It is its own connection because a subscribed Redis
// connection accepts no ordinary commands. Not thread-safe; one reader.
class Subscriber {
 public:
  // Connects and subscribes; returns once Redis confirmed every channel, so a message
  // published after this returns is received.
  static absl::StatusOr<std::unique_ptr<Subscriber>> Subscribe(RedisOptions options,
                                                               std::vector<std::string> channels);
  ~Subscriber();
  Subscriber(const Subscriber&) = delete;
  Subscriber& operator=(const Subscriber&) = delete;

  // The next message, or nullopt when none arrived within `timeout`. On a lost connection it
  // reconnects and subscribes again once (messages published meanwhile are missed) and
  // returns UNAVAILABLE if that fails.
  absl::StatusOr<std::optional<PubSubMessage>> Next(std::chrono::milliseconds timeout);

 private:
  struct State;
  explicit Subscriber(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace secsched::redis
