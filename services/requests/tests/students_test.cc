// Students, teams and student constraints through gRPC with real PostgreSQL.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "common/status/grpc_status.h"
#include "common/status/status.h"
#include "common/testing/together.h"
#include "services/requests/tests/requests_test_helpers.h"

namespace secsched::requests::testing {
namespace {

class Students : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    env_ = new RequestsEnv();
    UseSmallCatalog(*env_);
  }
  static void TearDownTestSuite() { delete env_; }
  static RequestsEnv* env_;
};
RequestsEnv* Students::env_ = nullptr;

TEST_F(Students, CreateGetUpdateDelete) {
  ASSERT_TRUE(AddTeam(*env_, "robotics").ok());
  v1::CreateStudentRequest create;
  create.set_parent(CalendarName());
  create.mutable_student()->set_student_number("2001");
  create.mutable_student()->set_display_name("Ana");
  create.mutable_student()->set_grade(10);
  create.mutable_student()->set_gender("F");
  create.mutable_student()->set_team("robotics");
  v1::Student created;
  ASSERT_TRUE(env_->stub().CreateStudent(RequestsEnv::Scheduler().get(), create, &created).ok());
  EXPECT_EQ(created.name(), StudentName("2001"));
  EXPECT_TRUE(created.active());
  EXPECT_EQ(created.gender(), "F");

  v1::UpdateStudentRequest update;
  update.mutable_student()->set_name(StudentName("2001"));
  update.mutable_student()->set_grade(11);
  update.mutable_student()->set_display_name("ignored: not in the mask");
  update.mutable_update_mask()->add_paths("grade");
  update.mutable_update_mask()->add_paths("active");  // false
  v1::Student updated;
  ASSERT_TRUE(env_->stub().UpdateStudent(RequestsEnv::Scheduler().get(), update, &updated).ok());
  EXPECT_EQ(updated.grade(), 11);
  EXPECT_FALSE(updated.active());
  EXPECT_EQ(updated.display_name(), "Ana");
  EXPECT_EQ(updated.team(), "robotics");

  update.mutable_update_mask()->add_paths("student_number");
  EXPECT_EQ(
      env_->stub().UpdateStudent(RequestsEnv::Scheduler().get(), update, &updated).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);

  v1::DeleteStudentRequest del;
  del.set_name(StudentName("2001"));
  google::protobuf::Empty empty;
  ASSERT_TRUE(env_->stub().DeleteStudent(RequestsEnv::Scheduler().get(), del, &empty).ok());
  v1::GetStudentRequest get;
  get.set_name(StudentName("2001"));
  v1::Student read;
  EXPECT_EQ(env_->stub().GetStudent(RequestsEnv::Scheduler().get(), get, &read).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(env_->stub().DeleteStudent(RequestsEnv::Scheduler().get(), del, &empty).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(Students, AStudentsTeamMustExistAndATeamWithStudentsStays) {
  EXPECT_EQ(AddStudent(*env_, "2101", 9, "no-such-team").error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(AddTeam(*env_, "band-kids").ok());
  EXPECT_EQ(AddTeam(*env_, "band-kids").error_code(), grpc::StatusCode::ALREADY_EXISTS);
  ASSERT_TRUE(AddStudent(*env_, "2101", 9, "band-kids").ok());

  v1::DeleteTeamRequest del;
  del.set_name(CalendarName() + "/teams/band-kids");
  google::protobuf::Empty empty;
  grpc::Status busy = env_->stub().DeleteTeam(RequestsEnv::Scheduler().get(), del, &empty);
  EXPECT_EQ(busy.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(busy.error_message().find("1 students"), std::string::npos) << busy.error_message();

  v1::ListTeamsRequest list;
  list.set_parent(CalendarName());
  v1::ListTeamsResponse teams;
  ASSERT_TRUE(env_->stub().ListTeams(RequestsEnv::Scheduler().get(), list, &teams).ok());
  bool found = false;
  for (const v1::Team& t : teams.teams()) {
    if (t.name() == CalendarName() + "/teams/band-kids") {
      found = true;
      EXPECT_EQ(t.student_count(), 1);
    }
  }
  EXPECT_TRUE(found);

  v1::UpdateStudentRequest move;
  move.mutable_student()->set_name(StudentName("2101"));
  move.mutable_update_mask()->add_paths("team");  // team "" = off the team
  v1::Student moved;
  ASSERT_TRUE(env_->stub().UpdateStudent(RequestsEnv::Scheduler().get(), move, &moved).ok());
  EXPECT_TRUE(env_->stub().DeleteTeam(RequestsEnv::Scheduler().get(), del, &empty).ok());
}

TEST_F(Students, ListFiltersAndPages) {
  ASSERT_TRUE(AddTeam(*env_, "academy").ok());
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(
        AddStudent(*env_, "3" + std::to_string(100 + i), 6 + (i % 2), i < 3 ? "academy" : "").ok());
  }
  v1::ListStudentsRequest list;
  list.set_parent(CalendarName());
  list.set_grade(6);
  list.set_page_size(2);
  std::vector<std::string> seen;
  for (int page = 0; page < 10; ++page) {
    v1::ListStudentsResponse response;
    ASSERT_TRUE(env_->stub().ListStudents(RequestsEnv::Scheduler().get(), list, &response).ok());
    for (const v1::Student& s : response.students()) seen.push_back(s.student_number());
    if (response.next_page_token().empty()) break;
    list.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"3100", "3102", "3104", "3106"}));

  list.Clear();
  list.set_parent(CalendarName());
  list.set_team("academy");
  list.set_grade(7);
  v1::ListStudentsResponse academy;
  ASSERT_TRUE(env_->stub().ListStudents(RequestsEnv::Scheduler().get(), list, &academy).ok());
  ASSERT_EQ(academy.students_size(), 1);
  EXPECT_EQ(academy.students(0).student_number(), "3101");

  list.set_page_token("not-a-token!");
  EXPECT_EQ(env_->stub().ListStudents(RequestsEnv::Scheduler().get(), list, &academy).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(Students, ConstraintsAvoidATeacherOrKeepAPeriodFree) {
  ASSERT_TRUE(AddStudent(*env_, "4001", 9).ok());
  v1::CreateStudentConstraintRequest avoid;
  avoid.set_parent(StudentName("4001"));
  avoid.mutable_student_constraint()->set_kind(v1::StudentConstraint::AVOID_TEACHER);
  avoid.mutable_student_constraint()->set_teacher(CalendarName() + "/teachers/t-lopez");
  avoid.mutable_student_constraint()->set_note("family request");
  v1::StudentConstraint created;
  ASSERT_TRUE(
      env_->stub().CreateStudentConstraint(RequestsEnv::Scheduler().get(), avoid, &created).ok());
  EXPECT_EQ(created.entered_by(), "service:sis");
  // The same constraint again says nothing new.
  EXPECT_EQ(env_->stub()
                .CreateStudentConstraint(RequestsEnv::Scheduler().get(), avoid, &created)
                .error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  avoid.mutable_student_constraint()->set_teacher(CalendarName() + "/teachers/t-nobody");
  grpc::Status unknown =
      env_->stub().CreateStudentConstraint(RequestsEnv::Scheduler().get(), avoid, &created);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(unknown.error_message().find("t-nobody"), std::string::npos);

  v1::CreateStudentConstraintRequest free;
  free.set_parent(StudentName("4001"));
  free.set_constraint_id("free-p1");
  free.mutable_student_constraint()->set_kind(v1::StudentConstraint::KEEP_PERIOD_FREE);
  free.mutable_student_constraint()->set_period(21);
  EXPECT_EQ(env_->stub()
                .CreateStudentConstraint(RequestsEnv::Scheduler().get(), free, &created)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  free.mutable_student_constraint()->set_period(1);
  ASSERT_TRUE(
      env_->stub().CreateStudentConstraint(RequestsEnv::Scheduler().get(), free, &created).ok());

  v1::ListStudentConstraintsRequest list;
  list.set_parent(StudentName("4001"));
  v1::ListStudentConstraintsResponse constraints;
  ASSERT_TRUE(
      env_->stub().ListStudentConstraints(RequestsEnv::Scheduler().get(), list, &constraints).ok());
  EXPECT_EQ(constraints.student_constraints_size(), 2);

  v1::DeleteStudentConstraintRequest del;
  del.set_name(StudentName("4001") + "/constraints/free-p1");
  google::protobuf::Empty empty;
  ASSERT_TRUE(
      env_->stub().DeleteStudentConstraint(RequestsEnv::Scheduler().get(), del, &empty).ok());
  EXPECT_EQ(env_->stub()
                .DeleteStudentConstraint(RequestsEnv::Scheduler().get(), del, &empty)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// AIP-155: ten clients sending the same request_id at once all get the first student; the same
// request_id with another body is INVALID_ARGUMENT on request_id.
TEST_F(Students, OneRequestIdFromTenClientsAtOnceCreatesOneStudent) {
  v1::CreateStudentRequest create;
  create.set_parent(CalendarName());
  create.set_request_id("rid-student");
  create.mutable_student()->set_student_number("2901");
  create.mutable_student()->set_display_name("Bo");
  create.mutable_student()->set_grade(9);
  constexpr int kClients = 10;
  std::vector<grpc::Status> statuses(kClients);
  std::vector<std::string> names(kClients);
  secsched::testing::RunTogether(kClients, [&](int i) {
    v1::Student student;
    statuses[i] = env_->stub().CreateStudent(RequestsEnv::Scheduler().get(), create, &student);
    names[i] = student.name();
  });
  for (int i = 0; i < kClients; ++i) {
    EXPECT_TRUE(statuses[i].ok()) << "client " << i << ": " << statuses[i].error_message();
  }
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()),
            std::set<std::string>{StudentName("2901")});

  create.mutable_student()->set_grade(10);
  v1::Student out;
  grpc::Status changed = env_->stub().CreateStudent(RequestsEnv::Scheduler().get(), create, &out);
  EXPECT_EQ(changed.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << changed.error_message();
  std::vector<FieldViolation> violations = FieldViolationsOf(FromGrpcStatus(changed));
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "request_id");
}

}  // namespace
}  // namespace secsched::requests::testing
