// Writes to a trial's schedule need an APPROVED calendar (reads do not): a schedule built on a
// calendar that may still change would have to be built again.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "common/catalog/catalog_reader.h"

namespace secsched::sectioning {

// FAILED_PRECONDITION naming the calendar's state unless it is APPROVED; NOT_FOUND and
// UNAVAILABLE from the catalog pass through.
absl::Status RequireApprovedCalendar(catalog::CatalogReader& catalog, std::string_view calendar_id);

}  // namespace secsched::sectioning
