// Wiring of the access service for `serve`: settings → clock, repositories, cache, job queue →
// AccessControl → handler, plus the background threads (evaluation worker, sweep timer).
#pragma once

#include "absl/status/statusor.h"
#include "common/service/service_main.h"

namespace secsched::access {

absl::StatusOr<ServiceHandlers> BuildAccessService(ServiceResources& resources);

}  // namespace secsched::access
