// List paging (AIP-158): page sizes and opaque page tokens.
//
// A page token is the last item's sort key, web-safe base64 encoded so clients treat it as
// opaque; keyset paging ("WHERE key > $after ORDER BY key LIMIT $size + 1") keeps pages stable
// while rows are added.
//
//   absl::StatusOr<int> size = api::PageSize(request->page_size(), "page_size");
//   absl::StatusOr<std::string> after = api::DecodePageToken(request->page_token(), "page_token");
//   ... fetch size + 1 rows after *after; if there were more, return
//   response->set_next_page_token(api::EncodePageToken(last_returned_key));
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace secsched::api {

inline constexpr int kDefaultPageSize = 200;
inline constexpr int kMaxPageSize = 1000;

// 0 → `default_size`; 1..kMaxPageSize as given; anything else INVALID_ARGUMENT on `field`.
absl::StatusOr<int> PageSize(int requested, std::string_view field = "page_size",
                             int default_size = kDefaultPageSize);

// "" for an empty key (no more pages is an empty token, not an encoded empty key).
std::string EncodePageToken(std::string_view last_key);
// "" → "" (first page); INVALID_ARGUMENT on `field` for a token this server did not make.
absl::StatusOr<std::string> DecodePageToken(std::string_view token,
                                            std::string_view field = "page_token");

// Keyset paging's last step: `items` was fetched with LIMIT size + 1. Drops the extra item and
// returns the key of the last one kept when there was one more ("" = no next page).
template <class T, class KeyOf>
std::string TrimToPage(std::vector<T>& items, int size, KeyOf key_of) {
  if (static_cast<int>(items.size()) <= size) return "";
  items.resize(size);
  return std::string(key_of(items.back()));
}

}  // namespace secsched::api
