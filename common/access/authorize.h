// Authorization rules every service's handlers apply after authentication.
//
// Today: scope rules. Writes to scheduling data need `scheduler` (or `admin`); reads need
// `reader`, `scheduler` or `admin`. The access service's per-school check ("the caller has
// Secondary Scheduling access at the school that owns this resource", issue 4) is layered on top
// of these in this same folder, so handlers keep calling one helper.
#pragma once

#include <initializer_list>
#include <string_view>

#include "absl/status/status.h"
#include "common/auth/caller.h"

namespace secsched::access {

enum class Mode { kRead, kWrite };

// PERMISSION_DENIED naming the scopes that would do, unless the caller has one of them.
absl::Status RequireAnyScope(const auth::Caller& caller,
                             std::initializer_list<std::string_view> scopes);

// The scheduling-data rule above for the given mode.
absl::Status RequireSchedulingScope(const auth::Caller& caller, Mode mode);

}  // namespace secsched::access
