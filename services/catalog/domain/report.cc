#include "services/catalog/domain/report.h"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/status.h"
#include "common/status/strings.h"

namespace secsched::catalog {
namespace {

constexpr std::size_t kMaxConditions = 20;
constexpr std::size_t kMaxFields = 40;
constexpr std::size_t kMaxValueLength = 200;

using FT = FieldType;

const std::vector<ReportField> kCourseFields = {
    {"id", FT::kText},
    {"number", FT::kText},
    {"display_name", FT::kText},
    {"department", FT::kText},
    {"credits", FT::kNumber},
    {"min_grade", FT::kInteger},
    {"max_grade", FT::kInteger},
    {"term_length", FT::kText},
    {"periods_per_meeting", FT::kInteger},
    {"sections_to_build", FT::kInteger},
    {"max_students", FT::kInteger},
    {"load_priority", FT::kInteger},
    {"room_type", FT::kText},
    {"required", FT::kBool},
    {"active", FT::kBool},
    {"tags", FT::kList},
    {"course_master", FT::kText},
    {"locked_fields", FT::kList},
};
const std::vector<ReportField> kTeacherFields = {
    {"id", FT::kText},
    {"staff_id", FT::kText},
    {"display_name", FT::kText},
    {"departments", FT::kList},
    {"can_teach_courses", FT::kList},
    {"max_sections", FT::kInteger},
    {"max_sections_per_term", FT::kInteger},
    {"unavailable", FT::kList},
    {"active", FT::kBool},
};
const std::vector<ReportField> kRoomFields = {
    {"id", FT::kText},        {"number", FT::kText},      {"capacity", FT::kInteger},
    {"room_type", FT::kText}, {"unavailable", FT::kList}, {"active", FT::kBool},
};
const std::vector<ReportField> kTermFields = {
    {"id", FT::kText},         {"sequence", FT::kInteger}, {"display_name", FT::kText},
    {"start_date", FT::kDate}, {"end_date", FT::kDate},
};

std::string_view TypeName(FieldType type) {
  switch (type) {
    case FT::kText:
      return "text";
    case FT::kInteger:
      return "a whole number";
    case FT::kNumber:
      return "a number";
    case FT::kBool:
      return "true or false";
    case FT::kDate:
      return "a date (YYYY-MM-DD)";
    case FT::kList:
      return "a list";
  }
  return "text";
}

bool IsValidDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const std::pair<int, int> spans[3] = {{0, 4}, {5, 2}, {8, 2}};
  for (int i = 0; i < 3; ++i) {
    const char *begin = text.data() + spans[i].first;
    auto [end, error] = std::from_chars(begin, begin + spans[i].second, parts[i]);
    if (error != std::errc() || end != begin + spans[i].second) return false;
  }
  return std::chrono::year_month_day(std::chrono::year(parts[0]),
                                     std::chrono::month(static_cast<unsigned>(parts[1])),
                                     std::chrono::day(static_cast<unsigned>(parts[2])))
      .ok();
}

bool ValueFits(FieldType type, std::string_view value) {
  switch (type) {
    case FT::kText:
    case FT::kList:
      return value.size() <= kMaxValueLength;
    case FT::kInteger: {
      long long parsed = 0;
      auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
      return !value.empty() && error == std::errc() && end == value.data() + value.size();
    }
    case FT::kNumber: {
      std::string copy(value);
      char *end = nullptr;
      std::strtod(copy.c_str(), &end);
      return !copy.empty() && end == copy.c_str() + copy.size() &&
             copy.find_first_of("xXnNiI") == std::string::npos;  // no hex, nan or inf
    }
    case FT::kBool:
      return value == "true" || value == "false";
    case FT::kDate:
      return IsValidDate(value);
  }
  return false;
}

// ---- the filter text's tokens ----

class FilterLexer {
 public:
  explicit FilterLexer(std::string_view text) : text_(text) {}

  bool AtEnd() {
    SkipSpaces();
    return pos_ >= text_.size();
  }
  std::size_t position() const { return pos_ + 1; }  // 1-based, for messages

  // A word: [A-Za-z_][A-Za-z0-9_]*.
  std::optional<std::string> Word() {
    SkipSpaces();
    std::size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    if (pos_ == start || std::isdigit(static_cast<unsigned char>(text_[start]))) {
      pos_ = start;
      return std::nullopt;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  std::optional<FilterOp> Op() {
    SkipSpaces();
    auto take = [&](std::string_view symbol) {
      if (text_.substr(pos_, symbol.size()) != symbol) return false;
      pos_ += symbol.size();
      return true;
    };
    if (take("!=")) return FilterOp::kNotEqual;
    if (take("<=")) return FilterOp::kLessOrEqual;
    if (take(">=")) return FilterOp::kGreaterOrEqual;
    if (take("=")) return FilterOp::kEqual;
    if (take("<")) return FilterOp::kLess;
    if (take(">")) return FilterOp::kGreater;
    std::size_t start = pos_;
    std::optional<std::string> word = Word();
    if (word.has_value()) {
      std::string lower = absl::AsciiStrToLower(*word);
      if (lower == "contains") return FilterOp::kContains;
      if (lower == "prefix") return FilterOp::kPrefix;
    }
    pos_ = start;
    return std::nullopt;
  }

  // A quoted string or a bare run of characters up to whitespace. nullopt + `error` on failure.
  std::optional<std::string> Value(std::string &error) {
    SkipSpaces();
    if (pos_ >= text_.size()) {
      error = "expected a value";
      return std::nullopt;
    }
    std::string out;
    if (text_[pos_] == '"') {
      for (++pos_; pos_ < text_.size(); ++pos_) {
        char c = text_[pos_];
        if (c == '"') {
          ++pos_;
          return out;
        }
        if (c == '\\') {
          if (pos_ + 1 >= text_.size() || (text_[pos_ + 1] != '"' && text_[pos_ + 1] != '\\')) {
            error = "only \\\" and \\\\ may follow a backslash";
            return std::nullopt;
          }
          c = text_[++pos_];
        }
        out.push_back(c);
      }
      error = "the quoted value is not closed";
      return std::nullopt;
    }
    while (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      if (text_[pos_] == '"') {
        error = "a quote inside a bare value (quote the whole value)";
        return std::nullopt;
      }
      out.push_back(text_[pos_++]);
    }
    return out;
  }

 private:
  void SkipSpaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  std::string_view text_;
  std::size_t pos_ = 0;
};

bool NeedsQuotes(std::string_view value) {
  if (value.empty()) return true;
  for (char c : value) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\\') return true;
  }
  return false;
}

}  // namespace

const std::vector<ReportField> &ReportFieldsOf(ReportEntity entity) {
  switch (entity) {
    case ReportEntity::kCourses:
      return kCourseFields;
    case ReportEntity::kTeachers:
      return kTeacherFields;
    case ReportEntity::kRooms:
      return kRoomFields;
    case ReportEntity::kTerms:
      return kTermFields;
  }
  return kCourseFields;
}

std::optional<ReportField> FindReportField(ReportEntity entity, std::string_view name) {
  for (const ReportField &field : ReportFieldsOf(entity)) {
    if (field.name == name) return field;
  }
  return std::nullopt;
}

std::string_view EntityName(ReportEntity entity) {
  switch (entity) {
    case ReportEntity::kCourses:
      return "courses";
    case ReportEntity::kTeachers:
      return "teachers";
    case ReportEntity::kRooms:
      return "rooms";
    case ReportEntity::kTerms:
      return "terms";
  }
  return "courses";
}

std::string_view OpText(FilterOp op) {
  switch (op) {
    case FilterOp::kEqual:
      return "=";
    case FilterOp::kNotEqual:
      return "!=";
    case FilterOp::kLess:
      return "<";
    case FilterOp::kLessOrEqual:
      return "<=";
    case FilterOp::kGreater:
      return ">";
    case FilterOp::kGreaterOrEqual:
      return ">=";
    case FilterOp::kContains:
      return "contains";
    case FilterOp::kPrefix:
      return "prefix";
  }
  return "=";
}

bool OpAllowed(FieldType type, FilterOp op) {
  switch (type) {
    case FT::kText:
      return true;
    case FT::kList:
      return op == FilterOp::kContains;
    case FT::kBool:
      return op == FilterOp::kEqual || op == FilterOp::kNotEqual;
    case FT::kInteger:
    case FT::kNumber:
    case FT::kDate:
      return op != FilterOp::kContains && op != FilterOp::kPrefix;
  }
  return false;
}

absl::StatusOr<std::vector<FilterCondition>> ParseFilter(std::string_view text,
                                                         std::string_view field) {
  std::vector<FilterCondition> conditions;
  FilterLexer lexer(text);
  auto fail = [&](std::string_view what) {
    return InvalidField(field, absl::StrCat("at character ", lexer.position(), ": ", ToAbsl(what)));
  };
  if (lexer.AtEnd()) return conditions;
  while (true) {
    FilterCondition condition;
    std::optional<std::string> name = lexer.Word();
    if (!name.has_value()) return fail("expected a field name");
    condition.field = absl::AsciiStrToLower(*name);
    std::optional<FilterOp> op = lexer.Op();
    if (!op.has_value()) {
      return fail("expected an operator: = != < <= > >= contains prefix");
    }
    condition.op = *op;
    std::string error;
    std::optional<std::string> value = lexer.Value(error);
    if (!value.has_value()) return fail(error);
    condition.value = *std::move(value);
    conditions.push_back(std::move(condition));
    if (conditions.size() > kMaxConditions) return fail("at most 20 conditions");
    if (lexer.AtEnd()) return conditions;
    std::optional<std::string> joiner = lexer.Word();
    if (!joiner.has_value() || absl::AsciiStrToLower(*joiner) != "and") {
      return fail("expected AND (conditions are combined by AND only)");
    }
  }
}

std::string FormatFilter(const std::vector<FilterCondition> &conditions) {
  std::string out;
  for (const FilterCondition &condition : conditions) {
    if (!out.empty()) out += " AND ";
    absl::StrAppend(&out, condition.field, " ", ToAbsl(OpText(condition.op)), " ");
    if (!NeedsQuotes(condition.value)) {
      out += condition.value;
      continue;
    }
    out += '"';
    for (char c : condition.value) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out;
}

absl::Status ValidateReportQuery(ReportEntity entity, const std::vector<std::string> &fields,
                                 const std::vector<FilterCondition> &conditions,
                                 std::string_view prefix) {
  FieldValidator v;
  const std::string fields_path = absl::StrCat(ToAbsl(prefix), "fields");
  v.Require(fields.size() <= kMaxFields, fields_path, "at most 40 fields");
  std::set<std::string_view> seen;
  for (const std::string &name : fields) {
    if (!FindReportField(entity, name).has_value()) {
      v.Add(fields_path,
            absl::StrCat("\"", name, "\" is not a field of ", ToAbsl(EntityName(entity))));
    } else if (!seen.insert(name).second) {
      v.Add(fields_path, absl::StrCat("\"", name, "\" is listed twice"));
    }
  }
  v.Require(conditions.size() <= kMaxConditions, absl::StrCat(ToAbsl(prefix), "conditions"),
            "at most 20 conditions");
  for (std::size_t i = 0; i < conditions.size(); ++i) {
    const FilterCondition &c = conditions[i];
    const std::string path = absl::StrCat(ToAbsl(prefix), "conditions[", i, "]");
    std::optional<ReportField> field = FindReportField(entity, c.field);
    if (!field.has_value()) {
      v.Add(path + ".field",
            absl::StrCat("\"", c.field, "\" is not a field of ", ToAbsl(EntityName(entity))));
      continue;
    }
    if (!OpAllowed(field->type, c.op)) {
      v.Add(path + ".op", absl::StrCat("\"", ToAbsl(OpText(c.op)), "\" does not apply to ", c.field,
                                       " (", ToAbsl(TypeName(field->type)), ")"));
      continue;
    }
    v.Require(ValueFits(field->type, c.value), path + ".value",
              field->type == FT::kText || field->type == FT::kList
                  ? std::string("must be at most 200 characters")
                  : absl::StrCat("\"", c.value, "\" is not ", ToAbsl(TypeName(field->type)), " (",
                                 c.field, ")"));
  }
  return v.Finish("The report names unknown fields or bad conditions.");
}

}  // namespace secsched::catalog
