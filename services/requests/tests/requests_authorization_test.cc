// Every RequestsService RPC refuses: no token (UNAUTHENTICATED), staff of another school, staff
// whose access was revoked by a transfer, and a reader on writes (PERMISSION_DENIED). Staff with
// access at the calendar's school get past authorization. The access service is the real one.
#include <gtest/gtest.h>

#include <functional>

#include "services/requests/tests/requests_test_helpers.h"

namespace secsched::requests::testing {
namespace {

using Call = std::function<grpc::Status(v1::RequestsService::Stub&, grpc::ClientContext*)>;

struct RpcCase {
  std::string name;
  bool write;
  Call call;
};

template <class Request, class Response>
Call Make(grpc::Status (v1::RequestsService::Stub::*method)(grpc::ClientContext*, const Request&,
                                                            Response*),
          Request request) {
  return [method, request](v1::RequestsService::Stub& stub, grpc::ClientContext* context) {
    Response response;
    return (stub.*method)(context, request, &response);
  };
}

std::vector<RpcCase> Cases() {
  using S = v1::RequestsService::Stub;
  const std::string student = StudentName("9001");
  std::vector<RpcCase> cases;

  v1::CreateStudentRequest create_student;
  create_student.set_parent(CalendarName());
  create_student.mutable_student()->set_student_number("9002");
  create_student.mutable_student()->set_display_name("New");
  create_student.mutable_student()->set_grade(9);
  cases.push_back({"CreateStudent", true, Make(&S::CreateStudent, create_student)});
  v1::GetStudentRequest get_student;
  get_student.set_name(student);
  cases.push_back({"GetStudent", false, Make(&S::GetStudent, get_student)});
  v1::ListStudentsRequest list_students;
  list_students.set_parent(CalendarName());
  cases.push_back({"ListStudents", false, Make(&S::ListStudents, list_students)});
  v1::UpdateStudentRequest update_student;
  update_student.mutable_student()->set_name(student);
  update_student.mutable_student()->set_display_name("Renamed");
  update_student.mutable_update_mask()->add_paths("display_name");
  cases.push_back({"UpdateStudent", true, Make(&S::UpdateStudent, update_student)});
  v1::DeleteStudentRequest delete_student;
  delete_student.set_name(StudentName("9003"));
  cases.push_back({"DeleteStudent", true, Make(&S::DeleteStudent, delete_student)});
  v1::ImportStudentsRequest import_students;
  import_students.set_parent(CalendarName());
  import_students.set_csv("student_number,name,grade\n9004,Imported,9\n");
  import_students.set_dry_run(true);
  cases.push_back({"ImportStudents", true, Make(&S::ImportStudents, import_students)});

  v1::CreateTeamRequest create_team;
  create_team.set_parent(CalendarName());
  create_team.set_team_id("auth-team");
  create_team.mutable_team()->set_display_name("Auth");
  cases.push_back({"CreateTeam", true, Make(&S::CreateTeam, create_team)});
  v1::ListTeamsRequest list_teams;
  list_teams.set_parent(CalendarName());
  cases.push_back({"ListTeams", false, Make(&S::ListTeams, list_teams)});
  v1::DeleteTeamRequest delete_team;
  delete_team.set_name(CalendarName() + "/teams/empty-team");
  cases.push_back({"DeleteTeam", true, Make(&S::DeleteTeam, delete_team)});

  v1::CreateCourseRequestRequest create_request;
  create_request.set_parent(student);
  create_request.mutable_course_request()->set_course(CourseName("art"));
  create_request.mutable_course_request()->set_kind(v1::PRIMARY);
  cases.push_back({"CreateCourseRequest", true, Make(&S::CreateCourseRequest, create_request)});
  v1::ListCourseRequestsRequest list_requests;
  list_requests.set_parent(student);
  cases.push_back({"ListCourseRequests", false, Make(&S::ListCourseRequests, list_requests)});
  v1::UpdateCourseRequestRequest update_request;
  update_request.mutable_course_request()->set_name(student + "/requests/bio-request");
  update_request.mutable_course_request()->set_priority(3);
  update_request.mutable_update_mask()->add_paths("priority");
  cases.push_back({"UpdateCourseRequest", true, Make(&S::UpdateCourseRequest, update_request)});
  v1::DeleteCourseRequestRequest delete_request;
  delete_request.set_name(student + "/requests/no-such-request");
  cases.push_back({"DeleteCourseRequest", true, Make(&S::DeleteCourseRequest, delete_request)});
  v1::BatchCreateRequestsRequest batch;
  batch.set_parent(CalendarName());
  batch.add_courses()->set_course(CourseName("band"));
  batch.set_dry_run(true);
  cases.push_back({"BatchCreateRequests", true, Make(&S::BatchCreateRequests, batch)});
  v1::ImportRequestsRequest import_requests;
  import_requests.set_parent(CalendarName());
  import_requests.set_csv("student_number,course_number\n9001,BAND\n");
  import_requests.set_dry_run(true);
  cases.push_back({"ImportRequests", true, Make(&S::ImportRequests, import_requests)});

  v1::CreateStudentConstraintRequest create_constraint;
  create_constraint.set_parent(student);
  create_constraint.mutable_student_constraint()->set_kind(v1::StudentConstraint::KEEP_PERIOD_FREE);
  create_constraint.mutable_student_constraint()->set_period(2);
  cases.push_back(
      {"CreateStudentConstraint", true, Make(&S::CreateStudentConstraint, create_constraint)});
  v1::ListStudentConstraintsRequest list_constraints;
  list_constraints.set_parent(student);
  cases.push_back(
      {"ListStudentConstraints", false, Make(&S::ListStudentConstraints, list_constraints)});
  v1::DeleteStudentConstraintRequest delete_constraint;
  delete_constraint.set_name(student + "/constraints/no-such");
  cases.push_back(
      {"DeleteStudentConstraint", true, Make(&S::DeleteStudentConstraint, delete_constraint)});
  return cases;
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

TEST_F(RequestsAuthorization, EveryRpcRefusesWhoMayNot) {
  // Tara was allowed at east-high a moment ago; the transfer revokes it at once.
  ASSERT_NE(Cases()[1].call(env_->stub(), RequestsEnv::As("tara").get()).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  env_->access().TransferTo("tara", RequestsEnv::kOtherSchool);

  for (const RpcCase& c : Cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.call(env_->stub(), RequestsEnv::As("").get()).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(c.call(env_->stub(), RequestsEnv::As("wes").get()).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(c.call(env_->stub(), RequestsEnv::As("tara").get()).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    grpc::Status reader = c.call(env_->stub(), RequestsEnv::As("service:sis", {"reader"}).get());
    if (c.write) {
      EXPECT_EQ(reader.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    } else {
      EXPECT_TRUE(reader.ok()) << reader.error_message();
    }
    EXPECT_EQ(c.call(env_->stub(), RequestsEnv::As("service:lms", {"lms-feed"}).get()).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  // Dana has access at east-high: every call gets past authorization.
  for (const RpcCase& c : Cases()) {
    SCOPED_TRACE(c.name);
    grpc::Status allowed = c.call(env_->stub(), RequestsEnv::As("dana").get());
    EXPECT_NE(allowed.error_code(), grpc::StatusCode::PERMISSION_DENIED) << allowed.error_message();
    EXPECT_NE(allowed.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
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
