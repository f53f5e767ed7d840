// libFuzzer target: common/csv's parser on arbitrary bytes, then the typed-cell readers, and the
// writer → parser round trip of whatever parsed (an export must re-import unchanged).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/csv/csv.h"

namespace {

using secsched::csv::Columns;
using secsched::csv::Row;
using secsched::csv::RowErrors;
using secsched::csv::Table;

void ReadTypedCells(const Table& table) {
  absl::StatusOr<Columns> columns =
      Columns::Bind(table.header, {"number"}, {"name", "credits", "active", "count"});
  if (!columns.ok()) return;
  RowErrors errors;
  for (const Row& row : table.rows) {
    secsched::csv::RequireText(row, *columns, "number", errors);
    secsched::csv::ParseDouble(row, *columns, "credits", errors);
    secsched::csv::ParseBool(row, *columns, "active", errors);
    secsched::csv::ParseInt(row, *columns, "count", errors);
  }
  (void)errors.ToStatus("fuzz.csv");
}

// A row the writer cannot express: one empty cell is a blank line, which the parser skips.
bool Expressible(const std::vector<std::string>& fields) {
  return !(fields.size() == 1 && fields[0].empty());
}

void RoundTrip(const Table& table) {
  secsched::csv::Writer writer;
  std::vector<std::vector<std::string>> written;
  if (!Expressible(table.header)) return;
  writer.AddRow(table.header);
  written.push_back(table.header);
  for (const Row& row : table.rows) {
    if (!Expressible(row.fields)) continue;
    writer.AddRow(row.fields);
    written.push_back(row.fields);
  }
  absl::StatusOr<Table> again = secsched::csv::Parse(writer.str());
  if (!again.ok()) std::abort();  // the writer produced CSV its own parser refuses
  if (again->header != written[0] || again->rows.size() + 1 != written.size()) std::abort();
  for (std::size_t i = 0; i < again->rows.size(); ++i) {
    if (again->rows[i].fields != written[i + 1]) std::abort();  // a cell changed on the way
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<Table> table = secsched::csv::Parse(text);
  if (!table.ok()) return 0;
  ReadTypedCells(*table);
  RoundTrip(*table);
  return 0;
}
