// Internal: the process-wide throwaway servers behind servers.h.
#pragma once

#include <string>

#include "common/testing/servers.h"

namespace secsched::testing::internal {

// Starts PostgreSQL on first call (initdb + pg_ctl in a temp folder) and returns a URL to its
// `postgres` database. Throws std::runtime_error (with the server log tail) on failure.
std::string LaunchSharedPostgres();

// Starts redis-server on first call, requiring a password: ACL user `secsched` (all keys,
// channels and commands) with a random password; the default user has another random password,
// so a client that does not authenticate gets NOAUTH. Throws std::runtime_error on failure.
RedisEndpoint LaunchSharedRedis();

// The newest PostgreSQL's bin folder (Debian: /usr/lib/postgresql/<major>/bin); throws
// std::runtime_error when there is none.
std::string PostgresBinDir();

// 24 random characters from [a-z0-9]: a password that needs no escaping in a URL.
std::string RandomPassword();

// `url` with its database (the URL path) replaced by `database`; query parameters are kept.
std::string WithDatabase(const std::string& url, const std::string& database);

// True when a Redis server at `endpoint` (IPv4 address or localhost) answers PING, after AUTH
// with the endpoint's credentials when it has a password.
bool RedisAnswersPing(const RedisEndpoint& endpoint);

// Parses redis://[user:password@]host:port[/db]; throws std::invalid_argument otherwise.
RedisEndpoint ParseRedisUrl(const std::string& url);

}  // namespace secsched::testing::internal
