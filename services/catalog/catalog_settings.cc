#include "services/catalog/catalog_settings.h"

namespace secsched::catalog {

std::vector<Setting> CatalogSettings() {
  return {
      {.flag = "min-instructional-days",
       .env = "SECSCHED_MIN_INSTRUCTIONAL_DAYS",
       .default_value = "170",
       .help = "instructional days a school calendar needs before it can be submitted",
       .validate = IntInRange(0, 366)},
      {.flag = "min-instructional-minutes",
       .env = "SECSCHED_MIN_INSTRUCTIONAL_MINUTES",
       .default_value = "64800",
       .help = "instructional minutes a school calendar needs before it can be submitted",
       .validate = IntInRange(0, 366 * 24 * 60)},
  };
}

SubmissionMinimums SubmissionMinimumsFromConfig(const Config& config) {
  return {.instructional_days = config.GetInt("min-instructional-days"),
          .instructional_minutes = config.GetInt("min-instructional-minutes")};
}

}  // namespace secsched::catalog
