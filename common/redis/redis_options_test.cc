#include "common/redis/redis_options.h"

#include <gtest/gtest.h>

namespace secsched::redis {
namespace {

TEST(RedisOptionsFromUrl, ParsesHostAndPort) {
  absl::StatusOr<RedisOptions> options = RedisOptions::FromUrl("redis://10.0.0.7:6380");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->host, "10.0.0.7");
  EXPECT_EQ(options->port, 6380);
}

TEST(RedisOptionsFromUrl, DefaultsPortAndAcceptsTrailingSlashAndBareHostPort) {
  absl::StatusOr<RedisOptions> no_port = RedisOptions::FromUrl("redis://redis.internal/");
  ASSERT_TRUE(no_port.ok()) << no_port.status();
  EXPECT_EQ(no_port->host, "redis.internal");
  EXPECT_EQ(no_port->port, 6379);

  absl::StatusOr<RedisOptions> bare = RedisOptions::FromUrl("localhost:7000");
  ASSERT_TRUE(bare.ok()) << bare.status();
  EXPECT_EQ(bare->host, "localhost");
  EXPECT_EQ(bare->port, 7000);
}

TEST(RedisOptionsFromUrl, KeepsDefaultTimeouts) {
  absl::StatusOr<RedisOptions> options = RedisOptions::FromUrl("redis://h:1");
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(options->connect_timeout, RedisOptions{}.connect_timeout);
  EXPECT_EQ(options->command_timeout, RedisOptions{}.command_timeout);
}

TEST(RedisOptionsFromUrl, RejectsMalformedUrls) {
  for (const char* url :
       {"", "redis://", "http://h:1", "redis://h:0", "redis://h:65536", "redis://h:port",
        "redis://:6379", "redis://user:pw@h:1", "redis://h:1/2", "rediss://h:1"}) {
    absl::StatusOr<RedisOptions> options = RedisOptions::FromUrl(url);
    EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument) << url;
  }
}

}  // namespace
}  // namespace secsched::redis
