// Throwaway PostgreSQL and Redis servers for tests. The project never mocks these two.
//
// If the test command already started servers (deploy/local/test-servers.sh exports
// SECSCHED_TEST_PG_URL and SECSCHED_TEST_REDIS_URL), tests use them. Otherwise the first test
// that needs a server starts one on a free loopback port in a temporary folder; it is shared by
// every test in the binary and stopped (and the folder deleted) when the process exits — also
// when it crashes, through a small guardian process.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace secsched::testing {

// A fresh, empty database on the shared throwaway PostgreSQL, as a libpq URL
// (postgresql://postgres@127.0.0.1:<port>/t_<pid>_<n>...). Each call makes a new database.
std::string FreshDatabaseUrl();

struct RedisEndpoint {
  std::string host;
  int port = 0;
  // The ACL user the tests connect as: the throwaway servers require a password, as
  // production does, so every test exercises AUTH. Empty for a server without one.
  std::string username;
  std::string password;
  std::string url() const;  // redis://[user:password@]host:port
};

// The shared throwaway Redis (password-protected, ACL user `secsched`). Tests isolate
// themselves with UniqueName() key/stream prefixes.
RedisEndpoint SharedRedis();

// prefix + "_" + a suffix unique across processes and calls; only [a-z0-9_] are added, so the
// result is a valid key, stream, schema or database name when the prefix is.
std::string UniqueName(std::string_view prefix);

// A TCP port that was free on 127.0.0.1 a moment ago (bind port 0, read it, close).
int FreeTcpPort();

// Polls `condition` every few milliseconds until it returns true or `deadline` passes; returns
// the last result. The project's replacement for sleeps as synchronisation.
bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds deadline);

}  // namespace secsched::testing
