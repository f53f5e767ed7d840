// Every RequestsService RPC × the standard callers of the authorization matrix
// (common/testing/authorization_matrix.h): no token, a bad signature or an expired token
// (UNAUTHENTICATED); staff of another school (with or without `scheduler`), staff whose access was
// revoked by a transfer, a scope that does not fit, and a reader on writes (PERMISSION_DENIED); a
// reader reads (OK); staff with access at the calendar's school and an admin get past
// authorization. The access service is the real one.
#include <gtest/gtest.h>

#include "common/testing/authorization_matrix.h"
#include "services/requests/tests/requests_test_helpers.h"

namespace secsched::requests::testing {
namespace {

namespace authz = secsched::testing;
using authz::Needs;
using authz::Row;
using Stub = v1::RequestsService::Stub;

authz::AuthorizationMatrix Matrix(RequestsEnv& env) {
  const std::string student = StudentName("9001");
  authz::AuthorizationMatrix matrix(env.channel());

  v1::CreateStudentRequest create_student;
  create_student.set_parent(CalendarName());
  create_student.mutable_student()->set_student_number("9002");
  create_student.mutable_student()->set_display_name("New");
  create_student.mutable_student()->set_grade(9);
  matrix.Add(Row("CreateStudent", Needs::kWrite, &Stub::CreateStudent, create_student));
  v1::GetStudentRequest get_student;
  get_student.set_name(student);
  matrix.Add(Row("GetStudent", Needs::kRead, &Stub::GetStudent, get_student));
  v1::ListStudentsRequest list_students;
  list_students.set_parent(CalendarName());
  matrix.Add(Row("ListStudents", Needs::kRead, &Stub::ListStudents, list_students));
  v1::UpdateStudentRequest update_student;
  update_student.mutable_student()->set_name(student);
  update_student.mutable_student()->set_display_name("Renamed");
  update_student.mutable_update_mask()->add_paths("display_name");
  matrix.Add(Row("UpdateStudent", Needs::kWrite, &Stub::UpdateStudent, update_student));
  v1::DeleteStudentRequest delete_student;
  delete_student.set_name(StudentName("9003"));
  matrix.Add(Row("DeleteStudent", Needs::kWrite, &Stub::DeleteStudent, delete_student));
  v1::ImportStudentsRequest import_students;
  import_students.set_parent(CalendarName());
  import_students.set_csv("student_number,name,grade\n9004,Imported,9\n");
  import_students.set_dry_run(true);
  matrix.Add(Row("ImportStudents", Needs::kWrite, &Stub::ImportStudents, import_students));

  v1::CreateTeamRequest create_team;
  create_team.set_parent(CalendarName());
  create_team.set_team_id("auth-team");
  create_team.mutable_team()->set_display_name("Auth");
  matrix.Add(Row("CreateTeam", Needs::kWrite, &Stub::CreateTeam, create_team));
  v1::ListTeamsRequest list_teams;
  list_teams.set_parent(CalendarName());
  matrix.Add(Row("ListTeams", Needs::kRead, &Stub::ListTeams, list_teams));
  v1::DeleteTeamRequest delete_team;
  delete_team.set_name(CalendarName() + "/teams/empty-team");
  matrix.Add(Row("DeleteTeam", Needs::kWrite, &Stub::DeleteTeam, delete_team));

  v1::CreateCourseRequestRequest create_request;
  create_request.set_parent(student);
  create_request.mutable_course_request()->set_course(CourseName("art"));
  create_request.mutable_course_request()->set_kind(v1::PRIMARY);
  matrix.Add(Row("CreateCourseRequest", Needs::kWrite, &Stub::CreateCourseRequest, create_request));
  v1::ListCourseRequestsRequest list_requests;
  list_requests.set_parent(student);
  matrix.Add(Row("ListCourseRequests", Needs::kRead, &Stub::ListCourseRequests, list_requests));
  v1::UpdateCourseRequestRequest update_request;
  update_request.mutable_course_request()->set_name(student + "/requests/bio-request");
  update_request.mutable_course_request()->set_priority(3);
  update_request.mutable_update_mask()->add_paths("priority");
  matrix.Add(Row("UpdateCourseRequest", Needs::kWrite, &Stub::UpdateCourseRequest, update_request));
  v1::DeleteCourseRequestRequest delete_request;
  delete_request.set_name(student + "/requests/no-such-request");
  matrix.Add(Row("DeleteCourseRequest", Needs::kWrite, &Stub::DeleteCourseRequest, delete_request));
  v1::BatchCreateRequestsRequest batch;
  batch.set_parent(CalendarName());
  batch.add_courses()->set_course(CourseName("band"));
  batch.set_dry_run(true);
  matrix.Add(Row("BatchCreateRequests", Needs::kWrite, &Stub::BatchCreateRequests, batch));
  v1::ImportRequestsRequest import_requests;
  import_requests.set_parent(CalendarName());
  import_requests.set_csv("student_number,course_number\n9001,BAND\n");
  import_requests.set_dry_run(true);
  matrix.Add(Row("ImportRequests", Needs::kWrite, &Stub::ImportRequests, import_requests));

  v1::CreateStudentConstraintRequest create_constraint;
  create_constraint.set_parent(student);
  create_constraint.mutable_student_constraint()->set_kind(v1::StudentConstraint::KEEP_PERIOD_FREE);
  create_constraint.mutable_student_constraint()->set_period(2);
  matrix.Add(Row("CreateStudentConstraint", Needs::kWrite, &Stub::CreateStudentConstraint,
                 create_constraint));
  v1::ListStudentConstraintsRequest list_constraints;
  list_constraints.set_parent(student);
  matrix.Add(
      Row("ListStudentConstraints", Needs::kRead, &Stub::ListStudentConstraints, list_constraints));
  v1::DeleteStudentConstraintRequest delete_constraint;
  delete_constraint.set_name(student + "/constraints/no-such");
  matrix.Add(Row("DeleteStudentConstraint", Needs::kWrite, &Stub::DeleteStudentConstraint,
                 delete_constraint));
  return matrix;
}

class RequestsAuthorization : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    env_ = new RequestsEnv();
    UseSmallCatalog(*env_);
    env_->access().GrantSchedulingAccess("dana", RequestsEnv::kSchool);
    env_->access().GrantSchedulingAccess("wes", RequestsEnv::kOtherSchool);
    env_->access().GrantSchedulingAccess("tara", RequestsEnv::kSchool);
    if (!AddStudent(*env_, "9001", 9).ok() || !AddStudent(*env_, "9003", 9).ok() ||
        !AddTeam(*env_, "empty-team").ok()) {
      throw std::runtime_error("setup failed");
    }
    v1::CreateCourseRequestRequest bio;
    bio.set_parent(StudentName("9001"));
    bio.set_course_request_id("bio-request");
    bio.mutable_course_request()->set_course(CourseName("bio"));
    bio.mutable_course_request()->set_kind(v1::PRIMARY);
    v1::CourseRequest out;
    if (!env_->stub().CreateCourseRequest(RequestsEnv::Scheduler().get(), bio, &out).ok()) {
      throw std::runtime_error("setup failed");
    }
  }
  static void TearDownTestSuite() { delete env_; }
  static RequestsEnv* env_;
};
RequestsEnv* RequestsAuthorization::env_ = nullptr;

TEST_F(RequestsAuthorization, EveryRpcHasARow) {
  Matrix(*env_).ExpectEveryRpcHasARow({"secsched.requests.v1.RequestsService"});
}

TEST_F(RequestsAuthorization, EveryCallerGetsTheRightAnswerFromEveryRpc) {
  const authz::AuthorizationMatrix matrix = Matrix(*env_);
  // Tara was allowed at east-high a moment ago; the transfer revokes it at once.
  ASSERT_NE(matrix.Call("GetStudent", MintTestToken("tara", {})).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  env_->access().TransferTo("tara", RequestsEnv::kOtherSchool);

  authz::MatrixCaller reader = authz::Reader("service:sis");
  reader.reads = authz::Ok();
  // A person's `scheduler` scope does not stand in for access at the school.
  authz::MatrixCaller other_school_scheduler = authz::OtherSchoolStaff("wes", {"scheduler"});
  other_school_scheduler.name += " with scheduler";
  matrix.Check({authz::NoToken(), authz::BadSignature(), authz::ExpiredToken(),
                authz::OtherSchoolStaff("wes"), other_school_scheduler, authz::RevokedStaff("tara"),
                reader, authz::Refused("lms feed", "service:lms", {"lms-feed"}),
                authz::StaffWithAccess("dana"), authz::Admin()});
}

TEST_F(RequestsAuthorization, AnUnknownCalendarIsNotFound) {
  v1::ListStudentsRequest list;
  list.set_parent("calendars/nowhere");
  v1::ListStudentsResponse out;
  EXPECT_EQ(env_->stub().ListStudents(RequestsEnv::As("dana").get(), list, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace secsched::requests::testing
