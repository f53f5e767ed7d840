// The access settings: district defaults, and every policy value read from the environment.
#include "services/access/access_settings.h"

#include <gtest/gtest.h>

#include <map>

#include "services/access/tests/facts_builder.h"

namespace secsched::access {
namespace {

using testing::D;

absl::StatusOr<AccessRuntimeSettings> Load(std::map<std::string, std::string> env) {
  absl::StatusOr<Config> config = Config::Load(
      AccessSettings(), {}, [&](const std::string& name) -> std::optional<std::string> {
        auto it = env.find(name);
        if (it == env.end()) return std::nullopt;
        return it->second;
      });
  if (!config.ok()) return config.status();
  return AccessSettingsFromConfig(*config);
}

TEST(AccessSettings, DefaultsAreTheDistrictRules) {
  absl::StatusOr<AccessRuntimeSettings> s = Load({});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->control.policy.first_cycle_end, D(2026, 6, 30));
  EXPECT_EQ(s->control.policy.cycle_length_years, 2);
  EXPECT_EQ(s->control.policy.window_opening, std::chrono::January / 1);
  EXPECT_EQ(s->control.policy.grant_sla_business_days, 2);
  EXPECT_TRUE(s->control.policy.holidays.empty());
  EXPECT_EQ(s->control.decision_cache_ttl, std::chrono::seconds(30));
  EXPECT_EQ(s->time_zone, "America/Denver");
}

TEST(AccessSettings, PolicyFromTheEnvironment) {
  absl::StatusOr<AccessRuntimeSettings> s = Load({{"SECSCHED_FIRST_CYCLE_END", "2027-06-30"},
                                                  {"SECSCHED_CYCLE_LENGTH_YEARS", "3"},
                                                  {"SECSCHED_RECERT_WINDOW_OPENS", "03-15"},
                                                  {"SECSCHED_HOLIDAYS", "2026-11-26, 2026-11-27"},
                                                  {"SECSCHED_GRANT_SLA_BUSINESS_DAYS", "3"},
                                                  {"SECSCHED_DECISION_CACHE_TTL", "5s"}});
  ASSERT_TRUE(s.ok()) << s.status();
  const AccessPolicy& p = s->control.policy;
  EXPECT_EQ(p.first_cycle_end, D(2027, 6, 30));
  EXPECT_EQ(p.cycle_length_years, 3);
  EXPECT_EQ(p.window_opening, std::chrono::March / 15);
  EXPECT_EQ(p.holidays.size(), 2u);
  EXPECT_FALSE(IsBusinessDay(p, D(2026, 11, 27)));
  EXPECT_EQ(p.grant_sla_business_days, 3);
  EXPECT_EQ(s->control.decision_cache_ttl, std::chrono::seconds(5));
  EXPECT_EQ(CertificationValidUntil(p, D(2030, 3, 15)), D(2033, 6, 30));
}

TEST(AccessSettings, BadValuesAreRefusedWithTheSettingName) {
  const absl::Status bad_holiday = Load({{"SECSCHED_HOLIDAYS", "2026-02-30"}}).status();
  EXPECT_EQ(bad_holiday.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad_holiday.message().find("holidays"), absl::string_view::npos);
  EXPECT_FALSE(Load({{"SECSCHED_RECERT_WINDOW_OPENS", "02-29"}}).ok());
  EXPECT_FALSE(Load({{"SECSCHED_FIRST_CYCLE_END", "2026-07-01"}}).ok());  // not a year end
}

}  // namespace
}  // namespace secsched::access
