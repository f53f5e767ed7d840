// List paging (AIP-158): page sizes, opaque page tokens, and the one list helper.
//
// A page token is the last item's sort key, web-safe base64 encoded so clients treat it as
// opaque; keyset paging ("WHERE key > $after ORDER BY key LIMIT $size + 1") keeps pages stable
// while rows are added. Tokens are decoded in the api/ layer only: domain and storage code see a
// PageRequest (the decoded key) and return a Page.
//
//   absl::StatusOr<api::PageRequest> page =
//       api::ParsePageRequest(request->page_size(), request->page_token());
//   ... fetch page->size + 1 rows after page->after; then
//   result.next_after = api::TrimToPage(rows, page->size, key_of_row);
//   response->set_next_page_token(api::EncodePageToken(result.next_after));
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

// A list request's page_size and page_token, checked and decoded.
struct PageRequest {
  std::string after;  // the sort key to start after ("" = first page)
  int size = kDefaultPageSize;
};

// One page of a list: the items, and the sort key of the last one when more follow.
template <class T>
struct Page {
  std::vector<T> items;
  std::string next_after;  // "" = this is the last page
};

// PageSize and DecodePageToken together: INVALID_ARGUMENT on page_size or page_token.
absl::StatusOr<PageRequest> ParsePageRequest(int page_size, std::string_view page_token,
                                             int default_size = kDefaultPageSize);

// Keyset paging's last step: `items` was fetched with LIMIT size + 1. Drops the extra item and
// returns the key of the last one kept when there was one more ("" = no next page).
template <class T, class KeyOf>
std::string TrimToPage(std::vector<T>& items, int size, KeyOf key_of) {
  if (static_cast<int>(items.size()) <= size) return "";
  items.resize(size);
  return std::string(key_of(items.back()));
}

}  // namespace secsched::api
