#include "common/access/decision_cache.h"

namespace secsched::access {
namespace {

std::string CounterValue(const redis::RedisReply& reply) {
  return reply.is_string() ? reply.str : "0";  // a missing counter is generation 0
}

}  // namespace

std::string RedisDecisionCache::DecisionKey(std::string_view staff_id,
                                            std::string_view location_id) const {
  return options_.prefix + ":decision:" + std::string(staff_id) + ":" + std::string(location_id);
}
std::string RedisDecisionCache::GenerationKey(std::string_view staff_id) const {
  return options_.prefix + ":gen:" + std::string(staff_id);
}
std::string RedisDecisionCache::EpochKey() const { return options_.prefix + ":epoch"; }

std::optional<AccessDecision> RedisDecisionCache::Lookup(std::string_view staff_id,
                                                         std::string_view location_id) {
  absl::StatusOr<redis::RedisClient*> client = redis_.ForThisThread();
  if (!client.ok()) return std::nullopt;
  absl::StatusOr<redis::RedisReply> reply = (*client)->Command(
      {"MGET", DecisionKey(staff_id, location_id), GenerationKey(staff_id), EpochKey()});
  if (!reply.ok() || !reply->is_array() || reply->elements.size() != 3) return std::nullopt;
  const redis::RedisReply& cached = reply->elements[0];
  if (!cached.is_string()) return std::nullopt;
  const std::string current =
      CounterValue(reply->elements[1]) + "." + CounterValue(reply->elements[2]);
  // "<generation>|<0/1>|<reason>"
  const size_t first = cached.str.find('|');
  if (first == std::string::npos || first + 2 >= cached.str.size() ||
      cached.str[first + 2] != '|') {
    return std::nullopt;
  }
  if (std::string_view(cached.str).substr(0, first) != current) return std::nullopt;
  return AccessDecision{.allowed = cached.str[first + 1] == '1',
                        .reason = cached.str.substr(first + 3)};
}

std::optional<std::string> RedisDecisionCache::Generation(std::string_view staff_id) {
  absl::StatusOr<redis::RedisClient*> client = redis_.ForThisThread();
  if (!client.ok()) return std::nullopt;
  absl::StatusOr<redis::RedisReply> reply =
      (*client)->Command({"MGET", GenerationKey(staff_id), EpochKey()});
  if (!reply.ok() || !reply->is_array() || reply->elements.size() != 2) return std::nullopt;
  return CounterValue(reply->elements[0]) + "." + CounterValue(reply->elements[1]);
}

void RedisDecisionCache::Store(std::string_view staff_id, std::string_view location_id,
                               std::string_view generation, const AccessDecision& decision,
                               std::chrono::seconds ttl) {
  absl::StatusOr<redis::RedisClient*> client = redis_.ForThisThread();
  if (!client.ok() || ttl.count() <= 0) return;
  (void)(*client)->Command(
      {"SET", DecisionKey(staff_id, location_id),
       std::string(generation) + "|" + (decision.allowed ? "1" : "0") + "|" + decision.reason, "EX",
       std::to_string(ttl.count())});
}

absl::Status RedisDecisionCache::Invalidate(std::string_view staff_id) {
  absl::StatusOr<redis::RedisClient*> client = redis_.ForThisThread();
  if (!client.ok()) return client.status();
  return (*client)->Command({"INCR", GenerationKey(staff_id)}).status();
}

absl::Status RedisDecisionCache::InvalidateAll() {
  absl::StatusOr<redis::RedisClient*> client = redis_.ForThisThread();
  if (!client.ok()) return client.status();
  return (*client)->Command({"INCR", EpochKey()}).status();
}

}  // namespace secsched::access
