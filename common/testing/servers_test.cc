// The throwaway-server launchers against the real servers they start.
#include "common/testing/servers.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <pqxx/connection>
#include <pqxx/nontransaction>

#include "common/testing/launchers.h"
#include "common/testing/process.h"

namespace secsched::testing {
namespace {

std::string CurrentDatabase(const std::string& url) {
  pqxx::connection connection(url);
  pqxx::nontransaction tx(connection);
  return tx.exec1("SELECT current_database()")[0].as<std::string>();
}

// Sets (or unsets, for nullopt) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(FreshDatabaseUrl, GivesADistinctEmptyDatabaseEachCall) {
  const std::string a = FreshDatabaseUrl();
  const std::string b = FreshDatabaseUrl();
  EXPECT_NE(CurrentDatabase(a), CurrentDatabase(b));
  pqxx::connection connection(a);
  pqxx::nontransaction tx(connection);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")[0].as<int>(), 0);
}

TEST(SharedRedis, AnswersPing) {
  const RedisEndpoint redis = SharedRedis();
  EXPECT_TRUE(internal::RedisAnswersPing(redis)) << redis.url();
}

TEST(Launchers, StartTheirOwnServersWithoutEnvironment) {
  ScopedEnv no_pg("SECSCHED_TEST_PG_URL", std::nullopt);
  ScopedEnv no_redis("SECSCHED_TEST_REDIS_URL", std::nullopt);
  const std::string admin_url = internal::LaunchSharedPostgres();
  EXPECT_EQ(CurrentDatabase(admin_url), "postgres");
  EXPECT_NE(CurrentDatabase(FreshDatabaseUrl()), "postgres");
  EXPECT_TRUE(internal::RedisAnswersPing(SharedRedis()));
}

TEST(Launchers, UseTheServersNamedByTheEnvironment) {
  // Point the variables at the self-started servers, and check they are the ones used.
  const std::string admin_url = internal::LaunchSharedPostgres();
  const RedisEndpoint own_redis = internal::LaunchSharedRedis();
  ScopedEnv pg("SECSCHED_TEST_PG_URL", admin_url);
  ScopedEnv redis("SECSCHED_TEST_REDIS_URL", own_redis.url() + "/0");
  const std::string fresh = FreshDatabaseUrl();
  EXPECT_EQ(fresh.substr(0, fresh.rfind('/')), admin_url.substr(0, admin_url.rfind('/')));
  EXPECT_NE(CurrentDatabase(fresh), "postgres");
  EXPECT_EQ(SharedRedis().url(), own_redis.url());
}

TEST(TestServersScript, StartsBothServersAndStopsThem) {
  const std::string script = std::string(SECSCHED_SOURCE_DIR) + "/deploy/local/test-servers.sh";
  const std::string dir = internal::MakeTempDir("secsched-script-test", true) + "/servers";
  const std::string log = dir + ".log";
  ASSERT_EQ(internal::Run({"bash", script, "start", dir}, log), 0) << internal::LogTail(log);

  std::ifstream env(dir + "/env");
  std::string line, pg_url, redis_url;
  while (std::getline(env, line)) {
    if (line.rfind("export SECSCHED_TEST_PG_URL=", 0) == 0)
      pg_url = line.substr(line.find('=') + 1);
    if (line.rfind("export SECSCHED_TEST_REDIS_URL=", 0) == 0) {
      redis_url = line.substr(line.find('=') + 1);
    }
  }
  EXPECT_EQ(CurrentDatabase(pg_url), "postgres");
  const RedisEndpoint redis = internal::ParseRedisUrl(redis_url);
  EXPECT_TRUE(internal::RedisAnswersPing(redis));

  ASSERT_EQ(internal::Run({"bash", script, "stop", dir}, log), 0) << internal::LogTail(log);
  EXPECT_THROW(CurrentDatabase(pg_url), std::exception);
  EXPECT_FALSE(internal::RedisAnswersPing(redis));
  std::filesystem::remove_all(dir.substr(0, dir.rfind('/')));
}

}  // namespace
}  // namespace secsched::testing
