// Converts real RESP bytes through hiredis' own parser, so the test covers exactly what
// RedisClient sees from a server.
#include "common/redis/redis_reply.h"

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <string>

#include "common/redis/hiredis_conversion.h"
#include "common/redis/redis_client.h"

namespace secsched::redis {
namespace {

RedisReply Parse(const std::string& resp) {
  redisReader* reader = redisReaderCreate();
  redisReaderFeed(reader, resp.data(), resp.size());
  void* raw = nullptr;
  EXPECT_EQ(redisReaderGetReply(reader, &raw), REDIS_OK);
  EXPECT_NE(raw, nullptr) << "incomplete reply: " << resp;
  RedisReply reply = raw ? RedisReplyFromHiredis(*static_cast<redisReply*>(raw)) : RedisReply{};
  if (raw) freeReplyObject(raw);
  redisReaderFree(reader);
  return reply;
}

TEST(RedisReplyFromHiredis, ConvertsScalars) {
  EXPECT_EQ(Parse("+OK\r\n"), RedisReply::Status("OK"));
  EXPECT_EQ(Parse(":-42\r\n"), RedisReply::Integer(-42));
  EXPECT_EQ(Parse("$-1\r\n"), RedisReply::Nil());
  EXPECT_EQ(Parse("*-1\r\n"), RedisReply::Nil());
  EXPECT_EQ(Parse("$0\r\n\r\n"), RedisReply::String(""));
  EXPECT_EQ(Parse("-NOGROUP no such group\r\n").type, RedisReply::Type::kError);
}

TEST(RedisReplyFromHiredis, KeepsBinaryStrings) {
  const std::string binary("a\0b\r\nc", 6);
  RedisReply reply = Parse("$6\r\n" + binary + "\r\n");
  EXPECT_EQ(reply, RedisReply::String(binary));
  EXPECT_EQ(reply.str.size(), 6u);
}

TEST(RedisReplyFromHiredis, ConvertsNestedXautoclaimShape) {
  // XAUTOCLAIM (Redis 7): [next-id, [[id, [field, value]]], [deleted-ids]]
  RedisReply reply = Parse(
      "*3\r\n$3\r\n0-0\r\n*1\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$6\r\njob_id\r\n$2\r\nj1\r\n"
      "*1\r\n$3\r\n2-0\r\n");
  RedisReply expected = RedisReply::Array(
      {RedisReply::String("0-0"),
       RedisReply::Array({RedisReply::Array(
           {RedisReply::String("1-1"),
            RedisReply::Array({RedisReply::String("job_id"), RedisReply::String("j1")})})}),
       RedisReply::Array({RedisReply::String("2-0")})});
  EXPECT_EQ(reply, expected) << DebugString(reply);
  EXPECT_EQ(DebugString(reply), R"(["0-0", [["1-1", ["job_id", "j1"]]], ["2-0"]])");
}

TEST(StatusFromRedisError, MapsCodesAndKeepsTheCode) {
  absl::Status busy = StatusFromRedisError("BUSYGROUP Consumer Group name already exists");
  EXPECT_EQ(busy.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(RedisErrorCode(busy), "BUSYGROUP");
  EXPECT_EQ(StatusFromRedisError("NOGROUP No such key").code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(StatusFromRedisError("WRONGTYPE Operation against a key").code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(StatusFromRedisError("LOADING Redis is loading").code(),
            absl::StatusCode::kUnavailable);
  absl::Status refused = StatusFromRedisError("WRONGPASS invalid username-password pair");
  EXPECT_EQ(refused.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(RedisErrorCode(refused), "WRONGPASS");
  EXPECT_NE(refused.message().find("SECSCHED_REDIS_PASSWORD"), absl::string_view::npos);
  EXPECT_EQ(StatusFromRedisError("NOAUTH Authentication required.").code(),
            absl::StatusCode::kUnavailable);
  absl::Status syntax = StatusFromRedisError("ERR syntax error");
  EXPECT_EQ(syntax.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(RedisErrorCode(syntax), "ERR");
  EXPECT_EQ(RedisErrorCode(absl::InternalError("x")), std::nullopt);
}

TEST(IsSafeToRetry, OnlyIdempotentCommands) {
  EXPECT_TRUE(IsSafeToRetry({"get", "k"}));
  EXPECT_TRUE(IsSafeToRetry({"XACK", "s", "g", "1-0"}));
  EXPECT_TRUE(IsSafeToRetry({"XPENDING", "s", "g"}));
  EXPECT_FALSE(IsSafeToRetry({"XADD", "s", "*", "job_id", "j"}));
  EXPECT_FALSE(IsSafeToRetry({"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"}));
  EXPECT_FALSE(IsSafeToRetry({"XAUTOCLAIM", "s", "g", "c", "10", "0-0"}));
  EXPECT_FALSE(IsSafeToRetry({"PUBLISH", "ch", "m"}));
  EXPECT_FALSE(IsSafeToRetry({"INCR", "k"}));
  EXPECT_FALSE(IsSafeToRetry({}));
}

}  // namespace
}  // namespace secsched::redis
