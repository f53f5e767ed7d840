// text[] columns through libpqxx 6 (which has no array parameters): lists travel as a JSON array
// parameter and come back as JSON text.
#pragma once

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "services/catalog/domain/resources.h"

namespace secsched::catalog {

// A JSON array of the strings, to bind where TextArrayParam(n) is used.
std::string JsonArrayParam(const std::vector<std::string> &items);
// SQL that turns parameter $n (a JSON array of strings) into text[], keeping the order.
std::string TextArrayParam(int n);
// SQL selecting text[] column `column` as JSON text named `column`.
std::string TextArrayColumn(const std::string &column);
// Reads a column selected with TextArrayColumn.
std::vector<std::string> TextArrayOf(const pqxx::field &field);

// Unavailable periods are stored as text[] of "5" / "5@s1" (the CSV form).
std::string UnavailableParam(const std::vector<UnavailablePeriod> &periods);
// Stored values were checked when written; an unparsable one (a hand-edited row) is dropped.
std::vector<UnavailablePeriod> UnavailableOf(const pqxx::field &field);

}  // namespace secsched::catalog
