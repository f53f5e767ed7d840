// Every CatalogService RPC × the standard callers of the authorization matrix
// (common/testing/authorization_matrix.h): no token, a bad signature or an expired token
// (UNAUTHENTICATED); staff of another school, staff whose access was revoked (moved to another
// school), and readers trying to write (PERMISSION_DENIED); readers read (OK), staff with access
// and an admin get through. District methods refuse school staff, even with `scheduler`; the
// schools directory is open to anyone with a scheduling scope (and to no person without one);
// every school's calendars at once only to readers, admins and scheduler service accounts. Checked
// against the real access service in-process.
#include <stdexcept>

#include "common/testing/authorization_matrix.h"
#include "common/testing/servers.h"
#include "services/catalog/tests/calendar_test_helpers.h"

namespace secsched::catalog::testing {
namespace {

namespace authz = secsched::testing;
using authz::Needs;
using authz::Row;

const std::string kCalendar = "authz-2026";
const std::string kSchool = "authz-east";
const std::string kOtherSchoolStaff = "staff of another school (morgan)";
const std::string kStaff = "staff with access (dana)";
const std::string kSchoolScheduler = "school staff with scheduler (dana)";

// The district's own methods: school staff are refused however they are scoped.
authz::RpcRow District(authz::RpcRow row) {
  return std::move(row)
      .Except(kStaff, authz::PermissionDenied().WithMessageContaining("district"))
      .Except(kSchoolScheduler, authz::PermissionDenied().WithMessageContaining("district"));
}

// The schools directory is district-wide: anyone with a scheduling scope reads it, whatever their
// school; a person without one does not, access at a school notwithstanding (docs/catalog.md).
authz::RpcRow Directory(authz::RpcRow row) {
  return std::move(row)
      .Except(kOtherSchoolStaff, authz::Ok())
      .Except(kSchoolScheduler, authz::Ok())
      .Except(kStaff, authz::PermissionDenied().WithMessageContaining("scopes"));
}

// Every school's calendars at once: readers, admins and scheduler service accounts only; a
// person lists one school's.
authz::RpcRow EverySchool(authz::RpcRow row) {
  return std::move(row)
      .Except(kStaff, authz::PermissionDenied().WithMessageContaining("school_id"))
      .Except(kSchoolScheduler, authz::PermissionDenied().WithMessageContaining("school_id"));
}

authz::AuthorizationMatrix Matrix(CatalogEnv& env) {
  using S = v1::CatalogService::Stub;
  authz::AuthorizationMatrix matrix(env.channel());
  v1::CreateSchoolRequest create_school;
  create_school.set_school_id("authz-new-school");
  create_school.mutable_school()->set_display_name("New");
  create_school.mutable_school()->set_low_grade(9);
  create_school.mutable_school()->set_high_grade(12);
  matrix.Add(District(Row("CreateSchool", Needs::kWrite, &S::CreateSchool, create_school)));
  v1::GetSchoolRequest get_school;
  get_school.set_name("schools/" + kSchool);
  matrix.Add(Directory(Row("GetSchool", Needs::kRead, &S::GetSchool, get_school)));
  matrix.Add(
      Directory(Row("ListSchools", Needs::kRead, &S::ListSchools, v1::ListSchoolsRequest())));

  matrix.Add(Row("CreateCalendar", Needs::kWrite, &S::CreateCalendar,
                 NewCalendar("authz-new", kSchool, "2030-2031")));
  v1::GetCalendarRequest get;
  get.set_name(Name(kCalendar));
  matrix.Add(Row("GetCalendar", Needs::kRead, &S::GetCalendar, get));
  v1::ListCalendarsRequest list;
  list.set_school_id(kSchool);
  matrix.Add(Row("ListCalendars", Needs::kRead, &S::ListCalendars, list));
  matrix.Add(EverySchool(Row("ListCalendars (every school)", Needs::kRead, &S::ListCalendars,
                             v1::ListCalendarsRequest())));
  v1::UpdateCalendarRequest update;
  update.mutable_calendar()->set_name(Name(kCalendar));
  update.mutable_calendar()->set_display_name("Renamed");
  matrix.Add(Row("UpdateCalendar", Needs::kWrite, &S::UpdateCalendar, update));

  matrix.Add(Row("ReplaceTerms", Needs::kWrite, &S::ReplaceTerms, Semesters(kCalendar)));
  v1::ListTermsRequest terms;
  terms.set_parent(Name(kCalendar));
  matrix.Add(Row("ListTerms", Needs::kRead, &S::ListTerms, terms));
  matrix.Add(Row("ReplacePeriodSchedule", Needs::kWrite, &S::ReplacePeriodSchedule,
                 AbSchedule(kCalendar)));
  v1::GetPeriodScheduleRequest schedule;
  schedule.set_name(Name(kCalendar) + "/periodSchedule");
  matrix.Add(Row("GetPeriodSchedule", Needs::kRead, &S::GetPeriodSchedule, schedule));
  matrix.Add(Row("SetInstructionalDays", Needs::kWrite, &S::SetInstructionalDays,
                 SchoolYearDays(kCalendar)));
  v1::ListInstructionalDaysRequest days;
  days.set_parent(Name(kCalendar));
  matrix.Add(Row("ListInstructionalDays", Needs::kRead, &S::ListInstructionalDays, days));

  v1::RollOverCalendarRequest roll;
  roll.set_name(Name(kCalendar));
  matrix.Add(Row("RollOverCalendar", Needs::kWrite, &S::RollOverCalendar, roll));
  v1::SubmitCalendarRequest submit;
  submit.set_name(Name(kCalendar));
  matrix.Add(Row("SubmitCalendar", Needs::kWrite, &S::SubmitCalendar, submit));
  v1::ApproveCalendarRequest approve;
  approve.set_name(Name(kCalendar));
  matrix.Add(District(Row("ApproveCalendar", Needs::kWrite, &S::ApproveCalendar, approve)));
  v1::ReturnCalendarRequest give_back;
  give_back.set_name(Name(kCalendar));
  give_back.set_comment("Please fix.");
  matrix.Add(District(Row("ReturnCalendar", Needs::kWrite, &S::ReturnCalendar, give_back)));
  v1::ListCalendarTransitionsRequest history;
  history.set_parent(Name(kCalendar));
  matrix.Add(Row("ListCalendarTransitions", Needs::kRead, &S::ListCalendarTransitions, history));
  return matrix;
}

class CalendarAuthorization : public CatalogEnvTest {
 protected:
  static void SetUpTestSuite() {
    CatalogEnvTest::SetUpTestSuite();
    env().GrantSchedulingAccess("dana", kSchool);
    env().GrantSchedulingAccess("morgan", "authz-west");
    env().GrantSchedulingAccess("riley", kSchool);
    CreateCompleteCalendar(env(), kCalendar, kSchool);
    v1::CreateSchoolRequest school;
    school.set_school_id(kSchool);
    school.mutable_school()->set_display_name("Authz East High");
    school.mutable_school()->set_low_grade(9);
    school.mutable_school()->set_high_grade(12);
    v1::School created;
    if (!env().catalog().CreateSchool(As(kDistrict, kScheduler).get(), school, &created).ok()) {
      throw std::runtime_error("CreateSchool failed");
    }
  }
};

TEST_F(CalendarAuthorization, EveryRpcHasARow) {
  Matrix(env()).ExpectEveryRpcHasARow({"secsched.catalog.v1.CatalogService"});
}

TEST_F(CalendarAuthorization, EveryCallerGetsTheRightAnswerFromEveryRpc) {
  const authz::AuthorizationMatrix matrix = Matrix(env());
  const std::string riley = MintTestToken("riley", {});
  ASSERT_TRUE(matrix.Call("GetCalendar", riley).ok());
  env().TransferTo("riley", "authz-west");
  // The access service invalidates the cached decision with the transfer; poll briefly only
  // because the transfer's own evaluation runs on the access worker thread.
  ASSERT_TRUE(secsched::testing::WaitFor(
      [&] {
        return matrix.Call("GetCalendar", riley).error_code() ==
               grpc::StatusCode::PERMISSION_DENIED;
      },
      std::chrono::seconds(10)));

  authz::MatrixCaller person_reader = authz::Reader("rhea");
  person_reader.reads = authz::Ok();
  authz::MatrixCaller service_reader = authz::Reader("service:report");
  service_reader.reads = authz::Ok();
  authz::MatrixCaller school_scheduler = authz::StaffWithAccess("dana");
  school_scheduler.name = kSchoolScheduler;
  school_scheduler.token = MintTestToken("dana", kScheduler);
  authz::MatrixCaller revoked = authz::RevokedStaff("riley");
  matrix.Check({authz::NoToken(), authz::BadSignature(), authz::ExpiredToken(),
                authz::OtherSchoolStaff("morgan", kScheduler), revoked, person_reader,
                service_reader, school_scheduler, authz::StaffWithAccess("dana"), authz::Admin()});
}

}  // namespace
}  // namespace secsched::catalog::testing
