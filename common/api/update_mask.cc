#include "common/api/update_mask.h"

#include <algorithm>

#include "absl/strings/str_join.h"
#include "common/status/status.h"

namespace secsched::api {

absl::StatusOr<UpdateMask> UpdateMask::Parse(const std::vector<std::string>& paths,
                                             const std::vector<std::string>& updatable,
                                             const std::vector<std::string>& populated,
                                             std::string_view field) {
  UpdateMask mask;
  auto can_update = [&](const std::string& path) {
    return std::find(updatable.begin(), updatable.end(), path) != updatable.end();
  };
  if (paths.size() == 1 && paths[0] == "*") {
    mask.paths_.insert(updatable.begin(), updatable.end());
    return mask;
  }
  const std::vector<std::string>& named = paths.empty() ? populated : paths;
  for (const std::string& path : named) {
    if (!can_update(path)) {
      return InvalidField(field, "\"" + path + "\" cannot be updated; updatable fields: " +
                                     absl::StrJoin(updatable, ", "));
    }
    mask.paths_.insert(path);
  }
  return mask;
}

}  // namespace secsched::api
