// Every CourseService RPC × the standard callers of the authorization matrix
// (common/testing/authorization_matrix.h): no token, a bad signature or an expired token
// (UNAUTHENTICATED); for a calendar's courses, staff of another school, staff whose access was
// revoked by a transfer, and a reader on writes (PERMISSION_DENIED); for course masters, anyone
// but an admin or the district's scheduler service account on writes (reads: any person, or a
// service account with reader/scheduler). The access service is the real one.
#include <gtest/gtest.h>

#include "common/testing/authorization_matrix.h"
#include "services/catalog/tests/course_test_helpers.h"

namespace secsched::catalog::testing {
namespace {

namespace authz = secsched::testing;
using authz::Needs;
using authz::Row;
using Stub = v1::CourseService::Stub;

constexpr char kCalendar[] = "east-auth";
const std::string kOtherSchoolStaff = "staff of another school (wes)";
const std::string kRevoked = "revoked approval (tara)";
const std::string kStaff = "staff with access (dana)";
const std::string kSchoolScheduler = "school staff with scheduler (dana)";
const std::string kLmsFeed = "lms feed";
const std::string kDistrictService = "district scheduler service";

// Course masters belong to the district: every person reads them (and any reader or scheduler
// service account); only the district's scheduler service account and admins write them.
authz::RpcRow MasterRead(authz::RpcRow row) {
  return std::move(row)
      .Except(kOtherSchoolStaff, authz::Ok())
      .Except(kRevoked, authz::Ok())
      .Except(kStaff, authz::Ok())
      .Except(kDistrictService, authz::Ok());
}
authz::RpcRow MasterWrite(authz::RpcRow row) {
  return std::move(row)
      .Except(kStaff, authz::PermissionDenied())
      .Except(kSchoolScheduler, authz::PermissionDenied())
      .Except(kDistrictService, authz::Ok());
}

// The calendar-scoped RPCs, each with a request that succeeds for an allowed caller (or fails
// after authorization), then the course masters'.
authz::AuthorizationMatrix Matrix(CatalogEnv& env) {
  const std::string parent = CalendarName(kCalendar);
  authz::AuthorizationMatrix matrix(env.channel());
  v1::GetCourseRequest get;
  get.set_name(CourseName(kCalendar, "eng9"));
  matrix.Add(Row("GetCourse", Needs::kRead, &Stub::GetCourse, get));
  v1::ListCoursesRequest list;
  list.set_parent(parent);
  matrix.Add(Row("ListCourses", Needs::kRead, &Stub::ListCourses, list));
  v1::ExportCoursesRequest export_request;
  export_request.set_parent(parent);
  matrix.Add(Row("ExportCourses", Needs::kRead, &Stub::ExportCourses, export_request));
  v1::CreateCourseRequest create;
  create.set_parent(parent);
  FillCourse(create.mutable_course(), "NEW1", "Arts");
  matrix.Add(Row("CreateCourse", Needs::kWrite, &Stub::CreateCourse, create));
  v1::UpdateCourseRequest update;
  update.mutable_course()->set_name(CourseName(kCalendar, "eng9"));
  update.mutable_course()->set_max_students(25);
  update.mutable_update_mask()->add_paths("max_students");
  matrix.Add(Row("UpdateCourse", Needs::kWrite, &Stub::UpdateCourse, update));
  v1::DeleteCourseRequest del;
  del.set_name(CourseName(kCalendar, "no-such"));
  matrix.Add(Row("DeleteCourse", Needs::kWrite, &Stub::DeleteCourse, del));
  v1::MassSetCoursesRequest mass;
  mass.set_parent(parent);
  mass.mutable_update_mask()->add_paths("load_priority");
  mass.mutable_values()->set_load_priority(3);
  mass.set_dry_run(true);
  matrix.Add(Row("MassSetCourses", Needs::kWrite, &Stub::MassSetCourses, mass));
  v1::ImportCoursesRequest import;
  import.set_parent(parent);
  import.set_csv_data("number,max_students\nENG9,26\n");
  import.set_dry_run(true);
  matrix.Add(Row("ImportCourses", Needs::kWrite, &Stub::ImportCourses, import));

  v1::GetCourseMasterRequest get_master;
  get_master.set_name("courseMasters/auth-m1");
  matrix.Add(MasterRead(Row("GetCourseMaster", Needs::kRead, &Stub::GetCourseMaster, get_master)));
  matrix.Add(MasterRead(Row("ListCourseMasters", Needs::kRead, &Stub::ListCourseMasters,
                            v1::ListCourseMastersRequest())));
  v1::CreateCourseMasterRequest create_master;
  FillCourse(create_master.mutable_course_master(), "AUTH-M2", "Arts");
  matrix.Add(MasterWrite(
      Row("CreateCourseMaster", Needs::kWrite, &Stub::CreateCourseMaster, create_master)));
  v1::UpdateCourseMasterRequest update_master;
  update_master.mutable_course_master()->set_name("courseMasters/auth-m1");
  update_master.mutable_course_master()->set_max_students(20);
  update_master.mutable_update_mask()->add_paths("max_students");
  matrix.Add(MasterWrite(
      Row("UpdateCourseMaster", Needs::kWrite, &Stub::UpdateCourseMaster, update_master)));
  v1::PushCourseMasterRequest push;
  push.set_name("courseMasters/auth-m1");
  push.add_calendars(CalendarName(kCalendar));
  push.set_dry_run(true);
  matrix.Add(MasterWrite(Row("PushCourseMaster", Needs::kWrite, &Stub::PushCourseMaster, push)));
  return matrix;
}

class CourseAuthorization : public CatalogEnvTest {
 protected:
  static void SetUpTestSuite() {
    CatalogEnvTest::SetUpTestSuite();
    env().GrantSchedulingAccess("dana", "east-high");
    env().GrantSchedulingAccess("wes", "west-high");
    env().GrantSchedulingAccess("tara", "east-high");
    MakeCalendar(env(), "east-high", "2026-2027", kCalendar);
    if (!CreateCourse(env(), As("dana").get(), kCalendar, "ENG9", "English").ok()) {
      throw std::runtime_error("setup failed");
    }
    v1::CreateCourseMasterRequest master;
    master.set_course_master_id("auth-m1");
    FillCourse(master.mutable_course_master(), "AUTH-M1", "Arts");
    v1::CourseMaster out;
    if (!env().courses().CreateCourseMaster(District().get(), master, &out).ok()) {
      throw std::runtime_error("setup failed");
    }
  }
};

TEST_F(CourseAuthorization, EveryRpcHasARow) {
  Matrix(env()).ExpectEveryRpcHasARow({"secsched.catalog.v1.CourseService"});
}

TEST_F(CourseAuthorization, EveryCallerGetsTheRightAnswerFromEveryRpc) {
  const authz::AuthorizationMatrix matrix = Matrix(env());
  // Tara was allowed at east-high a moment ago; the transfer revokes it at once.
  ASSERT_TRUE(matrix.Call("GetCourse", MintTestToken("tara", {})).ok());
  env().TransferTo("tara", "west-high");

  authz::MatrixCaller reader = authz::Reader("service:sis");
  reader.reads = authz::Ok();
  authz::MatrixCaller lms_feed = authz::Refused(kLmsFeed, "service:lms", {"lms-feed"});
  // A person with `scheduler` is still one school's staff, not the district.
  authz::MatrixCaller school_scheduler = authz::StaffWithAccess("dana");
  school_scheduler.name = kSchoolScheduler;
  school_scheduler.token = MintTestToken("dana", {"scheduler"});
  authz::MatrixCaller district = authz::StaffWithAccess("service:district");
  district.name = kDistrictService;
  district.token = MintTestToken("service:district", {"scheduler"});
  matrix.Check({authz::NoToken(), authz::BadSignature(), authz::ExpiredToken(),
                authz::OtherSchoolStaff("wes"), authz::RevokedStaff("tara"), reader, lms_feed,
                school_scheduler, authz::StaffWithAccess("dana"), district, authz::Admin()});
  // An unknown calendar is NOT_FOUND, not a leak of access decisions.
  v1::ListCoursesRequest unknown;
  unknown.set_parent(CalendarName("no-such-calendar"));
  v1::ListCoursesResponse response;
  EXPECT_EQ(env().courses().ListCourses(As("dana").get(), unknown, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace secsched::catalog::testing
