// OneRoster 1.1 users.csv (+ demographics.csv) through ImportStudents with real PostgreSQL: a
// SIS's file seeds the students, a bad row leaves nothing written, the request is validated at
// the edge, and a re-import changes nothing.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "common/pg/transaction.h"
#include "common/status/grpc_status.h"
#include "services/requests/tests/requests_test_helpers.h"

namespace secsched::requests::testing {
namespace {

constexpr char kUsers[] =
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
    "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,"
    "password\r\n"
    "student.sis.7001,active,2026-08-01T00:00:00.000Z,true,org.sis,student,7001,,Ada,Lovelace,,"
    "7001,,,,,09,\r\n"
    "student.sis.7002,active,2026-08-01T00:00:00.000Z,true,org.sis,student,7002,,Bo,Chen,,7002,"
    ",,,,10,\r\n"
    "teacher.sis.t1,active,2026-08-01T00:00:00.000Z,true,org.sis,teacher,t1,,Cy,Day,,t1,,,,,,"
    "\r\n";
constexpr char kDemographics[] =
    "sourcedId,status,dateLastModified,birthDate,sex\r\n"
    "student.sis.7001,active,2026-08-01T00:00:00.000Z,2012-05-01,female\r\n";

class OneRosterImport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    env_ = new RequestsEnv();
    for (const char* calendar : {"sis-2026", "sis-bad-2026"}) {
      env_->schools().Set(calendar, RequestsEnv::kSchool);
      env_->catalog().SetCourses(calendar, SchoolCatalog());
    }
  }
  static void TearDownTestSuite() { delete env_; }

  static grpc::Status Import(
      const std::string& calendar, const std::string& users, const std::string& demographics,
      bool dry_run, v1::ImportStudentsResponse* out,
      v1::ImportStudentsRequest::Format format = v1::ImportStudentsRequest::ONEROSTER_USERS) {
    v1::ImportStudentsRequest request;
    request.set_parent(CalendarName(calendar));
    request.set_csv(users);
    request.set_demographics_csv(demographics);
    request.set_format(format);
    request.set_dry_run(dry_run);
    return env_->stub().ImportStudents(RequestsEnv::Scheduler().get(), request, out);
  }
  static long Students(const std::string& calendar) {
    absl::StatusOr<long> count =
        pg::WithTransaction(env_->pool(), [&](pqxx::work& tx) -> absl::StatusOr<long> {
          return tx
              .exec_params1("SELECT count(*) FROM students WHERE calendar_id = $1", calendar)[0]
              .as<long>();
        });
    return count.ok() ? *count : -1;
  }

  static RequestsEnv* env_;
};
RequestsEnv* OneRosterImport::env_ = nullptr;

TEST_F(OneRosterImport, ASisUsersFileSeedsTheStudents) {
  v1::ImportStudentsResponse dry;
  ASSERT_TRUE(Import("sis-2026", kUsers, kDemographics, true, &dry).ok());
  EXPECT_EQ(dry.created(), 2);
  EXPECT_EQ(dry.skipped(), 1) << "the teacher";
  EXPECT_FALSE(dry.applied());
  EXPECT_EQ(Students("sis-2026"), 0);

  v1::ImportStudentsResponse imported;
  grpc::Status status = Import("sis-2026", kUsers, kDemographics, false, &imported);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(imported.created(), 2);
  EXPECT_TRUE(imported.applied());

  v1::GetStudentRequest get;
  get.set_name(CalendarName("sis-2026") + "/students/7001");
  v1::Student ada;
  ASSERT_TRUE(env_->stub().GetStudent(RequestsEnv::Scheduler().get(), get, &ada).ok());
  EXPECT_EQ(ada.display_name(), "Ada Lovelace");
  EXPECT_EQ(ada.grade(), 9);
  EXPECT_EQ(ada.gender(), "F");

  // The same file again: nothing to change (a nightly SIS feed is safe to re-run).
  v1::ImportStudentsResponse again;
  ASSERT_TRUE(Import("sis-2026", kUsers, kDemographics, false, &again).ok());
  EXPECT_EQ(again.unchanged(), 2);
  EXPECT_EQ(again.created() + again.updated(), 0);
}

TEST_F(OneRosterImport, ABadRowLeavesNothingWrittenAndNamesItsLineAndColumn) {
  const std::string bad = std::string(kUsers) +
                          "student.sis.7003,active,,true,org.sis,student,7003,,Di,Ng,,7003,,,,,"
                          "KG,\r\n";
  v1::ImportStudentsResponse out;
  grpc::Status refused = Import("sis-bad-2026", bad, "", false, &out);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(refused))) {
    fields.push_back(v.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"rows[5].grades"}));
  EXPECT_NE(refused.error_message().find("users.csv"), std::string::npos)
      << refused.error_message();
  EXPECT_EQ(Students("sis-bad-2026"), 0);
}

TEST_F(OneRosterImport, TheFormatAndTheDemographicsAreCheckedAtTheEdge) {
  v1::ImportStudentsResponse out;
  grpc::Status unknown = Import("sis-bad-2026", kUsers, "", false, &out,
                                static_cast<v1::ImportStudentsRequest::Format>(9));
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(unknown))) {
    fields.push_back(v.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"format"})) << unknown.error_message();
  grpc::Status stray = Import("sis-bad-2026", "student_number,name,grade\r\n1,A,9\r\n",
                              kDemographics, false, &out, v1::ImportStudentsRequest::STUDENTS_CSV);
  EXPECT_EQ(stray.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // A students.csv sent as OneRoster is refused by its header, as a whole.
  grpc::Status wrong =
      Import("sis-bad-2026", "student_number,name,grade\r\n1,A,9\r\n", "", false, &out);
  EXPECT_EQ(wrong.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Students("sis-bad-2026"), 0);
}

}  // namespace
}  // namespace secsched::requests::testing
