// Teachers and rooms through gRPC with real PostgreSQL: CRUD with validation, masks, paging and
// idempotent create; CSV import (all or nothing), export and the round trip.
#include <gmock/gmock.h>

#include <chrono>
#include <cstdio>

#include "google/protobuf/util/message_differencer.h"
#include "services/catalog/tests/resource_test_helpers.h"

namespace secsched::catalog::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

const std::string kCalendar = "res-2026";
const std::string kSchool = "res-high";

class TeachersAndRooms : public CatalogEnvTest {
 protected:
  static void SetUpTestSuite() {
    CatalogEnvTest::SetUpTestSuite();
    CreateResourceCalendar(env(), kCalendar, kSchool);
  }

  static grpc::Status CreateTeacher(const std::string &calendar, const v1::Teacher &values,
                                    v1::Teacher *out, const std::string &id = "",
                                    const std::string &request_id = "") {
    v1::CreateTeacherRequest request;
    request.set_parent(Name(calendar));
    *request.mutable_teacher() = values;
    request.set_teacher_id(id);
    request.set_request_id(request_id);
    return env().resources().CreateTeacher(Scheduler().get(), request, out);
  }

  static std::vector<v1::Teacher> AllTeachers(const std::string &calendar) {
    std::vector<v1::Teacher> all;
    v1::ListTeachersRequest request;
    request.set_parent(Name(calendar));
    request.set_page_size(1000);
    v1::ListTeachersResponse response;
    grpc::Status s = env().resources().ListTeachers(Scheduler().get(), request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    all.assign(response.teachers().begin(), response.teachers().end());
    return all;
  }

  static std::vector<v1::Room> AllRooms(const std::string &calendar) {
    v1::ListRoomsRequest request;
    request.set_parent(Name(calendar));
    request.set_page_size(1000);
    v1::ListRoomsResponse response;
    grpc::Status s = env().resources().ListRooms(Scheduler().get(), request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {response.rooms().begin(), response.rooms().end()};
  }

  static grpc::Status Import(const std::string &calendar, const std::string &csv,
                             v1::ImportResourcesResponse *out, bool validate_only = false) {
    v1::ImportTeachersRequest request;
    request.set_parent(Name(calendar));
    request.set_csv_data(csv);
    request.set_validate_only(validate_only);
    return env().resources().ImportTeachers(Scheduler().get(), request, out);
  }

  static std::string Export(const std::string &calendar) {
    v1::ExportTeachersRequest request;
    request.set_parent(Name(calendar));
    v1::ExportResourcesResponse response;
    grpc::Status s = env().resources().ExportTeachers(Scheduler().get(), request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response.csv_data();
  }
};

TEST_F(TeachersAndRooms, TeacherCreateGetUpdateDelete) {
  v1::Teacher created;
  grpc::Status s =
      CreateTeacher(kCalendar, TeacherValues("dana", "Dana Reyes"), &created, "dana-t");
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(created.name(), "calendars/res-2026/teachers/dana-t");
  EXPECT_THAT(created.can_teach_courses(), ElementsAre("eng9"));
  ASSERT_EQ(created.unavailable_size(), 2);
  EXPECT_EQ(created.unavailable(1).term(), "s1");

  v1::GetTeacherRequest get;
  get.set_name(created.name());
  v1::Teacher fetched;
  ASSERT_TRUE(env().resources().GetTeacher(Scheduler().get(), get, &fetched).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(created, fetched));

  // Only the masked field changes.
  v1::UpdateTeacherRequest update;
  update.mutable_teacher()->set_name(created.name());
  update.mutable_teacher()->set_max_sections(6);
  update.mutable_teacher()->set_max_sections_per_term(4);
  update.mutable_teacher()->set_display_name("ignored: not in the mask");
  update.mutable_update_mask()->add_paths("max_sections");
  update.mutable_update_mask()->add_paths("max_sections_per_term");
  v1::Teacher updated;
  s = env().resources().UpdateTeacher(Scheduler().get(), update, &updated);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(updated.max_sections(), 6);
  EXPECT_EQ(updated.max_sections_per_term(), 4);
  EXPECT_EQ(updated.display_name(), "Dana Reyes");
  EXPECT_THAT(updated.can_teach_courses(), ElementsAre("eng9"));

  update.mutable_update_mask()->add_paths("shoe_size");
  s = env().resources().UpdateTeacher(Scheduler().get(), update, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(s), ElementsAre("update_mask"));

  // An update that breaks a rule changes nothing.
  update.mutable_update_mask()->Clear();
  update.mutable_update_mask()->add_paths("can_teach_courses");
  update.mutable_teacher()->add_can_teach_courses("no-such-course");
  s = env().resources().UpdateTeacher(Scheduler().get(), update, &updated);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(s), ElementsAre("teacher.can_teach_courses"));
  ASSERT_TRUE(env().resources().GetTeacher(Scheduler().get(), get, &fetched).ok());
  EXPECT_THAT(fetched.can_teach_courses(), ElementsAre("eng9"));

  v1::DeleteTeacherRequest remove;
  remove.set_name(created.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(env().resources().DeleteTeacher(Scheduler().get(), remove, &empty).ok());
  EXPECT_EQ(env().resources().GetTeacher(Scheduler().get(), get, &fetched).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(env().resources().DeleteTeacher(Scheduler().get(), remove, &empty).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(TeachersAndRooms, TeacherValidationNamesTheFields) {
  v1::Teacher bad = TeacherValues("Not An Id", "");
  bad.add_can_teach_courses("bio-99");
  bad.set_max_sections(40);
  bad.add_unavailable()->set_period(9);  // the A/B schedule has periods 1-8
  v1::UnavailablePeriod *wrong_term = bad.add_unavailable();
  wrong_term->set_period(2);
  wrong_term->set_term("q3");
  v1::Teacher out;
  grpc::Status s = CreateTeacher(kCalendar, bad, &out);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(s),
              ElementsAre("teacher.staff_id", "teacher.display_name", "teacher.can_teach_courses",
                          "teacher.max_sections", "teacher.unavailable", "teacher.unavailable"));
  EXPECT_EQ(CreateTeacher("no-such-calendar", TeacherValues("x", "X"), &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(TeachersAndRooms, StaffIdsAreUniqueAndRetriesAreIdempotent) {
  v1::Teacher first, again;
  ASSERT_TRUE(CreateTeacher(kCalendar, TeacherValues("lee", "Lee"), &first, "", "req-lee").ok());
  ASSERT_TRUE(CreateTeacher(kCalendar, TeacherValues("lee", "Lee"), &again, "", "req-lee").ok());
  EXPECT_EQ(first.name(), again.name());
  grpc::Status s = CreateTeacher(kCalendar, TeacherValues("lee", "Lee 2"), &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(s.error_message(), HasSubstr(first.name()));
}

TEST_F(TeachersAndRooms, ListPagesThroughTeachers) {
  const std::string calendar = "res-paging";
  // A school of its own: a school has one calendar per year.
  ASSERT_NO_FATAL_FAILURE(CreateResourceCalendar(env(), calendar, calendar + "-school"));
  for (const char *staff : {"p1", "p2", "p3", "p4", "p5"}) {
    v1::Teacher out;
    ASSERT_TRUE(
        CreateTeacher(calendar, TeacherValues(staff, staff), &out, std::string("t-") + staff).ok());
  }
  v1::ListTeachersRequest request;
  request.set_parent(Name(calendar));
  request.set_page_size(2);
  std::vector<std::string> names;
  int pages = 0;
  do {
    v1::ListTeachersResponse response;
    ASSERT_TRUE(env().resources().ListTeachers(Scheduler().get(), request, &response).ok());
    for (const v1::Teacher &t : response.teachers()) names.push_back(t.staff_id());
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 3);
  EXPECT_THAT(names, ElementsAre("p1", "p2", "p3", "p4", "p5"));
  request.set_page_token("not a token");
  v1::ListTeachersResponse response;
  EXPECT_EQ(env().resources().ListTeachers(Scheduler().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(TeachersAndRooms, RoomCreateUpdateDelete) {
  v1::CreateRoomRequest create;
  create.set_parent(Name(kCalendar));
  *create.mutable_room() = RoomValues("B-104", 28, "lab");
  create.mutable_room()->add_unavailable()->set_period(8);
  v1::Room room;
  grpc::Status s = env().resources().CreateRoom(Scheduler().get(), create, &room);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_THAT(room.name(), HasSubstr("calendars/res-2026/rooms/room-"));
  EXPECT_EQ(env().resources().CreateRoom(Scheduler().get(), create, &room).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);  // same number

  v1::UpdateRoomRequest update;
  *update.mutable_room() = RoomValues("B-104", 0, "");
  update.mutable_room()->set_name(room.name());
  update.mutable_update_mask()->add_paths("capacity");
  v1::Room updated;
  s = env().resources().UpdateRoom(Scheduler().get(), update, &updated);
  EXPECT_THAT(ViolatedFields(s), ElementsAre("room.capacity"));
  update.mutable_room()->set_capacity(32);
  s = env().resources().UpdateRoom(Scheduler().get(), update, &updated);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(updated.capacity(), 32);
  EXPECT_EQ(updated.room_type(), "lab");
  ASSERT_EQ(updated.unavailable_size(), 1);

  v1::CreateRoomRequest bad;
  bad.set_parent(Name(kCalendar));
  *bad.mutable_room() = RoomValues("", 2000, "");
  s = env().resources().CreateRoom(Scheduler().get(), bad, &room);
  EXPECT_THAT(ViolatedFields(s), ElementsAre("room.number", "room.capacity", "room.room_type"));

  v1::DeleteRoomRequest remove;
  remove.set_name(updated.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(env().resources().DeleteRoom(Scheduler().get(), remove, &empty).ok());
  v1::GetRoomRequest get;
  get.set_name(updated.name());
  EXPECT_EQ(env().resources().GetRoom(Scheduler().get(), get, &room).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(TeachersAndRooms, TeachersCsvRoundTrip) {
  const std::string calendar = "res-csv";
  // A school of its own: a school has one calendar per year.
  ASSERT_NO_FATAL_FAILURE(CreateResourceCalendar(env(), calendar, calendar + "-school"));
  const std::string csv =
      "staff_id,name,departments,can_teach,max_sections,unavailable,active\n"
      "amy,\"Reyes, Amy\",English,ENG9;ENG10,5,1;5@s1,true\n"
      "ben,Ben Cho,Math,MA-210,6,,true\n"
      "cal,Cal Diaz,,,0,8,false\n";
  v1::ImportResourcesResponse counts;
  grpc::Status s = Import(calendar, csv, &counts, /*validate_only=*/true);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(counts.created(), 3);
  EXPECT_TRUE(AllTeachers(calendar).empty());  // validate_only wrote nothing

  ASSERT_TRUE(Import(calendar, csv, &counts).ok());
  EXPECT_EQ(counts.created(), 3);
  std::vector<v1::Teacher> teachers = AllTeachers(calendar);
  ASSERT_EQ(teachers.size(), 3u);

  // Export is the import format: importing it again changes nothing.
  std::string exported = Export(calendar);
  EXPECT_THAT(exported, HasSubstr("amy,\"Reyes, Amy\",English,ENG9;ENG10,5,0,1;5@s1,true\r\n"));
  ASSERT_TRUE(Import(calendar, exported, &counts).ok());
  EXPECT_EQ(counts.created(), 0);
  EXPECT_EQ(counts.updated(), 0);
  EXPECT_EQ(counts.unchanged(), 3);

  // A changed row updates that teacher in place (same resource name).
  std::string changed = exported;
  changed.replace(changed.find("Ben Cho,Math,MA-210,6"), 21, "Ben Cho,Math,MA-210,4");
  ASSERT_TRUE(Import(calendar, changed, &counts).ok());
  EXPECT_EQ(counts.updated(), 1);
  EXPECT_EQ(counts.unchanged(), 2);
  std::vector<v1::Teacher> after = AllTeachers(calendar);
  ASSERT_EQ(after.size(), 3u);
  for (const v1::Teacher &t : after) {
    if (t.staff_id() == "ben") {
      EXPECT_EQ(t.max_sections(), 4);
    }
  }
  std::vector<std::string> names_before, names_after;
  for (const auto &t : teachers) names_before.push_back(t.name());
  for (const auto &t : after) names_after.push_back(t.name());
  EXPECT_EQ(names_before, names_after);
}

TEST_F(TeachersAndRooms, ABadCsvRowWritesNothing) {
  const std::string calendar = "res-badcsv";
  // A school of its own: a school has one calendar per year.
  ASSERT_NO_FATAL_FAILURE(CreateResourceCalendar(env(), calendar, calendar + "-school"));
  const std::string csv =
      "staff_id,name,can_teach,max_sections,unavailable\n"
      "amy,Amy,ENG9,5,\n"
      "ben,Ben,ENG99,5,\n"  // line 3: no such course
      "cal,Cal,,5,12\n";    // line 4: no period 12
  v1::ImportResourcesResponse counts;
  grpc::Status s = Import(calendar, csv, &counts);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(s), ElementsAre("rows[3].can_teach", "rows[4].unavailable"));
  EXPECT_THAT(s.error_message(), HasSubstr("nothing was written"));
  EXPECT_TRUE(AllTeachers(calendar).empty());
}

TEST_F(TeachersAndRooms, RoomsCsvRoundTripAndBadRows) {
  const std::string calendar = "res-rooms-csv";
  // A school of its own: a school has one calendar per year.
  ASSERT_NO_FATAL_FAILURE(CreateResourceCalendar(env(), calendar, calendar + "-school"));
  v1::ImportRoomsRequest import;
  import.set_parent(Name(calendar));
  import.set_csv_data("number,capacity,type,unavailable\nB-104,28,lab,8\nGYM,60,gym,\n");
  v1::ImportResourcesResponse counts;
  ASSERT_TRUE(env().resources().ImportRooms(Scheduler().get(), import, &counts).ok());
  EXPECT_EQ(counts.created(), 2);

  v1::ExportRoomsRequest export_request;
  export_request.set_parent(Name(calendar));
  v1::ExportResourcesResponse exported;
  ASSERT_TRUE(env().resources().ExportRooms(Scheduler().get(), export_request, &exported).ok());
  EXPECT_EQ(exported.csv_data(),
            "number,capacity,type,unavailable,active\r\nB-"
            "104,28,lab,8,true\r\nGYM,60,gym,,true\r\n");
  import.set_csv_data(exported.csv_data());
  ASSERT_TRUE(env().resources().ImportRooms(Scheduler().get(), import, &counts).ok());
  EXPECT_EQ(counts.unchanged(), 2);

  import.set_csv_data("number,capacity,type\nC-1,30,regular\nC-2,lots,regular\n");
  grpc::Status s = env().resources().ImportRooms(Scheduler().get(), import, &counts);
  EXPECT_THAT(ViolatedFields(s), ElementsAre("rows[3].capacity"));
  std::vector<std::string> numbers;
  for (const v1::Room &room : AllRooms(calendar)) numbers.push_back(room.number());
  EXPECT_THAT(numbers, UnorderedElementsAre("B-104", "GYM"));  // C-1 was not written
}

TEST_F(TeachersAndRooms, ImportsTwoThousandTeachersInOneGo) {
  const std::string calendar = "res-bulk";
  ASSERT_NO_FATAL_FAILURE(CreateResourceCalendar(env(), calendar, calendar + "-school"));
  std::string csv = "staff_id,name,departments,can_teach,max_sections,unavailable\n";
  for (int i = 0; i < 2000; ++i) {
    csv += "staff-" + std::to_string(i) + ",Teacher " + std::to_string(i) +
           ",English;Math,ENG9;MA-210," + std::to_string(i % 7) + ",1;5@s1\n";
  }
  v1::ImportResourcesResponse counts;
  auto start = std::chrono::steady_clock::now();
  grpc::Status s = Import(calendar, csv, &counts);
  auto first = std::chrono::steady_clock::now();
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(counts.created(), 2000);
  ASSERT_TRUE(Import(calendar, Export(calendar), &counts).ok());
  auto second = std::chrono::steady_clock::now();
  EXPECT_EQ(counts.unchanged(), 2000);
  // Printed, not asserted (the machine is shared): the issue asks for imports under a second.
  std::printf("[ measure  ] 2,000 teachers: import %lld ms; export + re-import %lld ms\n",
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(first - start).count()),
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(second - first).count()));
}

}  // namespace
}  // namespace secsched::catalog::testing
