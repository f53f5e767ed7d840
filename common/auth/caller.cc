#include "common/auth/caller.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace secsched::auth {

bool Caller::HasScope(std::string_view scope) const {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

std::string_view Caller::ServiceName() const {
  if (!service_account) return {};
  return std::string_view(subject).substr(kServiceAccountPrefix.size());
}

Caller MakeCaller(std::string subject, std::string_view scope_claim) {
  Caller caller;
  caller.service_account = absl::StartsWith(subject, kServiceAccountPrefix);
  caller.subject = std::move(subject);
  caller.scopes = absl::StrSplit(scope_claim, ' ', absl::SkipEmpty());
  return caller;
}

}  // namespace secsched::auth
