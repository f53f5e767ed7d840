// Schedule reports through the gRPC API on seeded rows with exact expected numbers: the master
// schedule in its three views (paged), section balance, unscheduled requests, load metrics, every
// report's CSV parsed back, and the refusals.
#include <gtest/gtest.h>

#include <map>
#include <optional>

#include "common/csv/csv.h"
#include "common/status/grpc_status.h"
#include "common/status/status.h"
#include "services/sectioning/tests/schedule_seed.h"
#include "services/sectioning/tests/sectioning_env.h"

namespace secsched::sectioning::testing {
namespace {

const std::string kTrial = std::string("calendars/") + SectioningEnv::kCalendar + "/trials/t1";

std::vector<std::string> BadFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status))) {
    fields.push_back(v.field);
  }
  return fields;
}

std::vector<std::string> Strings(const google::protobuf::RepeatedPtrField<std::string>& in) {
  return {in.begin(), in.end()};
}

// Four sections, six students. See each test for what the numbers count.
//   eng9-1  eng9 #1  Ada (Bob co)  r101  cap 25  s1 P1, s2 P1  st-1 (rank 0), st-2 (0), st-3 (1)
//   eng9-2  eng9 #2  Bob           r102  cap 25  s1 P2, s2 P2  st-4 (0)
//   art-1   art  #1  Cy            r101  cap 20  s1 P3 A       st-1 (0), st-5 (by hand)
//   chem-1  chem #1  —             —     cap 24  —             nobody
//   unmet: st-2 chem (required, reason a formula), st-6 art (not required, "time conflict")
class ScheduleReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const TrialKey trial{SectioningEnv::kCalendar, "t1"};
    SeedTrial(env_.pool(), trial);
    auto section = [&](std::string id, std::string course, int number, std::string primary,
                       std::vector<std::string> co, std::string room, int capacity,
                       std::vector<Meeting> meetings) {
      SeedSection(env_.pool(), {.calendar_id = trial.calendar_id,
                                .trial_id = trial.trial_id,
                                .section_id = std::move(id),
                                .course_id = std::move(course),
                                .section_number = number,
                                .primary_teacher_id = std::move(primary),
                                .co_teacher_ids = std::move(co),
                                .room_id = std::move(room),
                                .capacity = capacity,
                                .meetings = std::move(meetings)});
    };
    section("eng9-1", "eng9", 1, "t-ada", {"t-bob"}, "r101", 25, {{"s1", 1, ""}, {"s2", 1, ""}});
    section("eng9-2", "eng9", 2, "t-bob", {}, "r102", 25, {{"s1", 2, ""}, {"s2", 2, ""}});
    section("art-1", "art", 1, "t-cy", {}, "r101", 20, {{"s1", 3, "A"}});
    section("chem-1", "chem", 1, "", {}, "", 24, {});
    auto enroll = [&](std::string section_id, std::string student, std::string course,
                      std::optional<int> rank) {
      SeedEnrollment(env_.pool(), {.calendar_id = trial.calendar_id,
                                   .trial_id = trial.trial_id,
                                   .section_id = std::move(section_id),
                                   .student_id = std::move(student),
                                   .course_id = std::move(course),
                                   .source = EnrollmentSource::kEngine,
                                   .request_rank = rank});
    };
    enroll("eng9-1", "st-1", "eng9", 0);
    enroll("eng9-1", "st-2", "eng9", 0);
    enroll("eng9-1", "st-3", "eng9", 1);
    enroll("eng9-2", "st-4", "eng9", 0);
    enroll("art-1", "st-1", "art", 0);
    enroll("art-1", "st-5", "art", std::nullopt);
    SeedUnmetRequest(env_.pool(), trial, "st-2", "chem", true, "=HYPERLINK(\"http://x\")");
    SeedUnmetRequest(env_.pool(), trial, "st-6", "art", false, "time conflict");
  }

  std::vector<v1::MasterScheduleRow> Master(v1::MasterScheduleView view, int page_size = 0,
                                            int* pages = nullptr) {
    std::vector<v1::MasterScheduleRow> rows;
    v1::ListMasterScheduleRequest request;
    request.set_parent(kTrial);
    request.set_view(view);
    request.set_page_size(page_size);
    int count = 0;
    do {
      v1::ListMasterScheduleResponse response;
      grpc::Status s =
          env_.reports().ListMasterSchedule(SectioningEnv::Scheduler().get(), request, &response);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      rows.insert(rows.end(), response.rows().begin(), response.rows().end());
      request.set_page_token(response.next_page_token());
      ++count;
    } while (!request.page_token().empty());
    if (pages) *pages = count;
    return rows;
  }

  csv::Table Export(v1::ScheduleReport report, int expected_rows) {
    return ParsedCsv(ExportText(report, expected_rows), expected_rows);
  }

  std::string ExportText(v1::ScheduleReport report, int expected_rows) {
    v1::ExportScheduleReportRequest request;
    request.set_parent(kTrial);
    request.set_report(report);
    v1::ExportScheduleReportResponse response;
    grpc::Status s =
        env_.reports().ExportScheduleReport(SectioningEnv::Scheduler().get(), request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(response.row_count(), expected_rows);
    return response.csv();
  }

  static csv::Table ParsedCsv(const std::string& text, int expected_rows) {
    absl::StatusOr<csv::Table> table = csv::Parse(text);
    if (!table.ok()) {
      ADD_FAILURE() << table.status();
      csv::Table empty;
      empty.rows.resize(expected_rows);
      return empty;
    }
    EXPECT_EQ(table->rows.size(), static_cast<std::size_t>(expected_rows));
    return *table;
  }

  SectioningEnv env_;
};

// group, course, section number per row.
std::vector<std::string> Keys(const std::vector<v1::MasterScheduleRow>& rows) {
  std::vector<std::string> keys;
  for (const v1::MasterScheduleRow& r : rows) {
    keys.push_back(r.group() + "|" + r.course() + "|" + std::to_string(r.section_number()));
  }
  return keys;
}

TEST_F(ScheduleReportsTest, MasterScheduleByTeacherListsCoTaughtSectionsUnderEachTeacher) {
  int pages = 0;
  std::vector<v1::MasterScheduleRow> rows = Master(v1::BY_TEACHER, 2, &pages);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(Keys(rows), (std::vector<std::string>{"|chem|1", "t-ada|eng9|1", "t-bob|eng9|1",
                                                  "t-bob|eng9|2", "t-cy|art|1"}));
  const v1::MasterScheduleRow& eng = rows[1];
  EXPECT_EQ(eng.section(), kTrial + "/sections/eng9-1");
  EXPECT_EQ(Strings(eng.teachers()), (std::vector<std::string>{"t-ada", "t-bob"}));
  EXPECT_EQ(eng.room(), "r101");
  EXPECT_EQ(Strings(eng.meetings()), (std::vector<std::string>{"s1 P1", "s2 P1"}));
  EXPECT_EQ(eng.enrolled(), 3);
  EXPECT_EQ(eng.capacity(), 25);
  EXPECT_EQ(Strings(rows[4].meetings()), std::vector<std::string>{"s1 P3 A"});
  EXPECT_EQ(rows[0].teachers_size(), 0);
  EXPECT_EQ(rows[0].meetings_size(), 0);
  EXPECT_EQ(rows[0].enrolled(), 0);
}

TEST_F(ScheduleReportsTest, MasterScheduleByRoomAndByCourse) {
  EXPECT_EQ(Keys(Master(v1::BY_ROOM)),
            (std::vector<std::string>{"|chem|1", "r101|art|1", "r101|eng9|1", "r102|eng9|2"}));
  int pages = 0;
  std::vector<v1::MasterScheduleRow> by_course = Master(v1::BY_COURSE, 1, &pages);
  EXPECT_EQ(pages, 4);
  EXPECT_EQ(Keys(by_course),
            (std::vector<std::string>{"art|art|1", "chem|chem|1", "eng9|eng9|1", "eng9|eng9|2"}));
  EXPECT_EQ(by_course[3].enrolled(), 1);
}

TEST_F(ScheduleReportsTest, SectionBalancePerCourse) {
  v1::ListSectionBalanceRequest request;
  request.set_parent(kTrial);
  v1::ListSectionBalanceResponse response;
  ASSERT_TRUE(
      env_.reports().ListSectionBalance(SectioningEnv::Scheduler().get(), request, &response).ok());
  ASSERT_EQ(response.rows_size(), 3);
  const v1::SectionBalanceRow& art = response.rows(0);
  EXPECT_EQ(art.course(), "art");
  EXPECT_EQ(art.sections(), 1);
  EXPECT_EQ(art.min_enrolled(), 2);
  EXPECT_EQ(art.max_enrolled(), 2);
  EXPECT_EQ(art.spread(), 0);
  const v1::SectionBalanceRow& chem = response.rows(1);
  EXPECT_EQ(chem.course(), "chem");
  EXPECT_EQ(chem.min_enrolled(), 0);
  EXPECT_EQ(chem.enrolled(), 0);
  EXPECT_EQ(chem.capacity(), 24);
  const v1::SectionBalanceRow& eng = response.rows(2);
  EXPECT_EQ(eng.course(), "eng9");
  EXPECT_EQ(eng.sections(), 2);
  EXPECT_EQ(eng.min_enrolled(), 1);
  EXPECT_EQ(eng.max_enrolled(), 3);
  EXPECT_DOUBLE_EQ(eng.mean_enrolled(), 2.0);
  EXPECT_EQ(eng.spread(), 2);
  EXPECT_EQ(eng.enrolled(), 4);
  EXPECT_EQ(eng.capacity(), 50);
  EXPECT_TRUE(response.next_page_token().empty());

  request.set_page_size(2);
  ASSERT_TRUE(
      env_.reports().ListSectionBalance(SectioningEnv::Scheduler().get(), request, &response).ok());
  ASSERT_EQ(response.rows_size(), 2);
  request.set_page_token(response.next_page_token());
  ASSERT_TRUE(
      env_.reports().ListSectionBalance(SectioningEnv::Scheduler().get(), request, &response).ok());
  ASSERT_EQ(response.rows_size(), 1);
  EXPECT_EQ(response.rows(0).course(), "eng9");
}

TEST_F(ScheduleReportsTest, UnscheduledRequestsPerStudentAndCourse) {
  v1::ListUnscheduledRequestsRequest request;
  request.set_parent(kTrial);
  request.set_page_size(1);
  v1::ListUnscheduledRequestsResponse first, second;
  ASSERT_TRUE(env_.reports()
                  .ListUnscheduledRequests(SectioningEnv::Scheduler().get(), request, &first)
                  .ok());
  ASSERT_EQ(first.rows_size(), 1);
  EXPECT_EQ(first.rows(0).student(), "st-2");
  EXPECT_EQ(first.rows(0).course(), "chem");
  EXPECT_TRUE(first.rows(0).required());
  EXPECT_EQ(first.rows(0).reason(), "=HYPERLINK(\"http://x\")");  // as stored; CSV neutralises
  request.set_page_token(first.next_page_token());
  ASSERT_TRUE(env_.reports()
                  .ListUnscheduledRequests(SectioningEnv::Scheduler().get(), request, &second)
                  .ok());
  ASSERT_EQ(second.rows_size(), 1);
  EXPECT_EQ(second.rows(0).student(), "st-6");
  EXPECT_FALSE(second.rows(0).required());
  EXPECT_EQ(second.rows(0).reason(), "time conflict");
  EXPECT_TRUE(second.next_page_token().empty());
}

TEST_F(ScheduleReportsTest, TrialEnrollmentsListEveryRosterInPages) {
  v1::ListTrialEnrollmentsRequest request;
  request.set_parent(kTrial);
  request.set_page_size(4);
  std::vector<std::string> rows;
  int pages = 0;
  do {
    v1::ListTrialEnrollmentsResponse page;
    ASSERT_TRUE(
        env_.reports().ListTrialEnrollments(SectioningEnv::Scheduler().get(), request, &page).ok());
    for (const v1::TrialEnrollmentRow& r : page.rows()) {
      rows.push_back(r.student() + " " + r.section() + " " + r.course() + " " +
                     (r.has_request_rank() ? std::to_string(r.request_rank()) : "-"));
    }
    request.set_page_token(page.next_page_token());
    ++pages;
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(rows, (std::vector<std::string>{"st-1 art-1 art 0", "st-1 eng9-1 eng9 0",
                                            "st-2 eng9-1 eng9 0", "st-3 eng9-1 eng9 1",
                                            "st-4 eng9-2 eng9 0", "st-5 art-1 art -"}));
}

TEST_F(ScheduleReportsTest, LoadMetricsCountExactly) {
  v1::GetLoadMetricsRequest request;
  request.set_parent(kTrial);
  v1::LoadMetrics m;
  ASSERT_TRUE(env_.reports().GetLoadMetrics(SectioningEnv::Scheduler().get(), request, &m).ok());
  EXPECT_EQ(m.trial(), kTrial);
  EXPECT_EQ(m.primary_requests_met(), 4);         // st-1 eng9, st-2 eng9, st-4 eng9, st-1 art
  EXPECT_EQ(m.alternates_used(), 1);              // st-3 eng9
  EXPECT_EQ(m.enrollments_without_request(), 1);  // st-5 art
  EXPECT_EQ(m.requests_unmet(), 2);
  EXPECT_EQ(m.required_requests_unmet(), 1);  // st-2 chem
  EXPECT_EQ(m.students(), 6);                 // st-1..st-5 enrolled, st-6 only unmet
  EXPECT_EQ(m.students_complete(), 4);        // all but st-2 and st-6
  EXPECT_EQ(m.seats_used(), 6);
  EXPECT_EQ(m.seats_offered(), 94);  // 25 + 25 + 20 + 24
}

TEST_F(ScheduleReportsTest, AnEmptyTrialHasZeroes) {
  SeedTrial(env_.pool(), {SectioningEnv::kCalendar, "empty"});
  v1::GetLoadMetricsRequest request;
  request.set_parent(std::string("calendars/") + SectioningEnv::kCalendar + "/trials/empty");
  v1::LoadMetrics m;
  ASSERT_TRUE(env_.reports().GetLoadMetrics(SectioningEnv::Scheduler().get(), request, &m).ok());
  EXPECT_EQ(m.students(), 0);
  EXPECT_EQ(m.seats_offered(), 0);
  v1::ListMasterScheduleRequest master;
  master.set_parent(request.parent());
  master.set_view(v1::BY_COURSE);
  v1::ListMasterScheduleResponse rows;
  ASSERT_TRUE(
      env_.reports().ListMasterSchedule(SectioningEnv::Scheduler().get(), master, &rows).ok());
  EXPECT_EQ(rows.rows_size(), 0);
}

TEST_F(ScheduleReportsTest, EveryReportExportsAsCsvThatParsesBack) {
  csv::Table teacher = Export(v1::MASTER_SCHEDULE_BY_TEACHER, 5);
  EXPECT_EQ(teacher.header,
            (std::vector<std::string>{"teacher", "course", "section_number", "section", "teachers",
                                      "room", "meetings", "enrolled", "capacity"}));
  EXPECT_EQ(teacher.rows[1].fields,
            (std::vector<std::string>{"t-ada", "eng9", "1", "eng9-1", "t-ada; t-bob", "r101",
                                      "s1 P1; s2 P1", "3", "25"}));

  csv::Table room = Export(v1::MASTER_SCHEDULE_BY_ROOM, 4);
  EXPECT_EQ(room.header.front(), "room");
  EXPECT_EQ(room.rows[1].fields,
            (std::vector<std::string>{"r101", "art", "1", "art-1", "t-cy", "s1 P3 A", "2", "20"}));

  csv::Table course = Export(v1::MASTER_SCHEDULE_BY_COURSE, 4);
  EXPECT_EQ(course.header.front(), "course");
  EXPECT_EQ(course.rows[1].fields,
            (std::vector<std::string>{"chem", "1", "chem-1", "", "", "", "0", "24"}));

  csv::Table balance = Export(v1::SECTION_BALANCE, 3);
  EXPECT_EQ(balance.rows[2].fields,
            (std::vector<std::string>{"eng9", "2", "1", "3", "2.00", "2", "4", "50"}));

  csv::Table unmet = Export(v1::UNSCHEDULED_REQUESTS, 2);
  EXPECT_EQ(unmet.header, (std::vector<std::string>{"student", "course", "required", "reason"}));
  // The formula is neutralised with a leading apostrophe (what a spreadsheet sees) and reads back
  // unchanged through our own parser.
  EXPECT_NE(ExportText(v1::UNSCHEDULED_REQUESTS, 2).find("'=HYPERLINK"), std::string::npos);
  EXPECT_EQ(unmet.rows[0].fields,
            (std::vector<std::string>{"st-2", "chem", "true", "=HYPERLINK(\"http://x\")"}));
  EXPECT_EQ(unmet.rows[1].fields,
            (std::vector<std::string>{"st-6", "art", "false", "time conflict"}));

  csv::Table metrics = Export(v1::LOAD_METRICS, 11);
  EXPECT_EQ(metrics.header, (std::vector<std::string>{"metric", "value"}));
  std::map<std::string, std::string> values;
  for (const csv::Row& row : metrics.rows) values[row.fields.at(0)] = row.fields.at(1);
  EXPECT_EQ(values["primary_requests_met"], "4");
  EXPECT_EQ(values["students_complete"], "4");
  EXPECT_EQ(values["seats_offered"], "94");
  EXPECT_EQ(values["best_possible_primary_met"], "0") << "no BOUND job has run";

  v1::ExportScheduleReportRequest request;
  request.set_parent(kTrial);
  request.set_report(v1::SECTION_BALANCE);
  v1::ExportScheduleReportResponse response;
  ASSERT_TRUE(env_.reports()
                  .ExportScheduleReport(SectioningEnv::Scheduler().get(), request, &response)
                  .ok());
  EXPECT_EQ(response.filename(), "east-2026_t1_section-balance.csv");
}

TEST_F(ScheduleReportsTest, Refusals) {
  v1::ListMasterScheduleRequest master;
  master.set_parent("calendars/east-2026");
  master.set_view(v1::BY_TEACHER);
  v1::ListMasterScheduleResponse rows;
  grpc::Status parent =
      env_.reports().ListMasterSchedule(SectioningEnv::Scheduler().get(), master, &rows);
  EXPECT_EQ(BadFields(parent), std::vector<std::string>{"parent"});

  master.set_parent(kTrial);
  master.set_view(v1::MASTER_SCHEDULE_VIEW_UNSPECIFIED);
  grpc::Status view =
      env_.reports().ListMasterSchedule(SectioningEnv::Scheduler().get(), master, &rows);
  EXPECT_EQ(BadFields(view), std::vector<std::string>{"view"});

  master.set_view(v1::BY_TEACHER);
  master.set_page_token("not-a-token!");
  grpc::Status token =
      env_.reports().ListMasterSchedule(SectioningEnv::Scheduler().get(), master, &rows);
  EXPECT_EQ(BadFields(token), std::vector<std::string>{"page_token"});
  master.clear_page_token();

  v1::ExportScheduleReportRequest export_request;
  export_request.set_parent(kTrial);
  v1::ExportScheduleReportResponse csv;
  grpc::Status report =
      env_.reports().ExportScheduleReport(SectioningEnv::Scheduler().get(), export_request, &csv);
  EXPECT_EQ(BadFields(report), std::vector<std::string>{"report"});

  export_request.set_report(v1::LOAD_METRICS);
  export_request.set_parent(std::string("calendars/") + SectioningEnv::kCalendar + "/trials/nope");
  EXPECT_EQ(env_.reports()
                .ExportScheduleReport(SectioningEnv::Scheduler().get(), export_request, &csv)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::GetLoadMetricsRequest unknown;
  unknown.set_parent(std::string("calendars/") + SectioningEnv::kCalendar + "/trials/nope");
  v1::LoadMetrics m;
  EXPECT_EQ(
      env_.reports().GetLoadMetrics(SectioningEnv::Scheduler().get(), unknown, &m).error_code(),
      grpc::StatusCode::NOT_FOUND);

  // Another school's counselor may not read; a reader may.
  env_.access().GrantSchedulingAccess("wes", SectioningEnv::kOtherSchool);
  EXPECT_EQ(
      env_.reports().ListMasterSchedule(SectioningEnv::As("wes").get(), master, &rows).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(
      env_.reports()
          .ListMasterSchedule(SectioningEnv::As("service:report", {"reader"}).get(), master, &rows)
          .ok());
  // Reports are reads: a calendar that is not APPROVED still reports.
  absl::StatusOr<catalog::CatalogCalendar> calendar =
      env_.catalog().Calendar(SectioningEnv::kCalendar);
  ASSERT_TRUE(calendar.ok());
  calendar->state = catalog::CatalogCalendarState::kDraft;
  env_.catalog().SetCalendar(*calendar);
  v1::GetLoadMetricsRequest metrics;
  metrics.set_parent(kTrial);
  EXPECT_TRUE(env_.reports().GetLoadMetrics(SectioningEnv::Scheduler().get(), metrics, &m).ok());
}

}  // namespace
}  // namespace secsched::sectioning::testing
