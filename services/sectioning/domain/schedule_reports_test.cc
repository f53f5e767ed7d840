// The schedule reports' pure parts: meeting labels, formula neutralising and the CSV layouts
// (parsed back with common/csv).
#include "services/sectioning/domain/schedule_reports.h"

#include <gtest/gtest.h>

#include "common/csv/csv.h"

namespace secsched::sectioning {
namespace {

TEST(FormatMeetingTest, TermPeriodAndRotationDay) {
  EXPECT_EQ(FormatMeeting({"s1", 3, ""}), "s1 P3");
  EXPECT_EQ(FormatMeeting({"s2", 4, "A"}), "s2 P4 A");
}

TEST(NeutralizeCellTest, FormulaStartsGetAnApostrophe) {
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

TEST(ScheduleReportsCsvTest, MasterByRoomPutsTheRoomFirstAndListsMeetings) {
  MasterScheduleRow row{.group = "r101",
                        .section_id = "eng9-1",
                        .course_id = "eng9",
                        .section_number = 1,
                        .teacher_ids = {"t-ada", "t-bob"},
                        .room_id = "r101",
                        .meetings = {{"s1", 3, ""}, {"s2", 3, ""}},
                        .enrolled = 2,
                        .capacity = 25};
  absl::StatusOr<csv::Table> table = csv::Parse(MasterScheduleCsv(MasterView::kByRoom, {row}));
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->header,
            (std::vector<std::string>{"room", "course", "section_number", "section", "teachers",
                                      "meetings", "enrolled", "capacity"}));
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].fields,
            (std::vector<std::string>{"r101", "eng9", "1", "eng9-1", "t-ada; t-bob", "s1 P3; s2 P3",
                                      "2", "25"}));
}

TEST(ScheduleReportsCsvTest, AReasonThatLooksLikeAFormulaStaysText) {
  absl::StatusOr<csv::Table> table =
      csv::Parse(UnscheduledRequestsCsv({{.student_id = "st-1",
                                          .course_id = "art",
                                          .required = true,
                                          .reason = "=cmd|' /C calc'!A0"}}));
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].fields,
            (std::vector<std::string>{"st-1", "art", "true", "'=cmd|' /C calc'!A0"}));
}

}  // namespace
}  // namespace secsched::sectioning
