#include "common/api/paging.h"

#include "absl/strings/escaping.h"
#include "common/status/status.h"
#include "common/status/strings.h"

namespace secsched::api {
namespace {
// Tokens carry a version prefix so a later change of key format can reject old tokens cleanly.
constexpr std::string_view kTokenPrefix = "v1:";
}  // namespace

absl::StatusOr<int> PageSize(int requested, std::string_view field, int default_size) {
  if (requested == 0) return default_size;
  if (requested < 0 || requested > kMaxPageSize) {
    return InvalidField(field, "must be between 0 and 1000");
  }
  return requested;
}

std::string EncodePageToken(std::string_view last_key) {
  if (last_key.empty()) return "";
  std::string raw(kTokenPrefix);
  raw.append(last_key);
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<std::string> DecodePageToken(std::string_view token, std::string_view field) {
  if (token.empty()) return std::string();
  std::string raw;
  if (!absl::WebSafeBase64Unescape(ToAbsl(token), &raw) || raw.size() <= kTokenPrefix.size() ||
      std::string_view(raw).substr(0, kTokenPrefix.size()) != kTokenPrefix) {
    return InvalidField(field, "is not a page token returned by this method");
  }
  return raw.substr(kTokenPrefix.size());
}

absl::StatusOr<PageRequest> ParsePageRequest(int page_size, std::string_view page_token,
                                             int default_size) {
  absl::StatusOr<int> size = PageSize(page_size, "page_size", default_size);
  if (!size.ok()) return size.status();
  absl::StatusOr<std::string> after = DecodePageToken(page_token, "page_token");
  if (!after.ok()) return after.status();
  return PageRequest{.after = *std::move(after), .size = *size};
}

}  // namespace secsched::api
