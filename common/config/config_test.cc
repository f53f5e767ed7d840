#include "common/config/config.h"

#include <gtest/gtest.h>

namespace secsched {
namespace {

std::vector<Setting> TestSettings() {
  return {
      {.flag = "pg-url",
       .env = "SECSCHED_PG_URL",
       .required = true,
       .help = "PostgreSQL URL",
       .validate = NonEmpty()},
      {.flag = "listen",
       .env = "SECSCHED_LISTEN",
       .default_value = "127.0.0.1:50051",
       .help = "gRPC address",
       .validate = HostPort()},
      {.flag = "pool-size",
       .env = "SECSCHED_PG_POOL_SIZE",
       .default_value = "8",
       .help = "pool size",
       .validate = IntInRange(1, 256)},
      {.flag = "drain",
       .env = "SECSCHED_DRAIN_TIMEOUT",
       .default_value = "10s",
       .help = "drain",
       .validate = Duration()},
      {.flag = "jwt-key",
       .env = "SECSCHED_JWT_KEY",
       .default_value = "",
       .help = "key",
       .secret = true},
  };
}

EnvironmentLookup Env(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST(Config, ReadsEnvironmentAndDefaults) {
  auto config = Config::Load(TestSettings(), {}, Env({{"SECSCHED_PG_URL", "postgresql://x"}}));
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->Get("pg-url"), "postgresql://x");
  EXPECT_EQ(config->Get("listen"), "127.0.0.1:50051");
  EXPECT_EQ(config->GetInt("pool-size"), 8);
  EXPECT_EQ(config->GetDuration("drain"), std::chrono::seconds(10));
}

TEST(Config, FlagsOverrideEnvironment) {
  auto config = Config::Load(TestSettings(), {"--pool-size=3", "--listen", "0.0.0.0:0", "serve"},
                             Env({{"SECSCHED_PG_URL", "a"}, {"SECSCHED_PG_POOL_SIZE", "9"}}));
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->GetInt("pool-size"), 3);
  EXPECT_EQ(config->Get("listen"), "0.0.0.0:0");
  EXPECT_EQ(config->positional(), std::vector<std::string>{"serve"});
}

TEST(Config, ReportsEveryProblemAtOnce) {
  auto config =
      Config::Load(TestSettings(), {"--pool-size=0", "--colour=blue"},
                   Env({{"SECSCHED_LISTEN", "nowhere"}, {"SECSCHED_DRAIN_TIMEOUT", "ten"}}));
  ASSERT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(config.status().message());
  EXPECT_NE(message.find("--colour: unknown flag"), std::string::npos) << message;
  EXPECT_NE(message.find("SECSCHED_PG_URL (--pg-url): required but not set"), std::string::npos);
  EXPECT_NE(message.find("SECSCHED_PG_POOL_SIZE (--pool-size): must be between 1 and 256"),
            std::string::npos);
  EXPECT_NE(message.find("SECSCHED_LISTEN (--listen): must be host:port"), std::string::npos);
  EXPECT_NE(message.find("SECSCHED_DRAIN_TIMEOUT (--drain): must be a duration"),
            std::string::npos);
}

TEST(Config, NeverPrintsSecrets) {
  auto config =
      Config::Load(TestSettings(), {"--jwt-key=hunter2"}, Env({{"SECSCHED_PG_URL", "a"}}));
  ASSERT_TRUE(config.ok());
  for (const std::string& line : config->Describe()) {
    EXPECT_EQ(line.find("hunter2"), std::string::npos) << line;
  }
}

TEST(Config, ParsesDurations) {
  EXPECT_EQ(*ParseDuration("250ms"), std::chrono::milliseconds(250));
  EXPECT_EQ(*ParseDuration("5m"), std::chrono::minutes(5));
  EXPECT_EQ(*ParseDuration("1h"), std::chrono::hours(1));
  EXPECT_FALSE(ParseDuration("5").ok());
  EXPECT_FALSE(ParseDuration("-1s").ok());
  EXPECT_FALSE(ParseDuration("ms").ok());
}

TEST(Config, ValidatesChoicesAndBooleans) {
  EXPECT_TRUE(OneOf({"human", "json"})("xml").has_value());
  EXPECT_EQ(OneOf({"human", "json"})("json"), std::nullopt);
  EXPECT_EQ(Boolean()("yes"), std::nullopt);
  EXPECT_TRUE(Boolean()("maybe").has_value());
}

TEST(ConfigDeathTest, ExitOnConfigErrorIsFatalAndReadable) {
  EXPECT_EXIT(ExitOnConfigError("catalog", absl::InvalidArgumentError("A: bad\nB: worse")),
              ::testing::ExitedWithCode(2), "invalid configuration.*A: bad.*B: worse");
}

}  // namespace
}  // namespace secsched
