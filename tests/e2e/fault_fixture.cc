#include "tests/e2e/fault_fixture.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <pqxx/pqxx>
#include <random>

#include "common/grpc/client.h"
#include "common/testing/servers.h"
#include "secsched/catalog/v1/catalog.grpc.pb.h"
#include "secsched/catalog/v1/courses.grpc.pb.h"
#include "secsched/catalog/v1/resources.grpc.pb.h"
#include "secsched/requests/v1/requests.grpc.pb.h"
#include "tests/e2e/calendar_setup.h"

namespace secsched::e2e {
namespace {

using namespace std::string_literals;

namespace catalog = secsched::catalog::v1;
namespace requests = secsched::requests::v1;

constexpr const char* kCourses[] = {"ENG9", "ALG1", "BIO", "HIST", "ART", "PE"};

constexpr char kCoursesCsv[] =
    "number,display_name,department,term_length,max_students,room_type\n"
    "ENG9,English 9,English,YEAR,30,regular\n"
    "ALG1,Algebra 1,Math,YEAR,30,regular\n"
    "BIO,Biology,Science,YEAR,28,lab\n"
    "HIST,World History,Social Studies,YEAR,30,regular\n"
    "ART,Art,Arts,SEMESTER,25,art\n"
    "PE,Physical Education,PE,SEMESTER,35,gym\n";

constexpr char kTeachersCsv[] =
    "staff_id,name,departments,max_sections\n"
    "t-e1,E One,English,6\nt-e2,E Two,English;Social Studies,6\n"
    "t-m1,M One,Math,6\nt-m2,M Two,Math,6\n"
    "t-s1,S One,Science,6\nt-s2,S Two,Science,6\n"
    "t-h1,H One,Social Studies,6\nt-h2,H Two,Social Studies,6\n"
    "t-a1,A One,Arts,6\nt-a2,A Two,Arts;PE,6\nt-p1,P One,PE,6\nt-p2,P Two,PE,6\n";

std::string RoomsCsv() {
  std::string csv = "number,capacity,type\n";
  for (int i = 101; i <= 108; ++i) csv += std::to_string(i) + ",32,regular\n";
  return csv + "L1,28,lab\nL2,28,lab\nA1,25,art\nA2,25,art\nGYM,70,gym\n";
}

// Rows of `sql` (parameters $1 calendar, $2 trial) as "a|b|c" lines, in the query's order.
std::string Rows(pqxx::nontransaction& tx, const std::string& sql, const std::string& calendar,
                 const std::string& trial) {
  std::string out;
  for (const pqxx::row& row : tx.exec_params(sql, calendar, trial)) {
    for (const pqxx::field& field : row) out += (field.is_null() ? "∅" : field.c_str()) + "|"s;
    out += "\n";
  }
  return out;
}

}  // namespace

std::unique_ptr<grpc::ClientContext> SchedulerContext(const Suite& suite,
                                                      std::chrono::milliseconds deadline) {
  auto context = std::make_unique<grpc::ClientContext>();
  PrepareClientContext(*context, suite.Token("service:e2e", {"scheduler"}), "", deadline);
  return context;
}

void ImportSmallSchool(const Suite& suite, const std::string& calendar_id, int students) {
  auto context = [&] { return SchedulerContext(suite); };
  const std::string calendar = "calendars/" + calendar_id;
  auto calendars = catalog::CatalogService::NewStub(suite.Channel("catalog"));
  catalog::CreateCalendarRequest create;
  create.set_calendar_id(calendar_id);
  create.mutable_calendar()->set_school_id("school-" + calendar_id);
  create.mutable_calendar()->set_school_year("2026-2027");
  create.mutable_calendar()->set_display_name("Fault school " + calendar_id);
  catalog::Calendar created;
  grpc::Status status = calendars->CreateCalendar(context().get(), create, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ApproveCalendar(*calendars, calendar, context);

  auto courses = catalog::CourseService::NewStub(suite.Channel("catalog"));
  catalog::ImportCoursesRequest import_courses;
  import_courses.set_parent(calendar);
  import_courses.set_csv_data(kCoursesCsv);
  catalog::ImportCoursesResponse courses_imported;
  status = courses->ImportCourses(context().get(), import_courses, &courses_imported);
  ASSERT_TRUE(status.ok()) << status.error_message();
  auto resources = catalog::ResourceService::NewStub(suite.Channel("catalog"));
  catalog::ImportTeachersRequest teachers;
  teachers.set_parent(calendar);
  teachers.set_csv_data(kTeachersCsv);
  catalog::ImportResourcesResponse imported;
  status = resources->ImportTeachers(context().get(), teachers, &imported);
  ASSERT_TRUE(status.ok()) << status.error_message();
  catalog::ImportRoomsRequest rooms;
  rooms.set_parent(calendar);
  rooms.set_csv_data(RoomsCsv());
  status = resources->ImportRooms(context().get(), rooms, &imported);
  ASSERT_TRUE(status.ok()) << status.error_message();

  auto stub = requests::RequestsService::NewStub(suite.Channel("requests"));
  std::string students_csv = "student_number,name,grade\n";
  std::string requests_csv = "student_number,course_number\n";
  for (int i = 0; i < students; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "n%04d", i);
    students_csv += std::string(id) + ",Student " + id + "," + std::to_string(9 + i % 4) + "\n";
    for (const char* course : kCourses) requests_csv += std::string(id) + "," + course + "\n";
  }
  requests::ImportStudentsRequest import_students;
  import_students.set_parent(calendar);
  import_students.set_csv(students_csv);
  requests::ImportStudentsResponse students_imported;
  status = stub->ImportStudents(context().get(), import_students, &students_imported);
  ASSERT_TRUE(status.ok()) << status.error_message();
  requests::ImportRequestsRequest import_requests;
  import_requests.set_parent(calendar);
  import_requests.set_csv(requests_csv);
  requests::ImportRequestsResponse requests_imported;
  status = stub->ImportRequests(context().get(), import_requests, &requests_imported);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

void CreateTrial(const Suite& suite, const std::string& calendar_id, const std::string& trial_id) {
  auto trials = sectioning_api::SectioningService::NewStub(suite.Channel("sectioning"));
  sectioning_api::CreateTrialRequest trial;
  trial.set_parent("calendars/" + calendar_id);
  trial.set_trial_id(trial_id);
  trial.mutable_trial()->set_display_name("Trial " + trial_id);
  sectioning_api::Trial made;
  grpc::Status status = trials->CreateTrial(SchedulerContext(suite).get(), trial, &made);
  ASSERT_TRUE(status.ok()) << trial_id << ": " << status.error_message();
}

std::optional<std::string> SubmitJob(const Suite& suite, const std::string& trial,
                                     sectioning_api::Job::Type type, const std::string& request_id,
                                     std::chrono::milliseconds deadline) {
  auto stub = sectioning_api::SectioningService::NewStub(suite.Channel("sectioning"));
  sectioning_api::StartJobRequest start;
  start.set_parent(trial);
  start.set_type(type);
  start.set_request_id(request_id);
  std::optional<std::string> name;
  grpc::Status last;
  secsched::testing::WaitFor(
      [&] {
        sectioning_api::Job job;
        last = stub->StartJob(SchedulerContext(suite, std::chrono::seconds(5)).get(), start, &job);
        if (last.ok()) name = job.name();
        return last.error_code() != grpc::StatusCode::UNAVAILABLE &&
               last.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED;
      },
      deadline);
  if (!last.ok()) {
    ADD_FAILURE() << "StartJob " << request_id << ": " << last.error_code() << " "
                  << last.error_message();
  }
  return name;
}

std::optional<JobRow> ReadJob(const std::string& database_url, const std::string& job_name) {
  const std::string id = job_name.substr(job_name.rfind('/') + 1);
  pqxx::connection connection(database_url);
  pqxx::nontransaction tx(connection);
  pqxx::result rows = tx.exec_params(
      "SELECT id, type, state, attempt, deliveries, progress_percent, result, error, payload "
      "FROM sectioning.jobs WHERE id = $1",
      id);
  if (rows.empty()) return std::nullopt;
  const pqxx::row& r = rows[0];
  return JobRow{.id = r[0].as<std::string>(),
                .type = r[8].as<std::string>(),
                .state = r[2].as<std::string>(),
                .attempt = r[3].as<int>(),
                .deliveries = r[4].as<int>(),
                .progress = r[5].as<double>(),
                .result = r[6].as<std::string>(),
                .error = r[7].as<std::string>()};
}

TrialCounts CountTrial(const std::string& database_url, const std::string& calendar_id,
                       const std::string& trial_id) {
  pqxx::connection connection(database_url);
  pqxx::nontransaction tx(connection);
  auto one = [&](const std::string& sql) {
    return tx.exec_params1(sql, calendar_id, trial_id)[0].as<std::int64_t>();
  };
  constexpr char kTrial[] = " WHERE calendar_id = $1 AND trial_id = $2";
  TrialCounts counts;
  counts.sections = one("SELECT count(*) FROM sectioning.sections"s + kTrial);
  counts.enrollments = one("SELECT count(*) FROM sectioning.enrollments"s + kTrial);
  counts.enrolled_kept =
      one("SELECT coalesce(sum(enrolled), 0) FROM sectioning.sections"s + kTrial);
  counts.sections_miscounted =
      one("SELECT count(*) FROM sectioning.sections s"s + kTrial +
          " AND s.enrolled <> (SELECT count(*) FROM sectioning.enrollments e WHERE e.calendar_id = "
          "s.calendar_id AND e.trial_id = s.trial_id AND e.section_id = s.section_id)");
  counts.duplicate_enrollments =
      one("SELECT count(*) FROM (SELECT 1 FROM sectioning.enrollments"s + kTrial +
          " GROUP BY student_id, section_id HAVING count(*) > 1) d");
  counts.students_twice_in_course =
      one("SELECT count(*) FROM (SELECT 1 FROM sectioning.enrollments"s + kTrial +
          " GROUP BY student_id, course_id HAVING count(*) > 1) d");
  return counts;
}

std::string TrialContent(const std::string& database_url, const std::string& calendar_id,
                         const std::string& trial_id) {
  pqxx::connection connection(database_url);
  pqxx::nontransaction tx(connection);
  constexpr char kTrial[] = " WHERE calendar_id = $1 AND trial_id = $2 ORDER BY ";
  return "sections:\n" +
         Rows(tx,
              "SELECT section_id, course_id, section_number, capacity, room_id, team_id, locked, "
              "source, enrolled FROM sectioning.sections"s +
                  kTrial + "section_id",
              calendar_id, trial_id) +
         "teachers:\n" +
         Rows(tx,
              "SELECT section_id, teacher_id, role FROM sectioning.section_teachers"s + kTrial +
                  "1, 2",
              calendar_id, trial_id) +
         "meetings:\n" +
         Rows(tx,
              "SELECT section_id, term_id, period, day_type FROM sectioning.section_meetings"s +
                  kTrial + "1, 2, 3, 4",
              calendar_id, trial_id) +
         "enrollments:\n" +
         Rows(tx,
              "SELECT student_id, section_id, course_id, source, locked, request_rank, overload "
              "FROM sectioning.enrollments"s +
                  kTrial + "1, 2",
              calendar_id, trial_id) +
         "unmet:\n" +
         Rows(tx,
              "SELECT student_id, course_id, required, reason FROM sectioning.unmet_requests"s +
                  kTrial + "1, 2",
              calendar_id, trial_id);
}

std::uint64_t FaultSeed() {
  if (const char* seed = std::getenv("SECSCHED_FAULT_SEED"); seed != nullptr && *seed != '\0') {
    return std::strtoull(seed, nullptr, 10);
  }
  return std::random_device{}();
}

int EnvInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  const int parsed = value == nullptr ? 0 : std::atoi(value);
  return parsed > 0 ? parsed : fallback;
}

}  // namespace secsched::e2e
