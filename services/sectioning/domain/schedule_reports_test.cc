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
  const std::string text = UnscheduledRequestsCsv({{.student_id = "st-1",
                                                    .course_id = "art",
                                                    .required = true,
                                                    .reason = "=cmd|' /C calc'!A0"}});
  // A spreadsheet sees text: the cell starts with an apostrophe.
  EXPECT_NE(text.find("true,'=cmd|' /C calc'!A0"), std::string::npos) << text;
  // Our own parser reads the value back as it was.
  absl::StatusOr<csv::Table> table = csv::Parse(text);
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].fields,
            (std::vector<std::string>{"st-1", "art", "true", "=cmd|' /C calc'!A0"}));
}

// A repository whose every list has "more rows after these": the export must refuse, not cut.
class EndlessReports final : public ScheduleReportRepository {
 public:
  absl::StatusOr<api::Page<MasterScheduleRow>> MasterSchedule(
      const TrialKey&, MasterView, const api::PageRequest& page) override {
    requested_size = page.size;
    return api::Page<MasterScheduleRow>{.items = {MasterScheduleRow{}}, .next_after = "more"};
  }
  absl::StatusOr<api::Page<SectionBalanceRow>> SectionBalance(const TrialKey&,
                                                              const api::PageRequest&) override {
    return api::Page<SectionBalanceRow>{.items = {}, .next_after = ""};
  }
  absl::StatusOr<api::Page<UnscheduledRequestRow>> UnscheduledRequests(
      const TrialKey&, const api::PageRequest&) override {
    return api::Page<UnscheduledRequestRow>{.items = {}, .next_after = "more"};
  }
  absl::StatusOr<LoadMetrics> Metrics(const TrialKey&) override { return LoadMetrics{}; }
  absl::StatusOr<api::Page<TrialEnrollmentRow>> Enrollments(const TrialKey&,
                                                            const api::PageRequest&) override {
    return api::Page<TrialEnrollmentRow>{.items = {}, .next_after = "more"};
  }
  int requested_size = 0;
};

class NoAccess final : public access::AccessChecker {
 public:
  absl::StatusOr<access::AccessDecision> Check(std::string_view, std::string_view) override {
    return access::AccessDecision{.allowed = false, .reason = "no access"};
  }
};

TEST(ScheduleReportsExportTest, AReportOverTheCapIsRefusedWhole) {
  EndlessReports repository;
  access::StaticCalendarSchools schools;
  schools.Set("east", "east-high");
  NoAccess checker;
  ScheduleReports reports(repository, schools, checker);
  const auth::Caller admin = auth::MakeCaller("service:ops", "admin");
  absl::StatusOr<CsvReport> master =
      reports.Export(admin, {"east", "t1"}, ScheduleReportKind::kMasterByRoom);
  EXPECT_EQ(master.status().code(), absl::StatusCode::kFailedPrecondition) << master.status();
  EXPECT_EQ(repository.requested_size, kMaxExportRows);
  EXPECT_EQ(reports.Export(admin, {"east", "t1"}, ScheduleReportKind::kUnscheduledRequests)
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  absl::StatusOr<CsvReport> balance =
      reports.Export(admin, {"east", "t1"}, ScheduleReportKind::kSectionBalance);
  ASSERT_TRUE(balance.ok()) << balance.status();
  EXPECT_EQ(balance->row_count, 0);
  EXPECT_EQ(balance->filename, "east_t1_section-balance.csv");
}

TEST(ScheduleReportsExportTest, APersonWithoutAccessIsRefused) {
  EndlessReports repository;
  access::StaticCalendarSchools schools;
  schools.Set("east", "east-high");
  NoAccess checker;
  ScheduleReports reports(repository, schools, checker);
  EXPECT_EQ(reports.Metrics(auth::MakeCaller("wes", ""), {"east", "t1"}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(reports.Metrics(auth::MakeCaller("wes", ""), {"nowhere", "t1"}).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(reports.Enrollments(auth::MakeCaller("wes", ""), {"east", "t1"}, {.size = 10})
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace secsched::sectioning
