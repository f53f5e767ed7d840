#include "common/csv/csv.h"

#include <csv.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/status.h"
#include "common/status/strings.h"

namespace secsched::csv {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// A file with thousands of bad rows gets a readable error, not a megabyte of details.
constexpr std::size_t kMaxReportedErrors = 200;

std::string_view Trim(std::string_view text) {
  return ToStd(absl::StripAsciiWhitespace(ToAbsl(text)));
}

std::string Normalize(std::string_view name) {
  std::string out;
  for (char c : Trim(name)) {
    if (c == ' ' || c == '_' || c == '-') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// True for the first characters a spreadsheet reads as a formula (CSV injection, OWASP).
bool StartsLikeAFormula(std::string_view field) {
  return !field.empty() &&
         std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos;
}

// A cell that gets (or, read back, loses) one leading apostrophe: a formula start after any
// number of apostrophes. Counting the apostrophes already there keeps the two sides exact
// inverses: "'=x" typed by a person is written "''=x" and reads back as "'=x".
bool NeedsNeutralizing(std::string_view cell) {
  const std::size_t apostrophes = std::min(cell.find_first_not_of('\''), cell.size());
  return StartsLikeAFormula(cell.substr(apostrophes));
}

}  // namespace

std::string NeutralizeCell(std::string_view cell) {
  return NeedsNeutralizing(cell) ? "'" + std::string(cell) : std::string(cell);
}

namespace {

// Collects libcsv's callbacks into rows. libcsv reports no positions, so the row's first line is
// worked out from the line on which the record ended minus the line breaks quoted inside it.
struct Collector {
  int current_line = 0;  // the physical line being fed to the parser
  std::vector<std::string> fields;
  std::vector<Row> records;

  static void OnField(void* data, std::size_t length, void* self) {
    auto* collector = static_cast<Collector*>(self);
    collector->fields.emplace_back(data == nullptr ? "" : static_cast<const char*>(data), length);
  }
  static void OnRecordEnd(int /*terminator*/, void* self) {
    auto* collector = static_cast<Collector*>(self);
    int embedded_breaks = 0;
    bool blank = true;
    for (std::string& field : collector->fields) {
      embedded_breaks += static_cast<int>(std::count(field.begin(), field.end(), '\n'));
      if (!Trim(field).empty()) blank = false;
    }
    if (!blank) {
      collector->records.push_back({.line = collector->current_line - embedded_breaks,
                                    .fields = std::move(collector->fields)});
    }
    collector->fields.clear();
  }
};

}  // namespace

absl::StatusOr<Table> Parse(std::string_view text) {
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    return absl::ResourceExhaustedError("CSV parser could not be initialised");
  }
  Collector collector;
  absl::Status status;
  std::size_t start = 0;
  // Feed one physical line at a time so every callback knows which line it is on.
  while (start < text.size() && status.ok()) {
    std::size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    ++collector.current_line;
    std::string_view line = text.substr(start, end - start);
    if (csv_parse(&parser, line.data(), line.size(), Collector::OnField, Collector::OnRecordEnd,
                  &collector) != line.size()) {
      status = InvalidField(absl::StrCat("rows[", collector.current_line, "]"),
                            absl::StrCat("malformed CSV on line ", collector.current_line, ": ",
                                         csv_strerror(csv_error(&parser)),
                                         " (a quote inside an unquoted field, or text after a "
                                         "closing quote)"));
    }
    start = end;
  }
  if (status.ok() &&
      csv_fini(&parser, Collector::OnField, Collector::OnRecordEnd, &collector) != 0) {
    status = InvalidField(absl::StrCat("rows[", collector.current_line, "]"),
                          "malformed CSV: a quoted field is never closed");
  }
  csv_free(&parser);
  if (!status.ok()) return status;
  if (collector.records.empty()) {
    return InvalidField("header", "the CSV is empty; the first line must name the columns");
  }
  // Trimmed first, then a cell our own writer neutralised reads back as it was, so exports
  // re-import unchanged (in that order: " '=x" and "'=x" read the same).
  auto cell = [](std::string_view field) {
    field = Trim(field);
    if (!field.empty() && field.front() == '\'' && NeedsNeutralizing(field.substr(1))) {
      field.remove_prefix(1);
    }
    return std::string(field);
  };
  Table table;
  for (std::string& name : collector.records.front().fields) table.header.push_back(cell(name));
  collector.records.erase(collector.records.begin());
  table.rows = std::move(collector.records);
  for (Row& row : table.rows) {
    for (std::string& field : row.fields) field = cell(field);
  }
  return table;
}

absl::StatusOr<Columns> Columns::Bind(const std::vector<std::string>& header,
                                      const std::vector<std::string_view>& required,
                                      const std::vector<std::string_view>& optional) {
  Columns columns;
  FieldValidator validator;
  auto known = [&](const std::string& normalized) {
    auto same = [&](std::string_view candidate) { return Normalize(candidate) == normalized; };
    return std::any_of(required.begin(), required.end(), same) ||
           std::any_of(optional.begin(), optional.end(), same);
  };
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string normalized = Normalize(header[i]);
    if (normalized.empty()) {
      validator.Add("header", absl::StrCat("column ", i + 1, " has no name"));
    } else if (!known(normalized)) {
      validator.Add("header", absl::StrCat("unknown column \"", header[i], "\""));
    } else if (columns.IndexOf(normalized).has_value()) {
      validator.Add("header", absl::StrCat("column \"", header[i], "\" appears twice"));
    } else {
      columns.positions_.emplace_back(normalized, i);
    }
  }
  for (std::string_view name : required) {
    if (!columns.IndexOf(name).has_value()) {
      validator.Add("header", absl::StrCat("missing required column \"", ToAbsl(name), "\""));
    }
  }
  if (!validator.empty()) {
    auto join = [](const std::vector<std::string_view>& names) {
      std::string joined;
      for (std::string_view name : names) joined.append(joined.empty() ? "" : ",").append(name);
      return joined;
    };
    std::string expected = join(required);
    if (!optional.empty()) absl::StrAppend(&expected, " (optional: ", join(optional), ")");
    return validator.Finish(
        absl::StrCat("The CSV header is wrong; expected columns ", expected, "."));
  }
  return columns;
}

std::optional<std::size_t> Columns::IndexOf(std::string_view name) const {
  std::string normalized = Normalize(name);
  for (const auto& [column, index] : positions_) {
    if (column == normalized) return index;
  }
  return std::nullopt;
}

std::string_view Columns::Get(const Row& row, std::string_view name) const {
  std::optional<std::size_t> index = IndexOf(name);
  if (!index.has_value() || *index >= row.fields.size()) return {};
  return row.fields[*index];
}

void RowErrors::Add(int line, std::string_view column, std::string_view description) {
  errors_.push_back({line, std::string(column), std::string(description)});
}

absl::Status RowErrors::ToStatus(std::string_view what) const {
  if (errors_.empty()) return absl::OkStatus();
  std::vector<FieldViolation> violations;
  for (const Error& error : errors_) {
    if (violations.size() == kMaxReportedErrors) break;
    std::string field = absl::StrCat("rows[", error.line, "]");
    if (!error.column.empty()) absl::StrAppend(&field, ".", error.column);
    violations.push_back({std::move(field), error.description});
  }
  std::string message =
      absl::StrCat(ToAbsl(what), " has ", errors_.size(),
                   errors_.size() == 1 ? " problem" : " problems", "; nothing was written.");
  if (errors_.size() > kMaxReportedErrors) {
    absl::StrAppend(&message, " The first ", kMaxReportedErrors, " are listed.");
  }
  return InvalidArgumentWithFields(message, std::move(violations));
}

std::optional<long long> ParseInt(const Row& row, const Columns& columns, std::string_view name,
                                  RowErrors& errors) {
  std::string_view text = columns.Get(row, name);
  if (text.empty()) return std::nullopt;
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    errors.Add(row.line, name, absl::StrCat("\"", ToAbsl(text), "\" is not a whole number"));
    return std::nullopt;
  }
  return value;
}

std::optional<double> ParseDouble(const Row& row, const Columns& columns, std::string_view name,
                                  RowErrors& errors) {
  std::string_view text = columns.Get(row, name);
  if (text.empty()) return std::nullopt;
  // from_chars for double is missing from libstdc++ 12's constexpr paths on some targets; strtod
  // on a NUL-terminated copy is exact and locale-independent enough for digits and '.'.
  std::string copy(text);
  char* end = nullptr;
  double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) {
    errors.Add(row.line, name, absl::StrCat("\"", ToAbsl(text), "\" is not a number"));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> ParseBool(const Row& row, const Columns& columns, std::string_view name,
                              RowErrors& errors) {
  std::string text(columns.Get(row, name));
  if (text.empty()) return std::nullopt;
  absl::AsciiStrToLower(&text);
  if (text == "true" || text == "yes" || text == "y" || text == "1") return true;
  if (text == "false" || text == "no" || text == "n" || text == "0") return false;
  errors.Add(row.line, name,
             absl::StrCat("\"", ToAbsl(columns.Get(row, name)), "\" is not yes/no"));
  return std::nullopt;
}

std::string_view RequireText(const Row& row, const Columns& columns, std::string_view name,
                             RowErrors& errors) {
  std::string_view text = columns.Get(row, name);
  if (text.empty()) errors.Add(row.line, name, "is required");
  return text;
}

void Writer::AddRow(const std::vector<std::string>& cells) {
  bool first = true;
  for (const std::string& cell : cells) {
    const std::string field = NeutralizeCell(cell);
    // A byte-order mark at the very start of the text would be read as the file's, not the cell's.
    const bool starts_the_text = out_.empty() && field.starts_with(kUtf8Bom);
    if (!first) out_.push_back(',');
    first = false;
    bool needs_quotes = field.find_first_of(",\"\r\n") != std::string::npos || starts_the_text ||
                        (!field.empty() && (field.front() == ' ' || field.back() == ' '));
    if (!needs_quotes) {
      out_ += field;
      continue;
    }
    out_.push_back('"');
    for (char c : field) {
      if (c == '"') out_.push_back('"');
      out_.push_back(c);
    }
    out_.push_back('"');
  }
  out_ += "\r\n";
}

}  // namespace secsched::csv
