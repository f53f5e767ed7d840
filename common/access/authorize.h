// Authorization rules every service's domain code applies after authentication.
//
// Scope rules: writes to scheduling data need `scheduler` (or `admin`); reads need `reader`,
// `scheduler` or `admin` (RequireSchedulingScope). The per-school rule ("the caller
// has Secondary Scheduling access at the school that owns this resource") is
// AuthorizeSchoolAccess, which asks an AccessChecker; the real checker (gRPC CheckAccess + the
// Redis decision cache) is AccessClient in access_client.h. This header stays free of gRPC and
// Redis so domain layers can include it.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/auth/caller.h"

namespace secsched::access {

enum class Mode { kRead, kWrite };

// PERMISSION_DENIED naming the scopes that would do, unless the caller has one of them.
absl::Status RequireAnyScope(const auth::Caller& caller,
                             std::initializer_list<std::string_view> scopes);

// The scheduling-data rule above for the given mode.
absl::Status RequireSchedulingScope(const auth::Caller& caller, Mode mode);

// The access service's answer to "may this person schedule at this school now?".
struct AccessDecision {
  bool allowed = false;
  std::string reason;  // "granted until 2026-06-30", "no Secondary Scheduling access at east-high"
};

class AccessChecker {
 public:
  virtual ~AccessChecker() = default;
  // UNAVAILABLE when no answer can be had (callers fail closed).
  virtual absl::StatusOr<AccessDecision> Check(std::string_view staff_id,
                                               std::string_view school_id) = 0;
};

// The PERMISSION_DENIED message for a person without access at a school: "No Secondary
// Scheduling access at east-high." when the checker's reason says just that, else that sentence
// with the reason ("...: access at east-high has expired.").
std::string DenialMessage(std::string_view school_id, std::string_view reason);

// The per-school rule, in order:
//   `admin` scope                                   → allowed;
//   a service account with `scheduler`              → read and write;
//   anyone with `reader`                            → read;
//   a person (sub = staff id) whom the checker allows at the school → read and write;
//   otherwise PERMISSION_DENIED with the access service's reason (UNAVAILABLE passes through).
absl::Status AuthorizeSchoolAccess(const auth::Caller& caller, std::string_view school_id,
                                   Mode mode, AccessChecker& checker);

}  // namespace secsched::access
