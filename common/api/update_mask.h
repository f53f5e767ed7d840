// Update masks (AIP-134), one meaning everywhere: the paths named are replaced, others kept; an
// empty mask means every field the request populated; "*" means every updatable field; a path
// that is not updatable is INVALID_ARGUMENT naming it. Handlers turn the proto FieldMask into
// its paths (and list the populated fields); domain code asks Has().
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace secsched::api {

class UpdateMask {
 public:
  // `paths`: the request's update_mask paths. `updatable`: what this resource lets callers change.
  // `populated`: the request's fields that are set (used when `paths` is empty).
  static absl::StatusOr<UpdateMask> Parse(const std::vector<std::string>& paths,
                                          const std::vector<std::string>& updatable,
                                          const std::vector<std::string>& populated,
                                          std::string_view field = "update_mask");

  bool Has(std::string_view path) const { return paths_.contains(std::string(path)); }
  bool empty() const { return paths_.empty(); }
  const std::set<std::string>& paths() const { return paths_; }

 private:
  std::set<std::string> paths_;
};

}  // namespace secsched::api
