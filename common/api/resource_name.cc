#include "common/api/resource_name.h"

#include <random>

#include "absl/strings/str_format.h"
#include "common/status/status.h"

namespace secsched::api {
namespace {

std::vector<std::string_view> Segments(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t slash = text.find('/', start);
    out.push_back(text.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

bool IsVariable(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > 63 || id.front() == '-') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

std::string NewId(std::string_view prefix) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::string(prefix) + absl::StrFormat("%012x", generator() & 0xffffffffffffULL);
}

absl::StatusOr<std::vector<std::string>> ParseName(std::string_view name, std::string_view pattern,
                                                   std::string_view field) {
  const std::vector<std::string_view> got = Segments(name);
  const std::vector<std::string_view> want = Segments(pattern);
  const std::string expected = "must have the form " + std::string(pattern);
  if (got.size() != want.size()) return InvalidField(field, expected);
  std::vector<std::string> ids;
  for (size_t i = 0; i < want.size(); ++i) {
    if (IsVariable(want[i])) {
      if (!IsValidId(got[i])) {
        return InvalidField(field,
                            std::string(want[i]) + " must be 1-63 characters of a-z, 0-9 and -");
      }
      ids.emplace_back(got[i]);
    } else if (got[i] != want[i]) {
      return InvalidField(field, expected);
    }
  }
  return ids;
}

std::string FormatName(std::string_view pattern, const std::vector<std::string>& ids) {
  std::string out;
  size_t next = 0;
  for (std::string_view segment : Segments(pattern)) {
    if (!out.empty()) out += '/';
    if (IsVariable(segment) && next < ids.size()) {
      out += ids[next++];
    } else {
      out += segment;
    }
  }
  return out;
}

}  // namespace secsched::api
