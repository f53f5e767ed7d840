#include "common/auth/caller.h"

#include <algorithm>

#include "absl/strings/str_split.h"
#include "common/status/strings.h"

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
  caller.service_account = subject.starts_with(kServiceAccountPrefix);
  caller.subject = std::move(subject);
  for (absl::string_view scope : absl::StrSplit(ToAbsl(scope_claim), ' ', absl::SkipEmpty())) {
    caller.scopes.emplace_back(ToStd(scope));
  }
  return caller;
}

}  // namespace secsched::auth
