#include "common/access/authorize.h"

#include <string>

#include "absl/strings/match.h"
#include "common/status/strings.h"

namespace secsched::access {

absl::Status RequireAnyScope(const auth::Caller& caller,
                             std::initializer_list<std::string_view> scopes) {
  std::string wanted;
  for (std::string_view scope : scopes) {
    if (caller.HasScope(scope)) return absl::OkStatus();
    if (!wanted.empty()) wanted += ", ";
    wanted += scope;
  }
  return absl::PermissionDeniedError("This call needs one of the scopes: " + wanted + ".");
}

absl::Status RequireSchedulingScope(const auth::Caller& caller, Mode mode) {
  if (mode == Mode::kWrite) {
    return RequireAnyScope(caller, {auth::kScopeScheduler, auth::kScopeAdmin});
  }
  return RequireAnyScope(caller, {auth::kScopeReader, auth::kScopeScheduler, auth::kScopeAdmin});
}

std::string DenialMessage(std::string_view school_id, std::string_view reason) {
  const std::string denial = "No Secondary Scheduling access at " + std::string(school_id);
  // The access service's usual reason is that same sentence: say it once.
  if (reason.empty() || absl::EqualsIgnoreCase(ToAbsl(reason), denial)) return denial + ".";
  return denial + ": " + std::string(reason) + ".";
}

absl::Status AuthorizeSchoolAccess(const auth::Caller& caller, std::string_view school_id,
                                   Mode mode, AccessChecker& checker) {
  if (caller.HasScope(auth::kScopeAdmin)) return absl::OkStatus();
  if (caller.service_account && caller.HasScope(auth::kScopeScheduler)) return absl::OkStatus();
  if (mode == Mode::kRead && caller.HasScope(auth::kScopeReader)) return absl::OkStatus();
  if (caller.service_account) {
    return absl::PermissionDeniedError(mode == Mode::kWrite
                                           ? "This call needs the scheduler scope."
                                           : "This call needs the reader or scheduler scope.");
  }
  absl::StatusOr<AccessDecision> decision = checker.Check(caller.subject, school_id);
  if (!decision.ok()) return decision.status();
  if (decision->allowed) return absl::OkStatus();
  return absl::PermissionDeniedError(DenialMessage(school_id, decision->reason));
}

}  // namespace secsched::access
