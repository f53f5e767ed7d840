// Student commands against a fake RequestsService on a loopback server: the constraint commands
// (what each sends, the table list prints, bad flag combinations refused before anything is sent)
// and `students import` of the suite's CSV and of a SIS's OneRoster users.csv.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <mutex>

#include "common/grpc/testing/in_process_server.h"
#include "secsched/requests/v1/requests.grpc.pb.h"
#include "tools/schedctl/command_line_for_test.h"

namespace secsched::schedctl {
namespace {

namespace requests = secsched::requests::v1;
using ::testing::HasSubstr;

constexpr char kStudent[] = "calendars/c/students/s1";

class FakeRequests final : public requests::RequestsService::Service {
 public:
  grpc::Status CreateStudentConstraint(grpc::ServerContext*,
                                       const requests::CreateStudentConstraintRequest* request,
                                       requests::StudentConstraint* response) override {
    std::lock_guard lock(mutex_);
    ++calls;
    created = *request;
    *response = request->student_constraint();
    response->set_name(request->parent() + "/constraints/k1");
    return grpc::Status::OK;
  }
  grpc::Status ListStudentConstraints(grpc::ServerContext*,
                                      const requests::ListStudentConstraintsRequest* request,
                                      requests::ListStudentConstraintsResponse* response) override {
    std::lock_guard lock(mutex_);
    ++calls;
    // Two pages: the command must follow the token.
    requests::StudentConstraint& c = *response->add_student_constraints();
    if (request->page_token().empty()) {
      c.set_name(request->parent() + "/constraints/k1");
      c.set_kind(requests::StudentConstraint::AVOID_TEACHER);
      c.set_teacher("calendars/c/teachers/t-eng-01");
      response->set_next_page_token("page-2");
    } else {
      c.set_name(request->parent() + "/constraints/k2");
      c.set_kind(requests::StudentConstraint::KEEP_PERIOD_FREE);
      c.set_period(7);
      c.set_term("s2");
    }
    return grpc::Status::OK;
  }
  grpc::Status ImportStudents(grpc::ServerContext*, const requests::ImportStudentsRequest* request,
                              requests::ImportStudentsResponse* response) override {
    std::lock_guard lock(mutex_);
    ++calls;
    imported = *request;
    response->set_created(2);
    response->set_skipped(1);
    return grpc::Status::OK;
  }
  grpc::Status DeleteStudentConstraint(grpc::ServerContext*,
                                       const requests::DeleteStudentConstraintRequest* request,
                                       google::protobuf::Empty*) override {
    std::lock_guard lock(mutex_);
    ++calls;
    deleted = request->name();
    return grpc::Status::OK;
  }

  std::mutex mutex_;
  int calls = 0;
  requests::CreateStudentConstraintRequest created;
  requests::ImportStudentsRequest imported;
  std::string deleted;
};

class StudentCommandsTest : public ::testing::Test {
 protected:
  Outcome Run(std::vector<std::string> args) {
    return RunCommandLine(
        args, {{"SECSCHED_TOKEN", "test-token"}, {"SECSCHED_REQUESTS_ADDR", server_.address()}});
  }

  FakeRequests fake_;
  InProcessServer server_{{{&fake_, "secsched.requests.v1.RequestsService"}}};
};

TEST_F(StudentCommandsTest, AvoidTeacherNamesTheTeacherInTheStudentsCalendar) {
  Outcome outcome = Run({"constraints", "create", "--student", kStudent, "--avoid-teacher",
                         "t-eng-01", "--note", "family request"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(fake_.created.parent(), kStudent);
  EXPECT_EQ(fake_.created.student_constraint().kind(), requests::StudentConstraint::AVOID_TEACHER);
  EXPECT_EQ(fake_.created.student_constraint().teacher(), "calendars/c/teachers/t-eng-01");
  EXPECT_EQ(fake_.created.student_constraint().note(), "family request");
}

TEST_F(StudentCommandsTest, KeepPeriodFreeSendsThePeriodAndTheTerm) {
  Outcome outcome = Run(
      {"constraints", "create", "--student", kStudent, "--keep-period-free", "7", "--term", "s2"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(fake_.created.student_constraint().kind(),
            requests::StudentConstraint::KEEP_PERIOD_FREE);
  EXPECT_EQ(fake_.created.student_constraint().period(), 7);
  EXPECT_EQ(fake_.created.student_constraint().term(), "s2");
}

TEST_F(StudentCommandsTest, BothKindsOrNeitherOrABadPeriodAreUsageErrorsAndSendNothing) {
  Outcome both = Run({"constraints", "create", "--student", kStudent, "--avoid-teacher", "t",
                      "--keep-period-free", "2"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_THAT(both.err, HasSubstr("exactly one of --avoid-teacher"));
  EXPECT_EQ(Run({"constraints", "create", "--student", kStudent}).exit_code, 2);
  Outcome period =
      Run({"constraints", "create", "--student", kStudent, "--keep-period-free", "third"});
  EXPECT_EQ(period.exit_code, 2);
  Outcome student = Run({"constraints", "create", "--student", "s1", "--keep-period-free", "2"});
  EXPECT_EQ(student.exit_code, 2);
  EXPECT_THAT(student.err, HasSubstr("calendars/CAL/students/STUDENT"));
  EXPECT_EQ(fake_.calls, 0);
}

TEST_F(StudentCommandsTest, ListFollowsEveryPageAndPrintsARowEach) {
  Outcome outcome = Run({"constraints", "list", kStudent});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(fake_.calls, 2);
  EXPECT_THAT(outcome.out, HasSubstr("AVOID_TEACHER"));
  EXPECT_THAT(outcome.out, HasSubstr("t-eng-01"));
  EXPECT_THAT(outcome.out, HasSubstr("KEEP_PERIOD_FREE"));
  EXPECT_THAT(outcome.out, HasSubstr("s2"));
}

TEST_F(StudentCommandsTest, DeleteSendsTheName) {
  ASSERT_EQ(Run({"constraints", "delete", std::string(kStudent) + "/constraints/k1"}).exit_code, 0);
  EXPECT_EQ(fake_.deleted, std::string(kStudent) + "/constraints/k1");
}

// A file in the test's temporary folder holding `text`; its path.
std::string WriteFile(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST_F(StudentCommandsTest, StudentsImportSendsAOneRosterUsersFileWithItsDemographics) {
  const std::string users = WriteFile("users.csv", "sourcedId,role,givenName,familyName\n");
  const std::string demographics = WriteFile("demographics.csv", "sourcedId,sex\n");
  Outcome outcome = Run({"students", "import", "--calendar", "c", "--format", "oneroster", "--file",
                         users, "--demographics", demographics});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(fake_.imported.format(), requests::ImportStudentsRequest::ONEROSTER_USERS);
  EXPECT_EQ(fake_.imported.csv(), "sourcedId,role,givenName,familyName\n");
  EXPECT_EQ(fake_.imported.demographics_csv(), "sourcedId,sex\n");
  EXPECT_THAT(outcome.out, HasSubstr("skipped"));

  ASSERT_EQ(Run({"students", "import", "--calendar", "c", "--file", users}).exit_code, 0);
  EXPECT_EQ(fake_.imported.format(), requests::ImportStudentsRequest::FORMAT_UNSPECIFIED);
}

TEST_F(StudentCommandsTest, StudentsImportRefusesAnUnknownFormatOrStrayDemographics) {
  const std::string users = WriteFile("users2.csv", "x\n");
  Outcome format =
      Run({"students", "import", "--calendar", "c", "--format", "sif", "--file", users});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_THAT(format.err, HasSubstr("--format must be students or oneroster"));
  Outcome stray =
      Run({"students", "import", "--calendar", "c", "--file", users, "--demographics", users});
  EXPECT_EQ(stray.exit_code, 2);
  EXPECT_THAT(stray.err, HasSubstr("--demographics goes with --format oneroster"));
  EXPECT_EQ(fake_.calls, 0);
}

}  // namespace
}  // namespace secsched::schedctl
