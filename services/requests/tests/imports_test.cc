// CSV imports and batch creation through gRPC with real PostgreSQL: a 1,200-student school with
// ~9,600 requests imported (and timed), all-or-nothing on a bad row, dry runs, batch plan + apply.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <pqxx/pqxx>

#include "common/csv/csv.h"
#include "common/pg/transaction.h"
#include "common/status/grpc_status.h"
#include "services/requests/tests/requests_test_helpers.h"

namespace secsched::requests::testing {
namespace {

class Imports : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    env_ = new RequestsEnv();
    for (const char* calendar : {"big-2026", "bad-2026", "batch-2026"}) {
      env_->schools().Set(calendar, RequestsEnv::kSchool);
      env_->catalog().SetCourses(calendar, SchoolCatalog());
    }
  }
  static void TearDownTestSuite() { delete env_; }

  static grpc::Status ImportStudents(const std::string& calendar, const std::string& text,
                                     bool dry_run, v1::ImportStudentsResponse* out) {
    v1::ImportStudentsRequest request;
    request.set_parent(CalendarName(calendar));
    request.set_csv(text);
    request.set_dry_run(dry_run);
    return env_->stub().ImportStudents(RequestsEnv::Scheduler().get(), request, out);
  }
  static grpc::Status ImportRequests(const std::string& calendar, const std::string& text,
                                     bool dry_run, v1::ImportRequestsResponse* out,
                                     bool replace = false) {
    v1::ImportRequestsRequest request;
    request.set_parent(CalendarName(calendar));
    request.set_csv(text);
    request.set_dry_run(dry_run);
    request.set_replace_existing(replace);
    return env_->stub().ImportRequests(RequestsEnv::Scheduler().get(), request, out);
  }
  static long Count(const std::string& table, const std::string& calendar) {
    absl::StatusOr<long> count =
        pg::WithTransaction(env_->pool(), [&](pqxx::work& tx) -> absl::StatusOr<long> {
          return tx
              .exec_params1("SELECT count(*) FROM " + table + " WHERE calendar_id = $1",
                            calendar)[0]
              .as<long>();
        });
    return count.ok() ? *count : -1;
  }
  static std::vector<std::string> ViolationFields(const grpc::Status& status) {
    std::vector<std::string> fields;
    for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status))) {
      fields.push_back(v.field);
    }
    return fields;
  }

  static RequestsEnv* env_;
};
RequestsEnv* Imports::env_ = nullptr;

TEST_F(Imports, A1200StudentSchoolWithItsRequests) {
  const School school = MakeSchool(1200);
  ASSERT_EQ(school.requests, 9600);

  v1::ImportStudentsResponse dry;
  ASSERT_TRUE(ImportStudents("big-2026", school.students_csv, true, &dry).ok());
  EXPECT_EQ(dry.created(), 1200);
  EXPECT_FALSE(dry.applied());
  EXPECT_EQ(Count("students", "big-2026"), 0);

  const auto start = std::chrono::steady_clock::now();
  v1::ImportStudentsResponse students;
  grpc::Status imported = ImportStudents("big-2026", school.students_csv, false, &students);
  ASSERT_TRUE(imported.ok()) << imported.error_message();
  const auto students_done = std::chrono::steady_clock::now();
  v1::ImportRequestsResponse requests;
  grpc::Status loaded = ImportRequests("big-2026", school.requests_csv, false, &requests);
  ASSERT_TRUE(loaded.ok()) << loaded.error_message();
  const auto requests_done = std::chrono::steady_clock::now();
  auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
  std::printf(
      "[ timing ] ImportStudents 1200 rows: %.0f ms; ImportRequests %d rows: %.0f ms; "
      "total %.0f ms\n",
      ms(students_done - start), school.requests, ms(requests_done - students_done),
      ms(requests_done - start));

  EXPECT_EQ(students.created(), 1200);
  EXPECT_TRUE(students.applied());
  EXPECT_EQ(requests.students(), 1200);
  EXPECT_EQ(requests.primaries(), 7200);
  EXPECT_EQ(requests.alternates(), 2400);
  EXPECT_EQ(Count("students", "big-2026"), 1200);
  EXPECT_EQ(Count("course_requests", "big-2026"), 9600);

  // One student as the API shows it: 6 primaries, a general alternate, a tied one.
  v1::ListCourseRequestsRequest list;
  list.set_parent(StudentName("100005", "big-2026"));
  v1::ListCourseRequestsResponse listed;
  ASSERT_TRUE(env_->stub().ListCourseRequests(RequestsEnv::Scheduler().get(), list, &listed).ok());
  ASSERT_EQ(listed.course_requests_size(), 8);
  int primaries = 0, tied = 0;
  for (const v1::CourseRequest& r : listed.course_requests()) {
    EXPECT_EQ(r.source(), v1::IMPORT);
    if (r.kind() == v1::PRIMARY) ++primaries;
    if (!r.alternate_for().empty()) ++tied;
  }
  EXPECT_EQ(primaries, 6);
  EXPECT_EQ(tied, 1);

  // The same students again change nothing; the same requests again are duplicates, each
  // reported on its line. (Only the first 24 rows here: thousands of violations would be cut
  // to what fits in the client's metadata limit.)
  v1::ImportStudentsResponse again;
  ASSERT_TRUE(ImportStudents("big-2026", school.students_csv, false, &again).ok());
  EXPECT_EQ(again.unchanged(), 1200);
  v1::ImportRequestsResponse twice;
  std::string first_rows;
  for (size_t at = 0, lines = 0; lines < 25; ++lines) {
    size_t end = school.requests_csv.find('\n', at) + 1;
    first_rows += school.requests_csv.substr(at, end - at);
    at = end;
  }
  grpc::Status duplicates = ImportRequests("big-2026", first_rows, true, &twice);
  EXPECT_EQ(duplicates.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(duplicates).size(), 24u);
  // ... unless they replace what is there.
  ASSERT_TRUE(ImportRequests("big-2026", school.requests_csv, false, &twice, true).ok());
  EXPECT_EQ(twice.replaced(), 9600);
  EXPECT_EQ(Count("course_requests", "big-2026"), 9600);
}

TEST_F(Imports, ABadRowLeavesNothingWritten) {
  const School school = MakeSchool(60);
  std::string bad_students = school.students_csv + "200000,Late Entry,13,\r\n";
  v1::ImportStudentsResponse students;
  grpc::Status refused = ImportStudents("bad-2026", bad_students, false, &students);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(refused), (std::vector<std::string>{"rows[62].grade"}));
  EXPECT_EQ(Count("students", "bad-2026"), 0);

  ASSERT_TRUE(ImportStudents("bad-2026", school.students_csv, false, &students).ok());
  std::string bad_requests = school.requests_csv + "100001,QUANTUM,PRIMARY,,,,\r\n";
  v1::ImportRequestsResponse requests;
  refused = ImportRequests("bad-2026", bad_requests, false, &requests);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(refused), (std::vector<std::string>{"rows[482].course_number"}));
  EXPECT_EQ(Count("course_requests", "bad-2026"), 0);

  // A dry run of the good file writes nothing either.
  ASSERT_TRUE(ImportRequests("bad-2026", school.requests_csv, true, &requests).ok());
  EXPECT_EQ(requests.primaries(), 360);
  EXPECT_EQ(Count("course_requests", "bad-2026"), 0);
}

TEST_F(Imports, BatchDryRunThenApply) {
  ASSERT_TRUE(AddTeam(*env_, "academy", "batch-2026").ok());
  for (int i = 0; i < 12; ++i) {
    ASSERT_TRUE(
        AddStudent(*env_, std::to_string(700 + i), 9 + i % 2, i < 4 ? "academy" : "", "batch-2026")
            .ok());
  }
  v1::BatchCreateRequestsRequest batch;
  batch.set_parent(CalendarName("batch-2026"));
  batch.mutable_filter()->add_grades(9);
  v1::BatchCourse* eng = batch.add_courses();
  eng->set_course(CourseName("eng-9", "batch-2026"));
  eng->set_required(true);
  batch.add_courses()->set_course(CourseName("art", "batch-2026"));
  batch.set_dry_run(true);
  v1::BatchCreateRequestsResponse plan;
  ASSERT_TRUE(env_->stub().BatchCreateRequests(RequestsEnv::Scheduler().get(), batch, &plan).ok());
  EXPECT_EQ(plan.students_matched(), 6);
  EXPECT_EQ(plan.requests_added(), 12);
  EXPECT_FALSE(plan.applied());
  EXPECT_EQ(Count("course_requests", "batch-2026"), 0);

  batch.set_dry_run(false);
  v1::BatchCreateRequestsResponse applied;
  ASSERT_TRUE(
      env_->stub().BatchCreateRequests(RequestsEnv::Scheduler().get(), batch, &applied).ok());
  EXPECT_TRUE(applied.applied());
  EXPECT_EQ(applied.requests_added(), 12);
  EXPECT_EQ(Count("course_requests", "batch-2026"), 12);
  EXPECT_EQ(RequestsOf(*env_, "700", "batch-2026").size(), 2u);

  // Again: everything is already requested; the team filter and lacks_course narrow it.
  batch.clear_courses();
  batch.add_courses()->set_course(CourseName("band", "batch-2026"));
  batch.mutable_filter()->clear_grades();
  batch.mutable_filter()->set_team("academy");
  batch.mutable_filter()->set_lacks_course(CourseName("art", "batch-2026"));
  v1::BatchCreateRequestsResponse narrowed;
  ASSERT_TRUE(
      env_->stub().BatchCreateRequests(RequestsEnv::Scheduler().get(), batch, &narrowed).ok());
  // academy = 700..703; 700 and 702 (grade 9) have ART now.
  ASSERT_EQ(narrowed.students_matched(), 2);
  EXPECT_EQ(narrowed.plans(0).student(), StudentName("701", "batch-2026"));

  batch.clear_courses();
  batch.add_courses()->set_course(CourseName("latin-3", "batch-2026"));
  grpc::Status unknown =
      env_->stub().BatchCreateRequests(RequestsEnv::Scheduler().get(), batch, &narrowed);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(unknown.error_message().find("latin-3"), std::string::npos);
}

}  // namespace
}  // namespace secsched::requests::testing
