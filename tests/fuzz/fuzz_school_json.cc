// libFuzzer target: the engine's school JSON reader (services/sectioning/engine/io). Whatever it
// accepts must write back to JSON it accepts again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "services/sectioning/engine/io/school_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<secsched::engine::School> school = secsched::engine::io::ParseSchoolJson(text);
  if (!school.ok()) return 0;
  absl::StatusOr<secsched::engine::School> again =
      secsched::engine::io::ParseSchoolJson(secsched::engine::io::SchoolToJson(*school));
  if (!again.ok()) std::abort();
  return 0;
}
