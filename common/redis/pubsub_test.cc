#include "common/redis/pubsub.h"

#include <gtest/gtest.h>

#include "common/testing/servers.h"

namespace secsched::redis {
namespace {

// The shared Redis with its credentials (it requires a password).
RedisOptions SharedRedisOptions() { return *RedisOptions::FromUrl(testing::SharedRedis().url()); }

TEST(Subscriber, ReceivesPublishedMessagesInOrder) {
  const std::string channel = testing::UniqueName("progress");
  const std::string other = testing::UniqueName("other");
  absl::StatusOr<std::unique_ptr<Subscriber>> subscriber =
      Subscriber::Subscribe(SharedRedisOptions(), {channel, other});
  ASSERT_TRUE(subscriber.ok()) << subscriber.status();
  absl::StatusOr<std::unique_ptr<RedisClient>> publisher =
      RedisClient::Connect(SharedRedisOptions());
  ASSERT_TRUE(publisher.ok()) << publisher.status();

  EXPECT_EQ(*Publish(**publisher, channel, "10%"), 1);
  EXPECT_EQ(*Publish(**publisher, other, std::string("a\0b", 3)), 1);
  EXPECT_EQ(*Publish(**publisher, channel, "20%"), 1);

  std::vector<std::pair<std::string, std::string>> received;
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<std::optional<PubSubMessage>> message =
        (*subscriber)->Next(std::chrono::milliseconds(5000));
    ASSERT_TRUE(message.ok()) << message.status();
    ASSERT_TRUE(message->has_value());
    received.emplace_back((*message)->channel, (*message)->payload);
  }
  EXPECT_EQ(received[0], std::make_pair(channel, std::string("10%")));
  EXPECT_EQ(received[1], std::make_pair(other, std::string("a\0b", 3)));
  EXPECT_EQ(received[2], std::make_pair(channel, std::string("20%")));
}

TEST(Subscriber, NextTimesOutWithNothingPublished) {
  absl::StatusOr<std::unique_ptr<Subscriber>> subscriber =
      Subscriber::Subscribe(SharedRedisOptions(), {testing::UniqueName("quiet")});
  ASSERT_TRUE(subscriber.ok()) << subscriber.status();
  absl::StatusOr<std::optional<PubSubMessage>> message =
      (*subscriber)->Next(std::chrono::milliseconds(50));
  ASSERT_TRUE(message.ok()) << message.status();
  EXPECT_FALSE(message->has_value());
}

TEST(Subscriber, UnreachableIsUnavailable) {
  RedisOptions options;
  options.port = testing::FreeTcpPort();
  EXPECT_EQ(Subscriber::Subscribe(options, {"x"}).status().code(), absl::StatusCode::kUnavailable);
}

TEST(Subscriber, WrongPasswordIsAClearError) {
  RedisOptions options = SharedRedisOptions();
  options.password = "wrong";
  absl::StatusOr<std::unique_ptr<Subscriber>> subscriber =
      Subscriber::Subscribe(options, {testing::UniqueName("progress")});
  ASSERT_FALSE(subscriber.ok());
  EXPECT_EQ(subscriber.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(RedisErrorCode(subscriber.status()), "WRONGPASS") << subscriber.status();
}

}  // namespace
}  // namespace secsched::redis
