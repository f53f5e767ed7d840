// Schools and calendars through gRPC with real PostgreSQL: a school year's set-up (terms, an A/B
// period schedule, instructional days), invalid input changing nothing, and the roll-over.
#include <pqxx/pqxx>

#include "common/status/grpc_status.h"
#include "services/catalog/tests/calendar_test_helpers.h"

namespace secsched::catalog::testing {
namespace {

class CalendarSetup : public CatalogEnvTest {};

TEST_F(CalendarSetup, SchoolsAreADistrictDirectory) {
  v1::CreateSchoolRequest create;
  create.set_school_id("north-middle");
  create.mutable_school()->set_display_name("North Middle School");
  create.mutable_school()->set_low_grade(6);
  create.mutable_school()->set_high_grade(8);
  create.set_request_id("school-once");
  v1::School school, again;
  ASSERT_TRUE(env().catalog().CreateSchool(As(kDistrict, kScheduler).get(), create, &school).ok());
  EXPECT_EQ(school.name(), "schools/north-middle");
  ASSERT_TRUE(env().catalog().CreateSchool(As(kDistrict, kScheduler).get(), create, &again).ok());
  EXPECT_EQ(again.name(), school.name());  // the retry returns the first
  create.clear_request_id();
  EXPECT_EQ(
      env().catalog().CreateSchool(As(kDistrict, kScheduler).get(), create, &again).error_code(),
      grpc::StatusCode::ALREADY_EXISTS);
  create.set_school_id("bad-span");
  create.mutable_school()->set_low_grade(9);
  grpc::Status bad = env().catalog().CreateSchool(As(kDistrict, kScheduler).get(), create, &again);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldViolationsOf(FromGrpcStatus(bad)).at(0).field, "school.high_grade");

  v1::GetSchoolRequest get;
  get.set_name("schools/north-middle");
  v1::School read;
  ASSERT_TRUE(env().catalog().GetSchool(As("staff-any", {"reader"}).get(), get, &read).ok());
  EXPECT_EQ(read.high_grade(), 8);
  v1::ListSchoolsRequest list;
  list.set_page_size(1);
  v1::ListSchoolsResponse page;
  ASSERT_TRUE(env().catalog().ListSchools(As("staff-any", {"reader"}).get(), list, &page).ok());
  ASSERT_EQ(page.schools_size(), 1);
}

TEST_F(CalendarSetup, ASchoolYearWithSemestersAnABRotationAndHolidays) {
  const std::string id = "setup-2026";
  ASSERT_NO_FATAL_FAILURE(CreateCompleteCalendar(env(), id, "setup-high"));

  v1::ListTermsRequest list_terms;
  list_terms.set_parent(Name(id));
  v1::ListTermsResponse terms;
  ASSERT_TRUE(env().catalog().ListTerms(As("reader-1", {"reader"}).get(), list_terms, &terms).ok());
  EXPECT_EQ(terms.structure(), v1::SEMESTERS);
  ASSERT_EQ(terms.terms_size(), 2);
  EXPECT_EQ(terms.terms(0).name(), "calendars/setup-2026/terms/s1");
  EXPECT_EQ(terms.terms(0).display_name(), "Fall");
  EXPECT_EQ(terms.terms(1).display_name(), "Semester 2");
  EXPECT_EQ(terms.terms(1).end_date(), "2027-05-28");

  v1::GetPeriodScheduleRequest get_schedule;
  get_schedule.set_name(Name(id) + "/periodSchedule");
  v1::PeriodSchedule schedule;
  ASSERT_TRUE(env()
                  .catalog()
                  .GetPeriodSchedule(As("reader-1", {"reader"}).get(), get_schedule, &schedule)
                  .ok());
  ASSERT_EQ(schedule.day_types_size(), 2);
  ASSERT_EQ(schedule.periods_size(), 8);
  EXPECT_EQ(schedule.periods(4).day_type(), "b");
  EXPECT_EQ(schedule.periods(4).start_time(), "08:00");

  v1::ListInstructionalDaysRequest list_days;
  list_days.set_parent(Name(id));
  list_days.set_page_size(15);
  v1::InstructionalDays days;
  ASSERT_TRUE(env()
                  .catalog()
                  .ListInstructionalDays(As("reader-1", {"reader"}).get(), list_days, &days)
                  .ok());
  EXPECT_EQ(days.instructional_day_count(), 195);
  EXPECT_EQ(days.instructional_minutes(), 195 * 360);
  ASSERT_EQ(days.days_size(), 15);
  EXPECT_EQ(days.days(0).date(), "2026-08-24");
  EXPECT_EQ(days.days(0).day_type(), "a");
  EXPECT_EQ(days.days(1).day_type(), "b");
  EXPECT_EQ(days.days(10).date(), "2026-09-07");  // Labor Day
  EXPECT_FALSE(days.days(10).instructional());
  EXPECT_EQ(days.days(10).holiday(), "Labor Day");
  EXPECT_EQ(days.days(11).day_type(), "a");  // 10 days in: A, B, ... the holiday skipped
  ASSERT_FALSE(days.next_page_token().empty());
  int seen = days.days_size();
  while (!days.next_page_token().empty()) {
    list_days.set_page_token(days.next_page_token());
    list_days.set_page_size(1000);
    days.Clear();
    ASSERT_TRUE(env()
                    .catalog()
                    .ListInstructionalDays(As("reader-1", {"reader"}).get(), list_days, &days)
                    .ok());
    seen += days.days_size();
  }
  EXPECT_EQ(seen, 200);  // every weekday, holidays included
}

TEST_F(CalendarSetup, InvalidTermsAreRefusedWithFieldsAndChangeNothing) {
  const std::string id = "invalid-2026";
  ASSERT_NO_FATAL_FAILURE(CreateCompleteCalendar(env(), id, "invalid-high"));
  v1::ReplaceTermsRequest quarters;
  quarters.set_parent(Name(id));
  quarters.set_structure(v1::QUARTERS);
  for (auto [start, end] : std::vector<std::pair<const char*, const char*>>{
           {"2026-08-24", "2026-10-23"},
           {"2026-10-20", "2026-12-18"},  // overlaps q1
           {"2027-01-05", "2027-03-12"},
           {"2027-03-22", "2027-07-02"}}) {  // past June 30
    v1::Term* term = quarters.add_terms();
    term->set_start_date(start);
    term->set_end_date(end);
  }
  v1::ListTermsResponse replaced;
  grpc::Status status =
      env().catalog().ReplaceTerms(As(kDistrict, kScheduler).get(), quarters, &replaced);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status)))
    fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"terms[1].start_date", "terms[3].end_date"}));

  v1::ListTermsRequest list;
  list.set_parent(Name(id));
  v1::ListTermsResponse terms;
  ASSERT_TRUE(env().catalog().ListTerms(As(kDistrict, kScheduler).get(), list, &terms).ok());
  EXPECT_EQ(terms.structure(), v1::SEMESTERS);  // the semesters are still there
  EXPECT_EQ(terms.terms_size(), 2);

  quarters.mutable_terms(1)->set_start_date("2026-10-26");
  quarters.mutable_terms(3)->set_end_date("2027-05-28");
  ASSERT_TRUE(
      env().catalog().ReplaceTerms(As(kDistrict, kScheduler).get(), quarters, &replaced).ok());
  ASSERT_EQ(replaced.terms_size(), 4);
  EXPECT_EQ(replaced.terms(3).name(), "calendars/invalid-2026/terms/q4");
}

TEST_F(CalendarSetup, CalendarsAreListedByCreatedOnceAndRenamed) {
  v1::Calendar calendar;
  ASSERT_TRUE(env()
                  .catalog()
                  .CreateCalendar(As(kDistrict, kScheduler).get(),
                                  NewCalendar("list-2026", "list-high"), &calendar)
                  .ok());
  ASSERT_TRUE(env()
                  .catalog()
                  .CreateCalendar(As(kDistrict, kScheduler).get(),
                                  NewCalendar("list-2027", "list-high", "2027-2028"), &calendar)
                  .ok());
  EXPECT_EQ(env()
                .catalog()
                .CreateCalendar(As(kDistrict, kScheduler).get(),
                                NewCalendar("list-dup", "list-high"), &calendar)
                .error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  v1::ListCalendarsRequest list;
  list.set_school_id("list-high");
  list.set_page_size(1);
  v1::ListCalendarsResponse page;
  ASSERT_TRUE(env().catalog().ListCalendars(As("reader-1", {"reader"}).get(), list, &page).ok());
  ASSERT_EQ(page.calendars_size(), 1);
  EXPECT_EQ(page.calendars(0).name(), "calendars/list-2026");
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(env().catalog().ListCalendars(As("reader-1", {"reader"}).get(), list, &page).ok());
  ASSERT_EQ(page.calendars_size(), 1);
  EXPECT_EQ(page.calendars(0).name(), "calendars/list-2027");
  EXPECT_TRUE(page.next_page_token().empty());

  v1::UpdateCalendarRequest update;
  update.mutable_calendar()->set_name("calendars/list-2026");
  update.mutable_calendar()->set_display_name("List High, 2026-27");
  update.mutable_calendar()->set_school_id("ignored");
  update.mutable_update_mask()->add_paths("display_name");
  v1::Calendar updated;
  ASSERT_TRUE(
      env().catalog().UpdateCalendar(As(kDistrict, kScheduler).get(), update, &updated).ok());
  EXPECT_EQ(updated.display_name(), "List High, 2026-27");
  EXPECT_EQ(updated.school_id(), "list-high");
  update.mutable_update_mask()->add_paths("school_id");
  EXPECT_EQ(env()
                .catalog()
                .UpdateCalendar(As(kDistrict, kScheduler).get(), update, &updated)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(CalendarSetup, CreateCalendarValidatesEveryFieldGeneratesIdsAndIsRetrySafe) {
  v1::CreateCalendarRequest bad;
  bad.set_calendar_id("Bad Id");
  bad.mutable_calendar()->set_school_year("2026-2028");
  v1::Calendar created;
  grpc::Status status =
      env().catalog().CreateCalendar(As(kDistrict, kScheduler).get(), bad, &created);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status)))
    fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"calendar_id", "calendar.school_id",
                                              "calendar.school_year", "calendar.display_name"}));

  v1::CreateCalendarRequest request = NewCalendar("", "retry-high");
  request.set_request_id("retry-me");
  v1::Calendar first, second;
  ASSERT_TRUE(
      env().catalog().CreateCalendar(As(kDistrict, kScheduler).get(), request, &first).ok());
  EXPECT_EQ(first.name().rfind("calendars/cal-", 0), 0u) << first.name();
  EXPECT_EQ(first.state(), v1::Calendar::DRAFT);
  EXPECT_EQ(first.creator(), kDistrict);
  ASSERT_TRUE(
      env().catalog().CreateCalendar(As(kDistrict, kScheduler).get(), request, &second).ok());
  EXPECT_EQ(second.name(), first.name());

  v1::GetCalendarRequest get;
  get.set_name("calendar/x");
  EXPECT_EQ(
      env().catalog().GetCalendar(As(kDistrict, kScheduler).get(), get, &created).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  get.set_name("calendars/does-not-exist");
  EXPECT_EQ(
      env().catalog().GetCalendar(As(kDistrict, kScheduler).get(), get, &created).error_code(),
      grpc::StatusCode::NOT_FOUND);
}

int CountRows(pg::PgPool& pool, const std::string& table, const std::string& calendar_id) {
  auto connection = pool.Acquire();
  pqxx::work tx(**connection);
  return tx
      .exec_params("SELECT count(*) FROM catalog." + table + " WHERE calendar_id = $1",
                   calendar_id)[0][0]
      .as<int>();
}

void AddCourse(pg::PgPool& pool, const std::string& calendar_id, const std::string& number) {
  auto connection = pool.Acquire();
  pqxx::work tx(**connection);
  tx.exec_params(
      "INSERT INTO catalog.courses (calendar_id, id, number, display_name, department, credits, "
      "min_grade, max_grade, term_length, periods_per_meeting, sections_to_build, max_students, "
      "load_priority, room_type, required, active) VALUES ($1, lower($2), $2, $2, 'English', 1, "
      "9, 12, 'YEAR', 1, 0, 30, 5, 'regular', false, true)",
      calendar_id, number);
  tx.commit();
}

TEST_F(CalendarSetup, RollOverCopiesEverythingOnceAndIsIdempotent) {
  const std::string id = "roll-2026";
  ASSERT_NO_FATAL_FAILURE(CreateCompleteCalendar(env(), id, "roll-high"));
  AddCourse(env().pool(), id, "ENG9");
  AddCourse(env().pool(), id, "ALG1");

  v1::RollOverCalendarRequest roll;
  roll.set_name(Name(id));
  roll.set_calendar_id("roll-2027");
  v1::Calendar next, again;
  ASSERT_TRUE(env().catalog().RollOverCalendar(As(kDistrict, kScheduler).get(), roll, &next).ok());
  EXPECT_EQ(next.name(), "calendars/roll-2027");
  EXPECT_EQ(next.school_year(), "2027-2028");
  EXPECT_EQ(next.display_name(), "roll-high 2027-2028");
  EXPECT_EQ(next.state(), v1::Calendar::DRAFT);
  EXPECT_EQ(next.rolled_over_from(), Name(id));
  // Twice (even asking for another id): the same calendar, nothing copied again.
  roll.set_calendar_id("roll-2027-again");
  ASSERT_TRUE(env().catalog().RollOverCalendar(As(kDistrict, kScheduler).get(), roll, &again).ok());
  EXPECT_EQ(again.name(), next.name());
  for (const char* table : {"terms", "periods", "day_types", "holidays", "courses"}) {
    EXPECT_EQ(CountRows(env().pool(), table, "roll-2027"), CountRows(env().pool(), table, id))
        << table;
  }
  EXPECT_EQ(CountRows(env().pool(), "courses", "roll-2027"), 2);
  EXPECT_EQ(CountRows(env().pool(), "terms", "roll-2027-again"), 0);

  v1::ListTermsRequest list;
  list.set_parent("calendars/roll-2027");
  v1::ListTermsResponse terms;
  ASSERT_TRUE(env().catalog().ListTerms(As(kDistrict, kScheduler).get(), list, &terms).ok());
  ASSERT_EQ(terms.terms_size(), 2);
  EXPECT_EQ(terms.terms(0).start_date(), "2027-08-24");  // shifted a year (a Tuesday now)
  EXPECT_EQ(terms.terms(1).end_date(), "2028-05-28");
  v1::ListInstructionalDaysRequest days_request;
  days_request.set_parent("calendars/roll-2027");
  v1::InstructionalDays days;
  ASSERT_TRUE(env()
                  .catalog()
                  .ListInstructionalDays(As(kDistrict, kScheduler).get(), days_request, &days)
                  .ok());
  EXPECT_EQ(days.pattern().first_day(), "2027-08-24");
  EXPECT_EQ(days.pattern().holidays(0).date(), "2027-09-07");
  EXPECT_GT(days.instructional_day_count(), 190);
}

TEST_F(CalendarSetup, RollOverRefusesANextYearCalendarMadeSomeOtherWay) {
  v1::Calendar calendar;
  ASSERT_TRUE(env()
                  .catalog()
                  .CreateCalendar(As(kDistrict, kScheduler).get(),
                                  NewCalendar("other-2026", "other-high"), &calendar)
                  .ok());
  ASSERT_TRUE(env()
                  .catalog()
                  .CreateCalendar(As(kDistrict, kScheduler).get(),
                                  NewCalendar("other-2027", "other-high", "2027-2028"), &calendar)
                  .ok());
  v1::RollOverCalendarRequest roll;
  roll.set_name("calendars/other-2026");
  grpc::Status status =
      env().catalog().RollOverCalendar(As(kDistrict, kScheduler).get(), roll, &calendar);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(status.error_message().find("other-2027"), std::string::npos) << status.error_message();
}

}  // namespace
}  // namespace secsched::catalog::testing
