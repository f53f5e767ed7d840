// AIP-style resource names ("calendars/{calendar}/students/{student}") and ids.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace secsched::api {

// Ids are 1..63 characters of [a-z0-9-], starting with a letter or digit (AIP-122, DNS-label-like),
// so they are safe in URLs, Redis keys and log lines.
bool IsValidId(std::string_view id);

// A fresh random id: `prefix` + 12 lowercase hex characters, e.g. "trial-3f9c0a1b2c4d".
std::string NewId(std::string_view prefix);

// Parses `name` against `pattern`, whose variable segments are written {var}:
//   ParseName("calendars/c1/students/s9", "calendars/{calendar}/students/{student}") → {"c1","s9"}
// INVALID_ARGUMENT with a field violation on `field` when it does not match or an id is invalid.
absl::StatusOr<std::vector<std::string>> ParseName(std::string_view name, std::string_view pattern,
                                                   std::string_view field = "name");

// The inverse: FormatName("calendars/{calendar}/trials/{trial}", {"c1", "t2"}).
std::string FormatName(std::string_view pattern, const std::vector<std::string>& ids);

}  // namespace secsched::api
