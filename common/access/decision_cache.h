// The shared CheckAccess answer cache in Redis, read by every service (through AccessClient)
// and filled and invalidated by the access service.
//
// Keys (prefix default "secsched:access"):
//   <prefix>:decision:<staff>:<location>  "<generation>|<allowed 0/1>|<reason>", with a TTL
//   <prefix>:gen:<staff>                  a counter, INCR'd after every change to the person
//   <prefix>:epoch                        a counter, INCR'd when everyone's answers go stale
// where <generation> is "<gen>.<epoch>" as read before the answer was computed. A lookup is one
// MGET of the three keys and is valid only when the generation still matches, so invalidating
// is one INCR, never a scan, and an answer computed from data that changed meanwhile can never
// be served: its generation is already old when it is written.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/access/authorize.h"
#include "common/redis/redis_connections.h"

namespace secsched::access {

struct DecisionCacheOptions {
  std::string prefix = "secsched:access";
};

class RedisDecisionCache {
 public:
  RedisDecisionCache(redis::RedisConnections& redis, DecisionCacheOptions options = {})
      : redis_(redis), options_(std::move(options)) {}

  // A valid cached answer, or nullopt (miss, stale, or Redis unreachable: callers fall back to
  // asking the access service).
  std::optional<AccessDecision> Lookup(std::string_view staff_id, std::string_view location_id);
  // The current generation of the person's answers; nullopt when Redis is unreachable.
  std::optional<std::string> Generation(std::string_view staff_id);
  // Best effort (a failed write only costs a later miss).
  void Store(std::string_view staff_id, std::string_view location_id, std::string_view generation,
             const AccessDecision& decision, std::chrono::seconds ttl);
  // UNAVAILABLE when Redis cannot be reached (the caller logs it; entries expire by TTL).
  absl::Status Invalidate(std::string_view staff_id);
  absl::Status InvalidateAll();

  std::string DecisionKey(std::string_view staff_id, std::string_view location_id) const;
  std::string GenerationKey(std::string_view staff_id) const;
  std::string EpochKey() const;

 private:
  redis::RedisConnections& redis_;
  const DecisionCacheOptions options_;
};

}  // namespace secsched::access
