// Every ResourceService and ReportService RPC × the standard callers of the authorization matrix
// (common/testing/authorization_matrix.h): no token, a bad signature or an expired token
// (UNAUTHENTICATED); staff of another school, staff whose access was revoked (moved to another
// school), and readers trying to write (PERMISSION_DENIED) — against the real access service
// in-process. Readers read (OK); staff with access at the school and an admin get through.
#include "common/testing/authorization_matrix.h"
#include "common/testing/servers.h"
#include "services/catalog/tests/resource_test_helpers.h"

namespace secsched::catalog::testing {
namespace {

namespace authz = secsched::testing;
using authz::Needs;
using authz::Row;

const std::string kCalendar = "resauthz-2026";
const std::string kSchool = "resauthz-east";
const std::string kOtherSchool = "resauthz-west";

authz::AuthorizationMatrix Matrix(CatalogEnv &env) {
  using R = v1::ResourceService::Stub;
  using P = v1::ReportService::Stub;
  const std::string parent = Name(kCalendar);
  const std::string teacher = parent + "/teachers/authz-teacher";
  const std::string room = parent + "/rooms/authz-room";
  const std::string report = "schools/" + kSchool + "/reports/authz-report";
  authz::AuthorizationMatrix matrix(env.channel());

  v1::CreateTeacherRequest create_teacher;
  create_teacher.set_parent(parent);
  *create_teacher.mutable_teacher() = TeacherValues("authz-new", "New");
  matrix.Add(Row("CreateTeacher", Needs::kWrite, &R::CreateTeacher, create_teacher));
  v1::GetTeacherRequest get_teacher;
  get_teacher.set_name(teacher);
  matrix.Add(Row("GetTeacher", Needs::kRead, &R::GetTeacher, get_teacher));
  v1::ListTeachersRequest list_teachers;
  list_teachers.set_parent(parent);
  matrix.Add(Row("ListTeachers", Needs::kRead, &R::ListTeachers, list_teachers));
  v1::UpdateTeacherRequest update_teacher;
  update_teacher.mutable_teacher()->set_name(teacher);
  update_teacher.mutable_teacher()->set_max_sections(4);
  update_teacher.mutable_update_mask()->add_paths("max_sections");
  matrix.Add(Row("UpdateTeacher", Needs::kWrite, &R::UpdateTeacher, update_teacher));
  v1::DeleteTeacherRequest delete_teacher;
  delete_teacher.set_name(parent + "/teachers/no-such-teacher");
  matrix.Add(Row("DeleteTeacher", Needs::kWrite, &R::DeleteTeacher, delete_teacher));
  v1::ImportTeachersRequest import_teachers;
  import_teachers.set_parent(parent);
  import_teachers.set_csv_data("staff_id,name,max_sections\nauthz-teacher-staff,Authz,4\n");
  import_teachers.set_validate_only(true);
  matrix.Add(Row("ImportTeachers", Needs::kWrite, &R::ImportTeachers, import_teachers));
  v1::ExportTeachersRequest export_teachers;
  export_teachers.set_parent(parent);
  matrix.Add(Row("ExportTeachers", Needs::kRead, &R::ExportTeachers, export_teachers));

  v1::CreateRoomRequest create_room;
  create_room.set_parent(parent);
  *create_room.mutable_room() = RoomValues("AUTHZ-NEW", 20, "regular");
  matrix.Add(Row("CreateRoom", Needs::kWrite, &R::CreateRoom, create_room));
  v1::GetRoomRequest get_room;
  get_room.set_name(room);
  matrix.Add(Row("GetRoom", Needs::kRead, &R::GetRoom, get_room));
  v1::ListRoomsRequest list_rooms;
  list_rooms.set_parent(parent);
  matrix.Add(Row("ListRooms", Needs::kRead, &R::ListRooms, list_rooms));
  v1::UpdateRoomRequest update_room;
  update_room.mutable_room()->set_name(room);
  update_room.mutable_room()->set_capacity(25);
  update_room.mutable_update_mask()->add_paths("capacity");
  matrix.Add(Row("UpdateRoom", Needs::kWrite, &R::UpdateRoom, update_room));
  v1::DeleteRoomRequest delete_room;
  delete_room.set_name(parent + "/rooms/no-such-room");
  matrix.Add(Row("DeleteRoom", Needs::kWrite, &R::DeleteRoom, delete_room));
  v1::ImportRoomsRequest import_rooms;
  import_rooms.set_parent(parent);
  import_rooms.set_csv_data("number,capacity,type\nAUTHZ-2,20,regular\n");
  import_rooms.set_validate_only(true);
  matrix.Add(Row("ImportRooms", Needs::kWrite, &R::ImportRooms, import_rooms));
  v1::ExportRoomsRequest export_rooms;
  export_rooms.set_parent(parent);
  matrix.Add(Row("ExportRooms", Needs::kRead, &R::ExportRooms, export_rooms));

  v1::RunReportRequest run;
  run.set_parent(parent);
  run.set_report(report);
  matrix.Add(Row("RunReport", Needs::kRead, &P::RunReport, run));
  v1::SaveReportDefinitionRequest save;
  save.mutable_report_definition()->set_name(report);
  save.mutable_report_definition()->set_display_name("Rooms");
  save.mutable_report_definition()->set_entity(v1::ROOMS);
  matrix.Add(Row("SaveReportDefinition", Needs::kWrite, &P::SaveReportDefinition, save));
  v1::GetReportDefinitionRequest get_report;
  get_report.set_name(report);
  matrix.Add(Row("GetReportDefinition", Needs::kRead, &P::GetReportDefinition, get_report));
  v1::ListReportDefinitionsRequest list_reports;
  list_reports.set_parent("schools/" + kSchool);
  matrix.Add(Row("ListReportDefinitions", Needs::kRead, &P::ListReportDefinitions, list_reports));
  v1::DeleteReportDefinitionRequest delete_report;
  delete_report.set_name("schools/" + kSchool + "/reports/no-such-report");
  matrix.Add(
      Row("DeleteReportDefinition", Needs::kWrite, &P::DeleteReportDefinition, delete_report));
  return matrix;
}

class ResourceAuthorization : public CatalogEnvTest {
 protected:
  static void SetUpTestSuite() {
    CatalogEnvTest::SetUpTestSuite();
    env().GrantSchedulingAccess("dana", kSchool);
    env().GrantSchedulingAccess("morgan", kOtherSchool);
    env().GrantSchedulingAccess("riley", kSchool);
    CreateResourceCalendar(env(), kCalendar, kSchool);
    // The resources the Get/Update cases name.
    v1::CreateTeacherRequest teacher;
    teacher.set_parent(Name(kCalendar));
    teacher.set_teacher_id("authz-teacher");
    *teacher.mutable_teacher() = TeacherValues("authz-staff", "Authz");
    v1::Teacher created_teacher;
    grpc::Status s = env().resources().CreateTeacher(Scheduler().get(), teacher, &created_teacher);
    ASSERT_TRUE(s.ok()) << s.error_message();
    v1::CreateRoomRequest room;
    room.set_parent(Name(kCalendar));
    room.set_room_id("authz-room");
    *room.mutable_room() = RoomValues("AUTHZ-1", 30, "regular");
    v1::Room created_room;
    s = env().resources().CreateRoom(Scheduler().get(), room, &created_room);
    ASSERT_TRUE(s.ok()) << s.error_message();
    v1::SaveReportDefinitionRequest save;
    save.mutable_report_definition()->set_name("schools/" + kSchool + "/reports/authz-report");
    save.mutable_report_definition()->set_display_name("Rooms");
    save.mutable_report_definition()->set_entity(v1::ROOMS);
    v1::ReportDefinition saved;
    s = env().reports().SaveReportDefinition(Scheduler().get(), save, &saved);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
};

TEST_F(ResourceAuthorization, EveryRpcHasARow) {
  Matrix(env()).ExpectEveryRpcHasARow(
      {"secsched.catalog.v1.ResourceService", "secsched.catalog.v1.ReportService"});
}

TEST_F(ResourceAuthorization, EveryCallerGetsTheRightAnswerFromEveryRpc) {
  const authz::AuthorizationMatrix matrix = Matrix(env());
  const std::string riley = MintTestToken("riley", {});
  ASSERT_TRUE(matrix.Call("ListTeachers", riley).ok());
  env().TransferTo("riley", kOtherSchool);
  // The transfer's evaluation runs on the access worker thread; poll briefly for it.
  ASSERT_TRUE(secsched::testing::WaitFor(
      [&] {
        return matrix.Call("ListTeachers", riley).error_code() ==
               grpc::StatusCode::PERMISSION_DENIED;
      },
      std::chrono::seconds(10)));

  authz::MatrixCaller reader = authz::Reader("service:report");
  reader.reads = authz::Ok();
  authz::MatrixCaller staff = authz::StaffWithAccess("dana");
  // Delete rows name things that do not exist: NOT_FOUND proves the access check passed.
  staff.reads = staff.writes =
      authz::Outcome::OneOf({grpc::StatusCode::OK, grpc::StatusCode::NOT_FOUND});
  matrix.Check({authz::NoToken(), authz::BadSignature(), authz::ExpiredToken(),
                authz::OtherSchoolStaff("morgan", {"scheduler"}), authz::RevokedStaff("riley"),
                reader, staff, authz::Admin()});
}

}  // namespace
}  // namespace secsched::catalog::testing
