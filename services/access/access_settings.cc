#include "services/access/access_settings.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "common/status/strings.h"

namespace secsched::access {

std::vector<Setting> AccessSettings() {
  return {
      {.flag = "district-time-zone",
       .env = "SECSCHED_DISTRICT_TIME_ZONE",
       .default_value = "America/Denver",
       .help = "IANA zone whose calendar days the rules use"},
      {.flag = "first-cycle-end",
       .env = "SECSCHED_FIRST_CYCLE_END",
       .default_value = "2026-06-30",
       .help = "last day of the first recertification cycle (YYYY-MM-DD)"},
      {.flag = "cycle-length-years",
       .env = "SECSCHED_CYCLE_LENGTH_YEARS",
       .default_value = "2",
       .help = "school years per recertification cycle",
       .validate = IntInRange(1, 10)},
      {.flag = "school-year-end",
       .env = "SECSCHED_SCHOOL_YEAR_END",
       .default_value = "06-30",
       .help = "last day of a school year (MM-DD)"},
      {.flag = "recert-window-opens",
       .env = "SECSCHED_RECERT_WINDOW_OPENS",
       .default_value = "01-01",
       .help = "in a cycle's last school year, completions from this day (MM-DD) count for the "
               "next cycle"},
      {.flag = "holidays",
       .env = "SECSCHED_HOLIDAYS",
       .default_value = "",
       .help = "district holidays, comma-separated YYYY-MM-DD (not business days)"},
      {.flag = "grant-sla-business-days",
       .env = "SECSCHED_GRANT_SLA_BUSINESS_DAYS",
       .default_value = "2",
       .help = "business days promised between requirements and grant",
       .validate = IntInRange(0, 60)},
      {.flag = "decision-cache-ttl",
       .env = "SECSCHED_DECISION_CACHE_TTL",
       .default_value = "30s",
       .help = "how long a CheckAccess answer may be served from Redis",
       .validate = Duration()},
      {.flag = "sweep-interval",
       .env = "SECSCHED_SWEEP_INTERVAL",
       .default_value = "10m",
       .help = "time between sweeps in serve (0s: no timer; RunSweep still works)",
       .validate = Duration()},
  };
}

absl::StatusOr<AccessRuntimeSettings> AccessSettingsFromConfig(const Config& config) {
  AccessRuntimeSettings out;
  AccessPolicy& policy = out.control.policy;
  auto named = [](std::string_view setting, const absl::Status& s) {
    return absl::InvalidArgumentError(std::string(setting) + ": " +
                                      std::string(ToStd(s.message())));
  };
  absl::StatusOr<Date> first_end = ParseDate(config.Get("first-cycle-end"));
  if (!first_end.ok()) return named("first-cycle-end", first_end.status());
  policy.first_cycle_end = *first_end;
  policy.cycle_length_years = config.GetInt("cycle-length-years");
  auto year_end = ParseMonthDay(config.Get("school-year-end"));
  if (!year_end.ok()) return named("school-year-end", year_end.status());
  policy.school_year_end = *year_end;
  auto window = ParseMonthDay(config.Get("recert-window-opens"));
  if (!window.ok()) return named("recert-window-opens", window.status());
  policy.window_opening = *window;
  for (absl::string_view piece :
       absl::StrSplit(ToAbsl(config.Get("holidays")), ',', absl::SkipWhitespace())) {
    absl::StatusOr<Date> holiday = ParseDate(ToStd(absl::StripAsciiWhitespace(piece)));
    if (!holiday.ok()) return named("holidays", holiday.status());
    policy.holidays.insert(std::chrono::sys_days(*holiday));
  }
  policy.grant_sla_business_days = config.GetInt("grant-sla-business-days");
  if (absl::Status valid = ValidatePolicy(policy); !valid.ok()) return named("policy", valid);
  out.control.decision_cache_ttl =
      std::chrono::duration_cast<std::chrono::seconds>(config.GetDuration("decision-cache-ttl"));
  out.time_zone = config.Get("district-time-zone");
  out.sweep_interval = config.GetDuration("sweep-interval");
  return out;
}

}  // namespace secsched::access
