// The access service's own settings (policy dates, time zone, cache, sweep), read from
// environment variables / flags like every other setting. Defaults are the district's rules.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "common/config/config.h"
#include "services/access/domain/access_control.h"

namespace secsched::access {

std::vector<Setting> AccessSettings();

struct AccessRuntimeSettings {
  AccessControlOptions control;
  std::string time_zone;
  std::chrono::milliseconds sweep_interval;
};

// INVALID_ARGUMENT naming the first bad setting.
absl::StatusOr<AccessRuntimeSettings> AccessSettingsFromConfig(const Config& config);

}  // namespace secsched::access
