// CSV as districts keep it in spreadsheets: parsing (libcsv underneath), header binding by column
// name, per-row errors that become one INVALID_ARGUMENT, and writing.
//
// Parse accepts RFC 4180 text with the habits of real exports: a UTF-8 byte-order mark, CRLF or LF
// line ends, blank lines (skipped), spaces around unquoted fields (trimmed), quoted fields with
// embedded commas, quotes ("") and line breaks. Each row remembers the line it started on so an
// error can say "line 17".
//
//   absl::StatusOr<csv::Table> table = csv::Parse(text);
//   absl::StatusOr<csv::Columns> columns = csv::Columns::Bind(table->header, {"number", "name"},
//                                                             {"credits"});
//   csv::RowErrors errors;
//   for (const csv::Row& row : table->rows) {
//     std::optional<int> credits = csv::ParseInt(row, *columns, "credits", errors);
//     ...
//   }
//   if (absl::Status s = errors.ToStatus("courses.csv"); !s.ok()) return s;  // nothing written
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace secsched::csv {

struct Row {
  int line = 0;  // 1-based line of the file where the record starts
  std::vector<std::string> fields;
};

struct Table {
  std::vector<std::string> header;  // the first non-blank record, names trimmed
  std::vector<Row> rows;            // every later non-blank record
};

// INVALID_ARGUMENT for empty input (no header), an unterminated quote, or a stray quote inside an
// unquoted field, naming the line.
absl::StatusOr<Table> Parse(std::string_view text);

// Column names → positions. Names match case-insensitively, ignoring spaces and underscores
// ("Course Number" == "course_number").
class Columns {
 public:
  // INVALID_ARGUMENT (one field violation per problem, field "header") when a required column is
  // missing, a column is unknown (not required or optional), or a column appears twice.
  static absl::StatusOr<Columns> Bind(const std::vector<std::string>& header,
                                      const std::vector<std::string_view>& required,
                                      const std::vector<std::string_view>& optional = {});

  bool Has(std::string_view name) const { return IndexOf(name).has_value(); }
  // The trimmed cell, or "" when the column is absent or the row is short.
  std::string_view Get(const Row& row, std::string_view name) const;

 private:
  std::optional<std::size_t> IndexOf(std::string_view name) const;
  std::vector<std::pair<std::string, std::size_t>> positions_;  // normalized name → index
};

// Collects problems per row; ToStatus yields OK or one INVALID_ARGUMENT whose field violations
// are "rows[17].credits" → "must be a number" (17 = the file's line). Import code checks every
// row, then writes nothing unless ToStatus is OK.
class RowErrors {
 public:
  void Add(int line, std::string_view column, std::string_view description);
  bool empty() const { return errors_.empty(); }
  std::size_t size() const { return errors_.size(); }
  // `what` names the file in the message: "courses.csv has 3 bad rows."
  absl::Status ToStatus(std::string_view what) const;

 private:
  struct Error {
    int line;
    std::string column;
    std::string description;
  };
  std::vector<Error> errors_;
};

// Typed cells. An empty cell is std::nullopt without an error (callers decide whether it is
// required); a malformed one records an error and is std::nullopt.
std::optional<long long> ParseInt(const Row& row, const Columns& columns, std::string_view name,
                                  RowErrors& errors);
std::optional<double> ParseDouble(const Row& row, const Columns& columns, std::string_view name,
                                  RowErrors& errors);
// true/false, yes/no, y/n, 1/0 (any case).
std::optional<bool> ParseBool(const Row& row, const Columns& columns, std::string_view name,
                              RowErrors& errors);
// A cell that must not be empty: records "is required" when it is.
std::string_view RequireText(const Row& row, const Columns& columns, std::string_view name,
                             RowErrors& errors);

// `cell` with a leading apostrophe when it starts with = + - @ TAB or CR, which a spreadsheet
// would run as a formula (CSV injection); unchanged otherwise. Parse drops that apostrophe again.
std::string NeutralizeCell(std::string_view cell);

// Writes CSV with CRLF line ends (what spreadsheet programs expect); quotes a field only when it
// holds a comma, quote, CR, LF or leading/trailing space. Every cell is neutralised
// (NeutralizeCell), so no export of the suite can carry a formula into a spreadsheet.
class Writer {
 public:
  void AddRow(const std::vector<std::string>& cells);
  const std::string& str() const { return out_; }

 private:
  std::string out_;
};

}  // namespace secsched::csv
