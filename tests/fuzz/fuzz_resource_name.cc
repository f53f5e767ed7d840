// libFuzzer target: resource-name parsing (common/api/resource_name.h) against the suite's
// patterns; whatever parses must format back to the same name.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/api/resource_name.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view name(reinterpret_cast<const char*>(data), size);
  static const std::vector<std::string_view> kPatterns = {
      "staff/{staff}",
      "calendars/{calendar}",
      "calendars/{calendar}/students/{student}",
      "calendars/{calendar}/students/{student}/requests/{request}",
      "calendars/{calendar}/trials/{trial}/sections/{section}",
      "courseMasters/{master}",
      "jobs/{job}",
  };
  for (std::string_view pattern : kPatterns) {
    absl::StatusOr<std::vector<std::string>> ids = secsched::api::ParseName(name, pattern);
    if (!ids.ok()) continue;
    for (const std::string& id : *ids) {
      if (!secsched::api::IsValidId(id)) std::abort();  // a parsed id must be a valid id
    }
    if (secsched::api::FormatName(pattern, *ids) != name) std::abort();
  }
  (void)secsched::api::IsValidId(name);
  return 0;
}
