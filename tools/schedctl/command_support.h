// Helpers shared by the catalog-setup, import and planning commands: reading an input file,
// naming a calendar's courses, short ids for tables, whole-number flags and paging.
#pragma once

#include <grpcpp/support/status.h>

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "tools/schedctl/command.h"

namespace secsched::schedctl {

// The whole text of the file at `path` ("-" = standard input). The error names the path.
absl::StatusOr<std::string> ReadInputFile(const std::string& path);

// A course of the calendar: a full name ("calendars/c/courses/eng9") is kept; a bare id or
// course number is lower-cased, since a course's id defaults to its number lower-cased
// ("ENG9" → calendars/c/courses/eng9).
std::string CourseName(std::string_view calendar_name, std::string_view course);

// The last segment of a resource name, for table columns ("calendars/c/courses/eng9" → "eng9").
std::string ShortId(std::string_view name);

// A flag's value as a whole number; nullopt when it is not one. Only the syntax is checked here:
// the services own the ranges and report them as field violations.
std::optional<int> WholeNumber(std::string_view text);

// `value` of flag `flag` when given, else `fallback`; a usage error (exit 2) is reported through
// `exit_code` when the value is not a whole number.
bool WholeNumberFlag(const CommandContext& context, std::string_view flag, int fallback, int& value,
                     int& exit_code);

// Calls `fetch(page_token, response)` until next_page_token is empty, appending every page's
// items (`items(response)`, a RepeatedPtrField) to `all`'s. Returns the first error.
template <typename Response, typename Fetch, typename Items>
grpc::Status FetchAllPages(Fetch fetch, Items items, Response& all) {
  std::string token;
  do {
    Response page;
    grpc::Status status = fetch(token, page);
    if (!status.ok()) return status;
    for (auto& item : *items(page)) *items(all)->Add() = std::move(item);
    token = page.next_page_token();
  } while (!token.empty());
  return grpc::Status::OK;
}

// "yes" / "" for boolean table cells, so the set ones stand out.
inline std::string YesOrBlank(bool value) { return value ? "yes" : ""; }

}  // namespace secsched::schedctl
