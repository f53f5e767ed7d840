// Internal to secsched_redis: the one place a hiredis reply becomes a RedisReply.
#pragma once

#include <hiredis/hiredis.h>

#include "common/redis/redis_reply.h"

namespace secsched::redis {

// Deep-copies `reply` (the caller still frees it with freeReplyObject).
RedisReply RedisReplyFromHiredis(const redisReply& reply);

}  // namespace secsched::redis
