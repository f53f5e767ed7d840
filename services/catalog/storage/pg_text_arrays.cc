#include "services/catalog/storage/pg_text_arrays.h"

#include <nlohmann/json.hpp>

namespace secsched::catalog {

std::string JsonArrayParam(const std::vector<std::string> &items) {
  return nlohmann::json(items).dump();
}

std::string TextArrayParam(int n) {
  return "ARRAY(SELECT e FROM jsonb_array_elements_text($" + std::to_string(n) +
         "::jsonb) WITH ORDINALITY AS a(e, i) ORDER BY i)";
}

std::string TextArrayColumn(const std::string &column) {
  return "array_to_json(" + column + ")::text AS " + column;
}

std::vector<std::string> TextArrayOf(const pqxx::field &field) {
  if (field.is_null()) return {};
  return nlohmann::json::parse(field.c_str()).get<std::vector<std::string>>();
}

std::string UnavailableParam(const std::vector<UnavailablePeriod> &periods) {
  std::vector<std::string> items;
  for (const UnavailablePeriod &period : periods) items.push_back(FormatUnavailable({period}));
  return JsonArrayParam(items);
}

std::vector<UnavailablePeriod> UnavailableOf(const pqxx::field &field) {
  std::vector<UnavailablePeriod> out;
  for (const std::string &text : TextArrayOf(field)) {
    absl::StatusOr<std::vector<UnavailablePeriod>> parsed = ParseUnavailable(text);
    if (parsed.ok()) out.insert(out.end(), parsed->begin(), parsed->end());
  }
  return out;
}

}  // namespace secsched::catalog
