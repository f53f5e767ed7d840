// The domain's DecisionCache on the shared Redis cache of common/access.
#pragma once

#include "common/access/decision_cache.h"
#include "services/access/domain/repository.h"

namespace secsched::access {

class RedisDecisionCacheAdapter final : public DecisionCache {
 public:
  explicit RedisDecisionCacheAdapter(RedisDecisionCache& cache) : cache_(cache) {}

  std::optional<CachedDecision> Lookup(std::string_view staff_id,
                                       std::string_view location_id) override;
  std::optional<std::string> Generation(std::string_view staff_id) override;
  void Store(std::string_view staff_id, std::string_view location_id, const std::string& generation,
             const CachedDecision& decision, std::chrono::seconds ttl) override;
  void Invalidate(std::string_view staff_id) override;
  void InvalidateAll() override;

 private:
  RedisDecisionCache& cache_;
};

}  // namespace secsched::access
