#include "common/service/readiness.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>

#include "common/testing/servers.h"

namespace secsched {
namespace {

// What the watch pushed to the health service, by health name ("" = the whole server).
class FakeHealth {
 public:
  ReadinessTargets Targets(std::vector<std::string> redis_services) {
    return {.set_all =
                [this](bool serving) {
                  std::lock_guard lock(mu_);
                  for (auto& [name, state] : states_) state = serving;
                  ++pushes_;
                },
            .set_one =
                [this](const std::string& name, bool serving) {
                  std::lock_guard lock(mu_);
                  states_[name] = serving;
                },
            .redis_services = std::move(redis_services)};
  }
  void Register(const std::string& name) { states_[name] = false; }
  bool Serving(const std::string& name) {
    std::lock_guard lock(mu_);
    return states_.at(name);
  }
  int pushes() {
    std::lock_guard lock(mu_);
    return pushes_;
  }

 private:
  std::mutex mu_;
  std::map<std::string, bool> states_;
  int pushes_ = 0;
};

struct Switches {
  std::atomic<bool> schema{true}, postgres{true}, redis{true};
  std::atomic<int> schema_checks{0};
  ReadinessChecks Checks(bool with_redis) {
    ReadinessChecks checks{
        .schema =
            [this] {
              ++schema_checks;
              return schema ? absl::OkStatus() : absl::FailedPreconditionError("behind");
            },
        .postgres =
            [this] {
              return postgres ? absl::OkStatus() : absl::UnavailableError("connection refused");
            }};
    if (with_redis) {
      checks.redis = [this] {
        return redis ? absl::OkStatus() : absl::UnavailableError("connection refused");
      };
    }
    return checks;
  }
};

constexpr auto kInterval = std::chrono::milliseconds(5);
constexpr auto kSoon = std::chrono::seconds(10);

TEST(ReadinessWatch, ServesOnlyWhileThePostgresCheckPasses) {
  FakeHealth health;
  health.Register("");
  health.Register("svc.A");
  Switches switches;
  ReadinessWatch watch(switches.Checks(false), health.Targets({}), kInterval, kInterval);
  EXPECT_TRUE(watch.serving()) << "decided before the constructor returns";
  EXPECT_TRUE(health.Serving("svc.A"));

  switches.postgres = false;
  EXPECT_TRUE(
      testing::WaitFor([&] { return !health.Serving("") && !health.Serving("svc.A"); }, kSoon));
  switches.postgres = true;
  EXPECT_TRUE(
      testing::WaitFor([&] { return health.Serving("") && health.Serving("svc.A"); }, kSoon));
}

TEST(ReadinessWatch, RedisDownTakesOnlyTheServicesThatNeedItOut) {
  FakeHealth health;
  for (const char* name : {"", "svc.Jobs", "svc.Rosters"}) health.Register(name);
  Switches switches;
  ReadinessWatch watch(switches.Checks(true), health.Targets({"svc.Jobs"}), kInterval, kInterval);
  ASSERT_TRUE(health.Serving("svc.Jobs"));

  switches.redis = false;
  ASSERT_TRUE(testing::WaitFor([&] { return !health.Serving("svc.Jobs"); }, kSoon));
  EXPECT_TRUE(health.Serving(""));
  EXPECT_TRUE(health.Serving("svc.Rosters"));
  EXPECT_TRUE(watch.serving());

  switches.redis = true;
  EXPECT_TRUE(testing::WaitFor([&] { return health.Serving("svc.Jobs"); }, kSoon));
}

TEST(ReadinessWatch, PostgresBackWhileRedisIsDownKeepsTheRedisServicesOut) {
  FakeHealth health;
  for (const char* name : {"", "svc.Jobs"}) health.Register(name);
  Switches switches;
  switches.postgres = false;
  switches.redis = false;
  ReadinessWatch watch(switches.Checks(true), health.Targets({"svc.Jobs"}), kInterval, kInterval);
  EXPECT_FALSE(health.Serving(""));

  switches.postgres = true;
  ASSERT_TRUE(testing::WaitFor([&] { return health.Serving(""); }, kSoon));
  // set_all turned every service on; the Redis-dependent one must be turned off again at once.
  EXPECT_TRUE(testing::WaitFor([&] { return !health.Serving("svc.Jobs"); }, kSoon));
  const int pushes = health.pushes();
  switches.redis = true;
  ASSERT_TRUE(testing::WaitFor([&] { return health.Serving("svc.Jobs"); }, kSoon));
  EXPECT_EQ(health.pushes(), pushes) << "Redis returning changes only its services";
}

TEST(ReadinessWatch, ASchemaBehindIsNotServingUntilItIsCurrentThenNotReadAgain) {
  FakeHealth health;
  health.Register("");
  Switches switches;
  switches.schema = false;
  ReadinessWatch watch(switches.Checks(false), health.Targets({}), kInterval, kInterval);
  EXPECT_FALSE(watch.serving());
  switches.schema = true;
  ASSERT_TRUE(testing::WaitFor([&] { return health.Serving(""); }, kSoon));
  const int checks = switches.schema_checks;
  // The watch keeps checking PostgreSQL; the ledger is not read again.
  switches.postgres = false;
  ASSERT_TRUE(testing::WaitFor([&] { return !health.Serving(""); }, kSoon));
  EXPECT_EQ(switches.schema_checks, checks);
}

}  // namespace
}  // namespace secsched
