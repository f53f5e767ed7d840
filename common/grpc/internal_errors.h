// secsched_internal_errors_total{cause}: the INTERNAL answers HandleCall gave, so a programming
// error shows up on a dashboard and can page, instead of hiding among the clients' retries.
//   cause="exception"  a handler threw something that is not an environment failure
//   cause="status"     a handler returned INTERNAL, UNKNOWN or DATA_LOSS
//
// The counters are per process, not per server: HandleCall is a free function every handler
// calls, and one process serves one service. Every ServerRunner exposes them on /metrics.
#pragma once

#include <prometheus/registry.h>

#include <memory>
#include <string_view>

namespace secsched {

inline constexpr std::string_view kInternalErrorsMetric = "secsched_internal_errors_total";

// The registry that holds the counters (both causes exist from the start, at 0).
std::shared_ptr<prometheus::Registry> InternalErrorMetrics();

// Adds one to the counter of `cause` ("exception" or "status").
void CountInternalError(std::string_view cause);

// The counter's current value (for tests and the worker's own checks).
double InternalErrorCount(std::string_view cause);

}  // namespace secsched
