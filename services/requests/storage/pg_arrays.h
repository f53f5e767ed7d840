// PostgreSQL array literals for bulk statements: libpqxx 6 passes parameters as text only, so
// many rows go to the server as a few array parameters ("INSERT ... SELECT * FROM
// unnest($1::text[], $2::int[], ...)") — one round trip for thousands of rows.
#pragma once

#include <string>
#include <vector>

namespace secsched::requests {

// {"a","b \"q\""}: every element quoted, backslashes and quotes escaped.
std::string TextArray(const std::vector<std::string>& values);
std::string IntArray(const std::vector<int>& values);
std::string BoolArray(const std::vector<bool>& values);

}  // namespace secsched::requests
