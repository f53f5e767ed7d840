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

TEST(RedisOptionsFromUrl, ParsesAclUserPasswordAndDatabase) {
  absl::StatusOr<RedisOptions> options =
      RedisOptions::FromUrl("redis://secsched:s3cr%40t%3A%2F@redis.internal:6380/2");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->username, "secsched");
  EXPECT_EQ(options->password, "s3cr@t:/");
  EXPECT_EQ(options->host, "redis.internal");
  EXPECT_EQ(options->port, 6380);
  EXPECT_EQ(options->database, 2);
  EXPECT_EQ(options->Describe(), "redis.internal:6380 as user secsched");
}

TEST(RedisOptionsFromUrl, PasswordAloneMeansTheDefaultUser) {
  absl::StatusOr<RedisOptions> options = RedisOptions::FromUrl("redis://:pw@h");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->username, "");
  EXPECT_EQ(options->password, "pw");
  EXPECT_EQ(options->port, 6379);
  EXPECT_EQ(options->database, 0);
}

TEST(RedisOptionsFromUrl, RejectsMalformedUrls) {
  for (const char* url :
       {"", "redis://", "http://h:1", "redis://h:0", "redis://h:65536", "redis://h:port",
        "redis://:6379", "redis://user@h:1", "redis://user:@h:1", "redis://u:p%4@h:1",
        "redis://u:p%zz@h:1", "redis://h:1/x", "redis://h:1/-1", "redis://h:1?ssl=true",
        "rediss://h:1"}) {
    absl::StatusOr<RedisOptions> options = RedisOptions::FromUrl(url);
    EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument) << url;
  }
}

TEST(RedisOptionsFromUrl, NeverEchoesThePasswordAndExplainsTls) {
  absl::StatusOr<RedisOptions> bad = RedisOptions::FromUrl("redis://u:hunter2@h:port");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(std::string(bad.status().message()).find("hunter2"), std::string::npos) << bad.status();
  absl::StatusOr<RedisOptions> tls = RedisOptions::FromUrl("rediss://u:hunter2@h:6379");
  ASSERT_FALSE(tls.ok());
  EXPECT_NE(std::string(tls.status().message()).find("TLS"), std::string::npos);
  EXPECT_EQ(std::string(tls.status().message()).find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace secsched::redis
