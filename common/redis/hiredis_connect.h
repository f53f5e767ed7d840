// Internal to secsched_redis: the one way a hiredis connection is opened (RedisClient and
// Subscriber), so timeouts, keepalive, AUTH and SELECT are applied the same everywhere.
#pragma once

#include <hiredis/hiredis.h>

#include "absl/status/statusor.h"
#include "common/redis/redis_options.h"

namespace secsched::redis {

// Connects within options.connect_timeout, sets the command timeout and TCP keepalive, then
// AUTH (when options.password is set) and SELECT (when options.database is not 0). The caller
// owns the context (redisFree). UNAVAILABLE when Redis cannot be reached; a refusal of the
// credentials is UNAVAILABLE too (the caller's request is not at fault) and names the user,
// with the Redis error code (WRONGPASS, NOAUTH, ...) readable through RedisErrorCode.
absl::StatusOr<redisContext*> ConnectHiredis(const RedisOptions& options);

}  // namespace secsched::redis
