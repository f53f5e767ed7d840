#include "common/redis/redis_client.h"

#include <gtest/gtest.h>

#include <thread>

#include "common/redis/redis_connections.h"
#include "common/testing/servers.h"

namespace secsched::redis {
namespace {

// The shared Redis with its credentials (it requires a password).
RedisOptions SharedRedisOptions() { return *RedisOptions::FromUrl(testing::SharedRedis().url()); }

std::unique_ptr<RedisClient> ConnectOrDie(RedisOptions options = SharedRedisOptions()) {
  absl::StatusOr<std::unique_ptr<RedisClient>> client = RedisClient::Connect(options);
  EXPECT_TRUE(client.ok()) << client.status();
  return client.ok() ? *std::move(client) : nullptr;
}

TEST(RedisClient, RoundTripsBinaryValues) {
  auto client = ConnectOrDie();
  ASSERT_NE(client, nullptr);
  const std::string key = testing::UniqueName("binary");
  const std::string value("\0\r\n\xff", 4);
  ASSERT_TRUE(client->Command({"SET", key, value}).ok());
  absl::StatusOr<RedisReply> got = client->Command({"GET", key});
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, RedisReply::String(value));
  EXPECT_TRUE(client->Command({"GET", key + "_missing"})->is_nil());
}

TEST(RedisClient, ErrorRepliesBecomeStatuses) {
  auto client = ConnectOrDie();
  ASSERT_NE(client, nullptr);
  const std::string stream = testing::UniqueName("errors");
  ASSERT_TRUE(client->Command({"XGROUP", "CREATE", stream, "g", "$", "MKSTREAM"}).ok());
  absl::StatusOr<RedisReply> again = client->Command({"XGROUP", "CREATE", stream, "g", "$"});
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(RedisErrorCode(again.status()), "BUSYGROUP");
  EXPECT_EQ(client->Command({"NOSUCHCOMMAND"}).status().code(), absl::StatusCode::kInternal);
  // The connection is still usable after error replies.
  EXPECT_TRUE(client->Command({"PING"}).ok());
}

TEST(RedisClient, UnreachablePortIsUnavailable) {
  RedisOptions options;
  options.port = testing::FreeTcpPort();
  options.connect_timeout = std::chrono::milliseconds(500);
  absl::StatusOr<std::unique_ptr<RedisClient>> client = RedisClient::Connect(options);
  EXPECT_EQ(client.status().code(), absl::StatusCode::kUnavailable) << client.status();
}

TEST(RedisClient, AuthenticatesAsTheAclUserAndSelectsTheDatabase) {
  const RedisOptions shared = SharedRedisOptions();
  ASSERT_FALSE(shared.password.empty()) << "the test Redis must require a password";
  auto client = ConnectOrDie();
  ASSERT_NE(client, nullptr);
  absl::StatusOr<RedisReply> whoami = client->Command({"ACL", "WHOAMI"});
  ASSERT_TRUE(whoami.ok()) << whoami.status();
  EXPECT_EQ(whoami->str, shared.username);

  RedisOptions database_one = shared;
  database_one.database = 1;
  auto in_one = ConnectOrDie(database_one);
  ASSERT_NE(in_one, nullptr);
  const std::string key = testing::UniqueName("database_one");
  ASSERT_TRUE(in_one->Command({"SET", key, "v"}).ok());
  EXPECT_TRUE(client->Command({"GET", key})->is_nil());
  EXPECT_EQ(in_one->Command({"GET", key})->str, "v");
  EXPECT_TRUE(in_one->Command({"DEL", key}).ok());
}

TEST(RedisClient, WrongPasswordIsAClearErrorThatNeverShowsThePassword) {
  RedisOptions options = SharedRedisOptions();
  options.password = "not-the-password-" + testing::UniqueName("pw");
  absl::StatusOr<std::unique_ptr<RedisClient>> client = RedisClient::Connect(options);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().code(), absl::StatusCode::kUnavailable) << client.status();
  EXPECT_EQ(RedisErrorCode(client.status()), "WRONGPASS");
  const std::string message(client.status().message());
  EXPECT_NE(message.find("refused the credentials"), std::string::npos) << message;
  EXPECT_NE(message.find("as user " + options.username), std::string::npos) << message;
  EXPECT_NE(message.find("SECSCHED_REDIS_PASSWORD"), std::string::npos) << message;
  EXPECT_EQ(message.find(options.password), std::string::npos) << message;

  // The same through the per-thread connections that handlers use.
  RedisConnections connections(options);
  EXPECT_EQ(RedisErrorCode(connections.ForThisThread().status()), "WRONGPASS");
}

TEST(RedisClient, MissingPasswordIsAClearError) {
  RedisOptions options = SharedRedisOptions();
  options.username.clear();
  options.password.clear();
  auto client = ConnectOrDie(options);  // connecting sends nothing, so it succeeds
  ASSERT_NE(client, nullptr);
  absl::StatusOr<RedisReply> pong = client->Command({"PING"});
  EXPECT_EQ(pong.status().code(), absl::StatusCode::kUnavailable) << pong.status();
  EXPECT_EQ(RedisErrorCode(pong.status()), "NOAUTH");
  EXPECT_NE(pong.status().message().find("SECSCHED_REDIS_PASSWORD"), absl::string_view::npos);
}

TEST(RedisClient, ReconnectsAfterClientKill) {
  auto victim = ConnectOrDie();
  auto killer = ConnectOrDie();
  ASSERT_NE(victim, nullptr);
  ASSERT_NE(killer, nullptr);
  auto kill = [&] {
    absl::StatusOr<RedisReply> id = victim->Command({"CLIENT", "ID"});
    ASSERT_TRUE(id.ok()) << id.status();
    absl::StatusOr<RedisReply> killed =
        killer->Command({"CLIENT", "KILL", "ID", std::to_string(id->integer)});
    ASSERT_TRUE(killed.ok()) << killed.status();
    ASSERT_EQ(killed->integer, 1);
  };
  kill();
  absl::StatusOr<RedisReply> pong = victim->Command({"PING"});
  ASSERT_TRUE(pong.ok()) << pong.status();
  EXPECT_EQ(pong->str, "PONG");

  // A non-retryable write also goes through: the closed socket is noticed before sending.
  kill();
  const std::string stream = testing::UniqueName("after_kill");
  absl::StatusOr<RedisReply> added = victim->Command({"XADD", stream, "*", "k", "v"});
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(killer->Command({"XLEN", stream})->integer, 1);
}

TEST(RedisClient, CommandTimeoutIsUnavailableAndTheClientRecovers) {
  RedisOptions options = SharedRedisOptions();
  options.command_timeout = std::chrono::milliseconds(200);
  auto client = ConnectOrDie(options);
  ASSERT_NE(client, nullptr);
  const std::string list = testing::UniqueName("never_pushed");
  // BLPOP blocks server-side for 5 s; the 200 ms socket deadline gives up first.
  absl::StatusOr<RedisReply> popped = client->Command({"BLPOP", list, "5"});
  EXPECT_EQ(popped.status().code(), absl::StatusCode::kUnavailable) << popped.status();
  EXPECT_TRUE(client->Command({"PING"}).ok());
  // With a longer deadline the same kind of blocking call returns normally (nil on timeout).
  absl::StatusOr<RedisReply> waited =
      client->CommandWithTimeout({"BLPOP", list, "0.1"}, std::chrono::milliseconds(2000));
  ASSERT_TRUE(waited.ok()) << waited.status();
  EXPECT_TRUE(waited->is_nil());
}

TEST(RedisConnections, OneClientPerThread) {
  RedisConnections connections(SharedRedisOptions());
  absl::StatusOr<RedisClient*> mine = connections.ForThisThread();
  ASSERT_TRUE(mine.ok()) << mine.status();
  EXPECT_EQ(*connections.ForThisThread(), *mine);
  RedisClient* theirs = nullptr;
  std::thread([&] {
    absl::StatusOr<RedisClient*> client = connections.ForThisThread();
    if (client.ok() && (*client)->Command({"PING"}).ok()) theirs = *client;
  }).join();
  ASSERT_NE(theirs, nullptr);
  EXPECT_NE(theirs, *mine);
}

}  // namespace
}  // namespace secsched::redis
