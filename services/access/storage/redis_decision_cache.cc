#include "services/access/storage/redis_decision_cache.h"

#include <spdlog/spdlog.h>

#include "common/status/strings.h"

namespace secsched::access {

std::optional<CachedDecision> RedisDecisionCacheAdapter::Lookup(std::string_view staff_id,
                                                                std::string_view location_id) {
  std::optional<AccessDecision> hit = cache_.Lookup(staff_id, location_id);
  if (!hit) return std::nullopt;
  return CachedDecision{.allowed = hit->allowed, .reason = std::move(hit->reason)};
}

std::optional<std::string> RedisDecisionCacheAdapter::Generation(std::string_view staff_id) {
  return cache_.Generation(staff_id);
}

void RedisDecisionCacheAdapter::Store(std::string_view staff_id, std::string_view location_id,
                                      const std::string& generation, const CachedDecision& decision,
                                      std::chrono::seconds ttl) {
  cache_.Store(staff_id, location_id, generation,
               {.allowed = decision.allowed, .reason = decision.reason}, ttl);
}

void RedisDecisionCacheAdapter::Invalidate(std::string_view staff_id) {
  if (absl::Status s = cache_.Invalidate(staff_id); !s.ok()) {
    // Cached answers then live until their TTL (seconds); logged loudly because a revocation
    // is delayed by that much.
    spdlog::error("cannot invalidate cached access answers of {}: {}", staff_id,
                  ToStd(s.message()));
  }
}

void RedisDecisionCacheAdapter::InvalidateAll() {
  if (absl::Status s = cache_.InvalidateAll(); !s.ok()) {
    spdlog::error("cannot invalidate cached access answers: {}", ToStd(s.message()));
  }
}

}  // namespace secsched::access
