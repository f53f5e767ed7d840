#include "services/catalog/domain/course_csv.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/status/strings.h"

namespace secsched::catalog {
namespace {

// A whole-number cell into an int field (ParseInt gives long long).
void ReadInt(const csv::Row& row, const csv::Columns& columns, CourseField field,
             csv::RowErrors& errors, int& out) {
  std::string_view name = FieldName(field);
  std::optional<long long> value = csv::ParseInt(row, columns, name, errors);
  if (!value) return;
  if (*value < std::numeric_limits<int>::min() || *value > std::numeric_limits<int>::max()) {
    errors.Add(row.line, name, "is out of range");
    return;
  }
  out = static_cast<int>(*value);
}

void ReadBool(const csv::Row& row, const csv::Columns& columns, CourseField field,
              csv::RowErrors& errors, bool& out) {
  std::optional<bool> value = csv::ParseBool(row, columns, FieldName(field), errors);
  if (value) out = *value;
}

}  // namespace

absl::StatusOr<std::vector<CourseCsvRow>> ParseCoursesCsv(std::string_view text,
                                                          csv::RowErrors& errors) {
  absl::StatusOr<csv::Table> table = csv::Parse(text);
  if (!table.ok()) return table.status();
  std::vector<std::string_view> optional;
  for (CourseField field : AllCourseFields()) {
    if (field != CourseField::kNumber) optional.push_back(FieldName(field));
  }
  absl::StatusOr<csv::Columns> columns = csv::Columns::Bind(table->header, {"number"}, optional);
  if (!columns.ok()) return columns.status();
  std::vector<CourseField> present;
  for (CourseField field : AllCourseFields()) {
    if (columns->Has(FieldName(field))) present.push_back(field);
  }

  std::vector<CourseCsvRow> rows;
  rows.reserve(table->rows.size());
  for (const csv::Row& row : table->rows) {
    CourseCsvRow out{.line = row.line, .present = present};
    CourseValues& v = out.values;
    v.number = std::string(csv::RequireText(row, *columns, "number", errors));
    v.display_name = std::string(columns->Get(row, "display_name"));
    v.department = std::string(columns->Get(row, "department"));
    if (std::optional<double> credits = csv::ParseDouble(row, *columns, "credits", errors)) {
      v.credits = *credits;
    }
    ReadInt(row, *columns, CourseField::kMinGrade, errors, v.min_grade);
    ReadInt(row, *columns, CourseField::kMaxGrade, errors, v.max_grade);
    if (std::string_view term = columns->Get(row, "term_length"); !term.empty()) {
      if (std::optional<TermLength> length = ParseTermLength(term)) {
        v.term_length = *length;
      } else {
        errors.Add(row.line, "term_length",
                   absl::StrCat("\"", ToAbsl(term), "\" is not YEAR, SEMESTER or QUARTER"));
      }
    }
    ReadInt(row, *columns, CourseField::kPeriodsPerMeeting, errors, v.periods_per_meeting);
    ReadInt(row, *columns, CourseField::kSectionsToBuild, errors, v.sections_to_build);
    ReadInt(row, *columns, CourseField::kMaxStudents, errors, v.max_students);
    ReadInt(row, *columns, CourseField::kLoadPriority, errors, v.load_priority);
    if (std::string_view room = columns->Get(row, "room_type"); !room.empty()) {
      v.room_type = std::string(room);
    }
    ReadBool(row, *columns, CourseField::kRequired, errors, v.required);
    ReadBool(row, *columns, CourseField::kActive, errors, v.active);
    // Tags: separated by ";" (or ","), spaces around them ignored.
    for (absl::string_view tag :
         absl::StrSplit(ToAbsl(columns->Get(row, "tags")), absl::ByAnyChar(";,"))) {
      tag = absl::StripAsciiWhitespace(tag);
      if (!tag.empty()) v.tags.emplace_back(tag);
    }
    NormalizeTags(v);
    rows.push_back(std::move(out));
  }
  return rows;
}

std::string WriteCoursesCsv(const std::vector<CourseValues>& courses) {
  csv::Writer writer;
  writer.AddRow(FieldNames(AllCourseFields()));
  for (const CourseValues& course : courses) {
    std::vector<std::string> cells;
    cells.reserve(AllCourseFields().size());
    for (CourseField field : AllCourseFields()) cells.push_back(FieldText(course, field));
    writer.AddRow(cells);
  }
  return writer.str();
}

}  // namespace secsched::catalog
