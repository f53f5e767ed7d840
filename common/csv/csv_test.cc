#include "common/csv/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/status/status.h"

namespace secsched::csv {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

TEST(CsvParse, ReadsHeaderAndRowsWithTheirLineNumbers) {
  absl::StatusOr<Table> table = Parse("number,name\r\nENG9,English 9\r\n\r\nALG1,Algebra 1\r\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_THAT(table->header, ElementsAre("number", "name"));
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_THAT(table->rows[0].fields, ElementsAre("ENG9", "English 9"));
  EXPECT_EQ(table->rows[0].line, 2);
  EXPECT_EQ(table->rows[1].line, 4);  // the blank line 3 is skipped but counted
}

TEST(CsvParse, StripsTheByteOrderMarkSpreadsheetsWrite) {
  absl::StatusOr<Table> table = Parse("\xEF\xBB\xBFnumber,name\nENG9,English 9\n");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header[0], "number");
}

TEST(CsvParse, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  absl::StatusOr<Table> table =
      Parse("number,name\n\"ART1\",\"Art, \"\"Studio\"\"\nand more\"\nMUS1,Band\n");
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].fields[1], "Art, \"Studio\"\nand more");
  EXPECT_EQ(table->rows[0].line, 2);
  EXPECT_EQ(table->rows[1].line, 4);
}

TEST(CsvParse, TrimsSpacesAndSkipsRowsOfEmptyCells) {
  absl::StatusOr<Table> table = Parse(" number , name \n ENG9 ,  English 9 \n,,\n");
  ASSERT_TRUE(table.ok());
  EXPECT_THAT(table->header, ElementsAre("number", "name"));
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_THAT(table->rows[0].fields, ElementsAre("ENG9", "English 9"));
}

TEST(CsvParse, LastRowWithoutLineBreakIsKept) {
  absl::StatusOr<Table> table = Parse("a,b\n1,2");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].line, 2);
}

TEST(CsvParse, RejectsEmptyInputAndBadQuotingNamingTheLine) {
  EXPECT_EQ(Parse("").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Parse("\n\n").status().code(), absl::StatusCode::kInvalidArgument);
  absl::Status stray = Parse("a,b\n1,2\n3,x\"y\n").status();
  EXPECT_EQ(stray.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldViolationsOf(stray), ElementsAre(Field(&FieldViolation::field, "rows[3]")));
  absl::Status unterminated = Parse("a,b\n1,\"open\n").status();
  EXPECT_EQ(unterminated.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(unterminated.message()), HasSubstr("never closed"));
}

TEST(CsvColumns, BindsByNameIgnoringCaseSpacesAndUnderscores) {
  absl::StatusOr<Columns> columns =
      Columns::Bind({"Course Number", "NAME"}, {"course_number", "name"}, {"credits"});
  ASSERT_TRUE(columns.ok()) << columns.status();
  Row row{.line = 2, .fields = {"ENG9", "English 9"}};
  EXPECT_EQ(columns->Get(row, "name"), "English 9");
  EXPECT_EQ(columns->Get(row, "credits"), "");
  EXPECT_FALSE(columns->Has("credits"));
}

TEST(CsvColumns, ReportsMissingUnknownAndRepeatedColumnsTogether) {
  absl::Status status = Columns::Bind({"number", "colour", "number"}, {"number", "name"}).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldViolationsOf(status).size(), 3u);
}

TEST(CsvRowErrors, BecomeOneInvalidArgumentWithRowFields) {
  absl::StatusOr<Columns> columns = Columns::Bind({"n", "flag", "x"}, {"n", "flag", "x"});
  ASSERT_TRUE(columns.ok());
  RowErrors errors;
  Row good{.line = 2, .fields = {"12", "yes", "1.5"}};
  Row bad{.line = 3, .fields = {"1 2", "perhaps", "abc"}};
  EXPECT_EQ(ParseInt(good, *columns, "n", errors), 12);
  EXPECT_EQ(ParseBool(good, *columns, "flag", errors), true);
  EXPECT_EQ(ParseDouble(good, *columns, "x", errors), 1.5);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(ParseInt(bad, *columns, "n", errors), std::nullopt);
  EXPECT_EQ(ParseBool(bad, *columns, "flag", errors), std::nullopt);
  EXPECT_EQ(ParseDouble(bad, *columns, "x", errors), std::nullopt);
  Row empty{.line = 4, .fields = {"", "", ""}};
  EXPECT_EQ(ParseInt(empty, *columns, "n", errors), std::nullopt);  // empty is not an error
  RequireText(empty, *columns, "n", errors);
  absl::Status status = errors.ToStatus("courses.csv");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("4 problems; nothing was written"));
  EXPECT_THAT(FieldViolationsOf(status), ElementsAre(Field(&FieldViolation::field, "rows[3].n"),
                                                     Field(&FieldViolation::field, "rows[3].flag"),
                                                     Field(&FieldViolation::field, "rows[3].x"),
                                                     Field(&FieldViolation::field, "rows[4].n")));
  EXPECT_TRUE(RowErrors().ToStatus("x").ok());
}

TEST(CsvWriter, QuotesOnlyWhatNeedsItAndRoundTrips) {
  Writer writer;
  writer.AddRow({"number", "name"});
  writer.AddRow({"ART1", "Art, \"Studio\""});
  writer.AddRow({"MUS1", "Band"});
  EXPECT_EQ(writer.str(), "number,name\r\nART1,\"Art, \"\"Studio\"\"\"\r\nMUS1,Band\r\n");
  absl::StatusOr<Table> table = Parse(writer.str());
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows[0].fields[1], "Art, \"Studio\"");
}

TEST(CsvNeutralizeTest, FormulaStartsGetAnApostrophe) {
  EXPECT_EQ(NeutralizeCell("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(NeutralizeCell("+1"), "'+1");
  EXPECT_EQ(NeutralizeCell("-1"), "'-1");
  EXPECT_EQ(NeutralizeCell("@cmd"), "'@cmd");
  EXPECT_EQ(NeutralizeCell("\tx"), "'\tx");
  EXPECT_EQ(NeutralizeCell("\rx"), "'\rx");
  EXPECT_EQ(NeutralizeCell("a=b"), "a=b");
  EXPECT_EQ(NeutralizeCell("eng9"), "eng9");
  EXPECT_EQ(NeutralizeCell(""), "");
}

TEST(CsvNeutralizeTest, WrittenFormulaCellsReadBackAsTheyWere) {
  Writer writer;
  writer.AddRow({"name", "note"});
  writer.AddRow({"=HYPERLINK(\"x\")", "-3"});
  EXPECT_NE(writer.str().find("'=HYPERLINK"), std::string::npos);
  absl::StatusOr<Table> table = Parse(writer.str());
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].fields[0], "=HYPERLINK(\"x\")");
  EXPECT_EQ(table->rows[0].fields[1], "-3");
}

// Found by tests/fuzz/fuzz_csv (writer → parser must give every parsed cell back): a cell that
// already starts with an apostrophe and a formula character lost its apostrophe, a leading space
// decided whether the apostrophe was dropped, and a first cell starting with a byte-order mark
// lost it.
TEST(CsvNeutralizeTest, WhatTheWriterWritesReadsBackExactly) {
  EXPECT_EQ(NeutralizeCell("'=x"), "''=x");
  EXPECT_EQ(NeutralizeCell("''-3"), "'''-3");
  EXPECT_EQ(NeutralizeCell("'abc"), "'abc");
  Writer writer;
  writer.AddRow({"note", "other"});
  writer.AddRow({"'=x", "'-3"});
  writer.AddRow({"''@cmd", "'plain"});
  absl::StatusOr<Table> table = Parse(writer.str());
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].fields, (std::vector<std::string>{"'=x", "'-3"}));
  EXPECT_EQ(table->rows[1].fields, (std::vector<std::string>{"''@cmd", "'plain"}));

  Writer bom;  // a first cell that starts with a byte-order mark of its own keeps it
  bom.AddRow({"\xEF\xBB\xBFnote"});
  bom.AddRow({"x"});
  absl::StatusOr<Table> kept = Parse(bom.str());
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_EQ(kept->header, (std::vector<std::string>{"\xEF\xBB\xBFnote"}));

  absl::StatusOr<Table> spaced = Parse("note\n '=x\n'=x\n");
  ASSERT_TRUE(spaced.ok()) << spaced.status();
  EXPECT_EQ(spaced->rows[0].fields[0], "=x");
  EXPECT_EQ(spaced->rows[1].fields[0], "=x");
}

}  // namespace
}  // namespace secsched::csv
