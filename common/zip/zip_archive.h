// Zip archives built and read in memory (libzip underneath; this header does not expose it).
//
//   absl::StatusOr<std::string> zip = zip::WriteArchive({{"a.csv", text}}, last_change);
//   absl::StatusOr<std::vector<zip::Entry>> back = zip::ReadArchive(*zip);
//
// The same entries and timestamp always give the same bytes: entries keep the given order, every
// entry carries `modified` (not the time of writing), and nothing else varies — so two exports
// of unchanged data can be compared byte for byte.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace secsched::zip {

struct Entry {
  std::string name;  // path inside the archive, e.g. "users.csv"
  std::string data;
};

// Deflate-compressed. INVALID_ARGUMENT for an empty or repeated name; INTERNAL when libzip fails.
absl::StatusOr<std::string> WriteArchive(const std::vector<Entry>& entries,
                                         std::chrono::system_clock::time_point modified);

// Every entry, in archive order. INVALID_ARGUMENT when `bytes` is not a readable zip archive.
absl::StatusOr<std::vector<Entry>> ReadArchive(std::string_view bytes);

}  // namespace secsched::zip
