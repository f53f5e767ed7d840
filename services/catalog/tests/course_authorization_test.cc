// Every CourseService RPC refuses who may not call it: no token (UNAUTHENTICATED); for a
// calendar's courses, staff of another school, staff whose access was revoked by a transfer, and
// a reader on writes (PERMISSION_DENIED); for course masters, anyone but an admin or the
// district's scheduler service account on writes (reads: any person, or a service account with
// reader/scheduler). The access service is the real one.
#include <gtest/gtest.h>

#include <functional>

#include "services/catalog/tests/course_test_helpers.h"

namespace secsched::catalog::testing {
namespace {

using Stub = v1::CourseService::Stub;
using Call = std::function<grpc::Status(Stub&, grpc::ClientContext*)>;

struct RpcCase {
  std::string name;
  bool write;
  Call call;
};

template <class Request, class Response>
Call Make(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
          Request request) {
  return [method, request](Stub& stub, grpc::ClientContext* context) {
    Response response;
    return (stub.*method)(context, request, &response);
  };
}

constexpr char kCalendar[] = "east-auth";

// The calendar-scoped RPCs, each with a request that succeeds for an allowed caller (or fails
// after authorization).
std::vector<RpcCase> CourseCases() {
  const std::string parent = CalendarName(kCalendar);
  std::vector<RpcCase> cases;
  v1::GetCourseRequest get;
  get.set_name(CourseName(kCalendar, "eng9"));
  cases.push_back({"GetCourse", false, Make(&Stub::GetCourse, get)});
  v1::ListCoursesRequest list;
  list.set_parent(parent);
  cases.push_back({"ListCourses", false, Make(&Stub::ListCourses, list)});
  v1::ExportCoursesRequest export_request;
  export_request.set_parent(parent);
  cases.push_back({"ExportCourses", false, Make(&Stub::ExportCourses, export_request)});
  v1::CreateCourseRequest create;
  create.set_parent(parent);
  FillCourse(create.mutable_course(), "NEW1", "Arts");
  cases.push_back({"CreateCourse", true, Make(&Stub::CreateCourse, create)});
  v1::UpdateCourseRequest update;
  update.mutable_course()->set_name(CourseName(kCalendar, "eng9"));
  update.mutable_course()->set_max_students(25);
  update.mutable_update_mask()->add_paths("max_students");
  cases.push_back({"UpdateCourse", true, Make(&Stub::UpdateCourse, update)});
  v1::DeleteCourseRequest del;
  del.set_name(CourseName(kCalendar, "no-such"));
  cases.push_back({"DeleteCourse", true, Make(&Stub::DeleteCourse, del)});
  v1::MassSetCoursesRequest mass;
  mass.set_parent(parent);
  mass.mutable_update_mask()->add_paths("load_priority");
  mass.mutable_values()->set_load_priority(3);
  mass.set_dry_run(true);
  cases.push_back({"MassSetCourses", true, Make(&Stub::MassSetCourses, mass)});
  v1::ImportCoursesRequest import;
  import.set_parent(parent);
  import.set_csv_data("number,max_students\nENG9,26\n");
  import.set_dry_run(true);
  cases.push_back({"ImportCourses", true, Make(&Stub::ImportCourses, import)});
  return cases;
}

std::vector<RpcCase> MasterCases() {
  std::vector<RpcCase> cases;
  v1::GetCourseMasterRequest get;
  get.set_name("courseMasters/auth-m1");
  cases.push_back({"GetCourseMaster", false, Make(&Stub::GetCourseMaster, get)});
  cases.push_back(
      {"ListCourseMasters", false, Make(&Stub::ListCourseMasters, v1::ListCourseMastersRequest())});
  v1::CreateCourseMasterRequest create;
  FillCourse(create.mutable_course_master(), "AUTH-M2", "Arts");
  cases.push_back({"CreateCourseMaster", true, Make(&Stub::CreateCourseMaster, create)});
  v1::UpdateCourseMasterRequest update;
  update.mutable_course_master()->set_name("courseMasters/auth-m1");
  update.mutable_course_master()->set_max_students(20);
  update.mutable_update_mask()->add_paths("max_students");
  cases.push_back({"UpdateCourseMaster", true, Make(&Stub::UpdateCourseMaster, update)});
  v1::PushCourseMasterRequest push;
  push.set_name("courseMasters/auth-m1");
  push.add_calendars(CalendarName(kCalendar));
  push.set_dry_run(true);
  cases.push_back({"PushCourseMaster", true, Make(&Stub::PushCourseMaster, push)});
  return cases;
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

TEST_F(CourseAuthorization, CalendarCoursesFollowTheCalendarsSchool) {
  // Tara was allowed at east-high a moment ago; the transfer revokes it at once.
  ASSERT_TRUE(CourseCases()[0].call(env().courses(), As("tara").get()).ok());
  env().TransferTo("tara", "west-high");

  for (const RpcCase& c : CourseCases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.call(env().courses(), As("").get()).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(c.call(env().courses(), As("wes").get()).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(c.call(env().courses(), As("tara").get()).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    grpc::Status reader = c.call(env().courses(), As("service:sis", {"reader"}).get());
    if (c.write) {
      EXPECT_EQ(reader.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    } else {
      EXPECT_TRUE(reader.ok()) << reader.error_message();
    }
    EXPECT_EQ(c.call(env().courses(), As("service:lms", {"lms-feed"}).get()).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  // Dana has access at east-high: every call gets past authorization.
  for (const RpcCase& c : CourseCases()) {
    SCOPED_TRACE(c.name);
    grpc::Status allowed = c.call(env().courses(), As("dana").get());
    EXPECT_NE(allowed.error_code(), grpc::StatusCode::PERMISSION_DENIED) << allowed.error_message();
    EXPECT_NE(allowed.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  // An unknown calendar is NOT_FOUND, not a leak of access decisions.
  v1::ListCoursesRequest unknown;
  unknown.set_parent(CalendarName("no-such-calendar"));
  v1::ListCoursesResponse response;
  EXPECT_EQ(env().courses().ListCourses(As("dana").get(), unknown, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(CourseAuthorization, CourseMastersAreWrittenOnlyByTheDistrict) {
  for (const RpcCase& c : MasterCases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.call(env().courses(), As("").get()).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    grpc::Status school_staff = c.call(env().courses(), As("dana").get());
    grpc::Status reader = c.call(env().courses(), As("service:sis", {"reader"}).get());
    grpc::Status school_scheduler = c.call(env().courses(), As("dana", {"scheduler"}).get());
    if (c.write) {
      EXPECT_EQ(school_staff.error_code(), grpc::StatusCode::PERMISSION_DENIED);
      EXPECT_EQ(reader.error_code(), grpc::StatusCode::PERMISSION_DENIED);
      // A person with `scheduler` is still one school's staff, not the district.
      EXPECT_EQ(school_scheduler.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    } else {
      EXPECT_TRUE(reader.ok()) << reader.error_message();
      EXPECT_TRUE(school_staff.ok()) << school_staff.error_message();  // district staff read
      EXPECT_EQ(c.call(env().courses(), As("service:lms", {"lms-feed"}).get()).error_code(),
                grpc::StatusCode::PERMISSION_DENIED);
    }
    grpc::Status district = c.call(env().courses(), District().get());
    EXPECT_TRUE(district.ok()) << district.error_message();
    grpc::Status admin = c.call(env().courses(), Admin().get());
    EXPECT_NE(admin.error_code(), grpc::StatusCode::PERMISSION_DENIED) << admin.error_message();
  }
}

}  // namespace
}  // namespace secsched::catalog::testing
