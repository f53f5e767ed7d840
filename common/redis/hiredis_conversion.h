// Internal to secsched_redis: the one place a hiredis reply becomes a RedisReply, and a
// duration becomes hiredis' timeval.
#pragma once

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <chrono>

#include "common/redis/redis_reply.h"

namespace secsched::redis {

// Deep-copies `reply` (the caller still frees it with freeReplyObject).
RedisReply RedisReplyFromHiredis(const redisReply& reply);

inline timeval ToTimeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

}  // namespace secsched::redis
