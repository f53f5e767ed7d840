// Debian 12's Abseil is built with its own absl::string_view (not an alias of std::string_view),
// so the two do not convert implicitly. Project code uses std::string_view; these adapters are
// the one place where we cross over when calling absl string functions.
#pragma once

#include <string_view>

#include "absl/strings/string_view.h"

namespace secsched {

inline absl::string_view ToAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}
inline std::string_view ToStd(absl::string_view s) { return std::string_view(s.data(), s.size()); }

}  // namespace secsched
