// Where the engine's load and the CBC optimum differ (engine_bench --diff): a study aid for the
// loader's gap, printed to stderr, not part of the benchmark table.
#pragma once

#include <cstdio>
#include <vector>

#include "services/sectioning/engine/model.h"

namespace secsched::bench {

// `school` holds the engine's enrollments; `optimum` CBC's (primary requests only).
void PrintLoadDiff(const engine::School& school, const std::vector<engine::Enrollment>& optimum,
                   std::FILE* out);

}  // namespace secsched::bench
