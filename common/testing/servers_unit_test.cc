// The launcher helpers that need no server.
#include <gtest/gtest.h>

#include <set>

#include "common/testing/launchers.h"
#include "common/testing/servers.h"

namespace secsched::testing {
namespace {

TEST(WithDatabase, ReplacesOnlyTheDatabase) {
  EXPECT_EQ(internal::WithDatabase("postgresql://postgres@127.0.0.1:5432/postgres", "t_1"),
            "postgresql://postgres@127.0.0.1:5432/t_1");
  EXPECT_EQ(internal::WithDatabase("postgresql://u:p@h:1/db?sslmode=disable", "t_2"),
            "postgresql://u:p@h:1/t_2?sslmode=disable");
  EXPECT_EQ(internal::WithDatabase("postgres://h:1", "t_3"), "postgres://h:1/t_3");
  EXPECT_EQ(internal::WithDatabase("postgresql://h:1?x=a/b", "t_4"), "postgresql://h:1/t_4?x=a/b");
}

TEST(ParseRedisUrl, ReadsHostAndPort) {
  const RedisEndpoint endpoint = internal::ParseRedisUrl("redis://127.0.0.1:6390/0");
  EXPECT_EQ(endpoint.host, "127.0.0.1");
  EXPECT_EQ(endpoint.port, 6390);
  EXPECT_EQ(endpoint.url(), "redis://127.0.0.1:6390");
  EXPECT_EQ(internal::ParseRedisUrl("redis://localhost").port, 6379);
  EXPECT_THROW(internal::ParseRedisUrl("http://x"), std::invalid_argument);
}

TEST(ParseRedisUrl, KeepsTheCredentials) {
  const RedisEndpoint endpoint =
      internal::ParseRedisUrl("redis://secsched:0a1b2c@127.0.0.1:6390/0");
  EXPECT_EQ(endpoint.username, "secsched");
  EXPECT_EQ(endpoint.password, "0a1b2c");
  EXPECT_EQ(endpoint.host, "127.0.0.1");
  EXPECT_EQ(endpoint.port, 6390);
  EXPECT_EQ(endpoint.url(), "redis://secsched:0a1b2c@127.0.0.1:6390");
}

TEST(UniqueName, IsUniqueAndIdentifierSafe) {
  std::set<std::string> names;
  for (int i = 0; i < 100; ++i) names.insert(UniqueName("jobs"));
  EXPECT_EQ(names.size(), 100u);
  for (const std::string& name : names) {
    EXPECT_EQ(name.rfind("jobs_", 0), 0u);
    EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"), std::string::npos);
  }
}

TEST(FreeTcpPort, ReturnsAnUnprivilegedPort) {
  const int port = FreeTcpPort();
  EXPECT_GT(port, 1023);
  EXPECT_LT(port, 65536);
}

TEST(WaitFor, ReturnsTrueOnceTheConditionHolds) {
  int calls = 0;
  EXPECT_TRUE(WaitFor([&] { return ++calls == 3; }, std::chrono::seconds(10)));
  EXPECT_EQ(calls, 3);
}

TEST(WaitFor, ReturnsFalseAfterTheDeadline) {
  EXPECT_FALSE(WaitFor([] { return false; }, std::chrono::milliseconds(20)));
}

}  // namespace
}  // namespace secsched::testing
