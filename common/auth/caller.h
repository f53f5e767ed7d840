// Who is calling: the verified identity a handler authorizes against.
//
// Claim convention for every bearer JWT the suite accepts (and secsched-token mints):
//   sub    staff members: their staff id, e.g. "staff-123".
//          service accounts (HR feed, learning system, ...): "service:<name>", e.g. "service:hr".
//   scope  the OAuth 2.0 form (RFC 8693 / RFC 9068): one space-separated string, e.g.
//          "scheduler reader". Known scopes: hr-feed, lms-feed, scheduler, reader, admin.
//          A missing scope claim means no scopes.
//   exp    required (seconds since the epoch); nbf honoured when present; both with leeway.
//   iss / aud   checked only when the verifier is configured with them.
// Scopes say what kind of call is allowed; which school a staff member may touch is decided by
// the access service (CheckAccess), not by the token.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace secsched::auth {

// Prefix of `sub` that marks a service account rather than a person.
inline constexpr std::string_view kServiceAccountPrefix = "service:";

// Scope names, spelled once.
inline constexpr std::string_view kScopeHrFeed = "hr-feed";
inline constexpr std::string_view kScopeLmsFeed = "lms-feed";
inline constexpr std::string_view kScopeScheduler = "scheduler";
inline constexpr std::string_view kScopeReader = "reader";
inline constexpr std::string_view kScopeAdmin = "admin";

struct Caller {
  std::string subject;              // the `sub` claim, verbatim
  std::vector<std::string> scopes;  // the `scope` claim, split on spaces
  bool service_account = false;     // subject starts with "service:"

  bool HasScope(std::string_view scope) const;
  // The name after "service:" for service accounts, "" for people.
  std::string_view ServiceName() const;
};

// Builds a Caller from the two claims, applying the convention above.
Caller MakeCaller(std::string subject, std::string_view scope_claim);

}  // namespace secsched::auth
