#include "common/access/authorize.h"

#include <string>

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

}  // namespace secsched::access
