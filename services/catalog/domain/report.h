// Ad hoc reports: which fields each entity offers (the whitelist), filter conditions and their text
// form, and the checks that keep a report to that whitelist. Storage turns a checked query into SQL
// with every value bound as a parameter (storage/pg_report_repository.cc).
//
// Filter text: `field op value [AND field op value ...]`
//   op    = != < <= > >= contains prefix   (words case-insensitive, as is AND)
//   value "double-quoted text" (\" and \\ escape) or a bare word/number: 25, 2.5, true, ENG
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace secsched::catalog {

enum class ReportEntity { kCourses, kTeachers, kRooms, kTerms };

enum class FieldType {
  kText,     // compared as text; contains is case-insensitive
  kInteger,  // whole numbers
  kNumber,   // decimals (credits)
  kBool,     // true/false
  kDate,     // YYYY-MM-DD
  kList,     // a list of texts (departments, tags): only contains (has the element)
};

struct ReportField {
  std::string_view name;
  FieldType type;
};

// The fields of `entity`, in their default column order (the first is always "id").
const std::vector<ReportField> &ReportFieldsOf(ReportEntity entity);
std::optional<ReportField> FindReportField(ReportEntity entity, std::string_view name);
std::string_view EntityName(ReportEntity entity);  // "courses", "teachers", ...

enum class FilterOp {
  kEqual,
  kNotEqual,
  kLess,
  kLessOrEqual,
  kGreater,
  kGreaterOrEqual,
  kContains,
  kPrefix
};

std::string_view OpText(FilterOp op);  // "=", "!=", ..., "contains", "prefix"
// Whether `op` applies to a field of `type`.
bool OpAllowed(FieldType type, FilterOp op);

struct FilterCondition {
  std::string field;
  FilterOp op = FilterOp::kEqual;
  std::string value;
  bool operator==(const FilterCondition &) const = default;
};

// The text form → conditions (syntax only; ValidateReportQuery checks names and values).
// INVALID_ARGUMENT with a violation on `field` ("filter") saying where and what went wrong.
absl::StatusOr<std::vector<FilterCondition>> ParseFilter(std::string_view text,
                                                         std::string_view field = "filter");
// Conditions → text that ParseFilter reads back to the same conditions.
std::string FormatFilter(const std::vector<FilterCondition> &conditions);

// Every field must be in the entity's whitelist (no repeats); every condition's field too, its
// operator allowed for the field's type, its value of that type. Violations name `<prefix>fields` /
// `<prefix>conditions[i].field|op|value`.
absl::Status ValidateReportQuery(ReportEntity entity, const std::vector<std::string> &fields,
                                 const std::vector<FilterCondition> &conditions,
                                 std::string_view prefix);

// A saved report: schools/{school}/reports/{report}.
struct ReportDefinition {
  std::string school_id;
  std::string id;
  std::string display_name;
  ReportEntity entity = ReportEntity::kCourses;
  std::vector<std::string> fields;  // empty = all
  std::vector<FilterCondition> conditions;
  std::string creator;
  std::chrono::system_clock::time_point update_time;
};

}  // namespace secsched::catalog
