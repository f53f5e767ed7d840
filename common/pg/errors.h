// The one translator from libpqxx exceptions to absl::Status (see the error table in
// docs/architecture.md). Storage code catches at its method boundary and calls this.
//
// Messages are short English sentences with no SQL and no server text in them; the full
// exception text and query go to the spdlog log instead.
#pragma once

#include <exception>
#include <optional>
#include <string>

#include "absl/status/status.h"

namespace secsched::pg {

// unique_violation → ALREADY_EXISTS; serialization_failure, deadlock_detected, lock not
// available → ABORTED; broken connection / connection failures / server shutting down →
// UNAVAILABLE; foreign_key_violation, restrict_violation, exclusion_violation →
// FAILED_PRECONDITION; check_violation, not_null_violation, data exceptions (SQLSTATE 22xxx) →
// INVALID_ARGUMENT; statement timeout / query cancelled → DEADLINE_EXCEEDED; anything else →
// INTERNAL "internal database error".
// The SQLSTATE, when there is one, is attached as a payload (see SqlStateOf).
absl::Status StatusFromPqxx(const std::exception& error);

// The SQLSTATE that StatusFromPqxx attached to `status`, if any ("40001", "23505", ...).
std::optional<std::string> SqlStateOf(const absl::Status& status);

// True for a status StatusFromPqxx made from a serialization failure or deadlock: running the
// whole transaction again may succeed. Business-rule ABORTED statuses are not retryable.
bool IsRetryableTransactionFailure(const absl::Status& status);

}  // namespace secsched::pg
