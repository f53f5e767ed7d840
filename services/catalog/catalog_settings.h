// The catalog service's own settings (read from environment variables / flags like every other
// setting): the minimums a school calendar must meet to be submitted. Other catalog settings
// go here too.
#pragma once

#include <vector>

#include "common/config/config.h"
#include "services/catalog/domain/submission.h"

namespace secsched::catalog {

//   --min-instructional-days     (SECSCHED_MIN_INSTRUCTIONAL_DAYS, default 170)
//   --min-instructional-minutes  (SECSCHED_MIN_INSTRUCTIONAL_MINUTES, default 64800 = 180 × 6 h)
std::vector<Setting> CatalogSettings();

SubmissionMinimums SubmissionMinimumsFromConfig(const Config& config);

}  // namespace secsched::catalog
