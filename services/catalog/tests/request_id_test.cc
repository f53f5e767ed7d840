// AIP-155 idempotency of the catalog's creates: the same request_id sent by many clients at once
// answers every one of them with the first result, and the same request_id with another body is
// INVALID_ARGUMENT on request_id (common/pg/request_ids.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "common/status/grpc_status.h"
#include "common/testing/together.h"
#include "services/catalog/tests/resource_test_helpers.h"

namespace secsched::catalog::testing {
namespace {

using ::testing::ElementsAre;

constexpr int kClients = 10;

// Sends one create from kClients clients at once; every call must succeed with the same name.
// `create` fills the created resource's name.
void ExpectOneResultForAll(const std::function<grpc::Status(std::string* name)>& create) {
  std::vector<grpc::Status> statuses(kClients);
  std::vector<std::string> names(kClients);
  secsched::testing::RunTogether(kClients, [&](int i) { statuses[i] = create(&names[i]); });
  for (int i = 0; i < kClients; ++i) {
    EXPECT_TRUE(statuses[i].ok()) << "client " << i << ": " << statuses[i].error_code() << " "
                                  << statuses[i].error_message();
  }
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), 1u);
  EXPECT_FALSE(names[0].empty());
}

void ExpectRequestIdReused(const grpc::Status& status) {
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_THAT(ViolatedFields(status), ElementsAre("request_id"));
}

class CatalogRequestIds : public CatalogEnvTest {
 protected:
  static constexpr char kCalendar[] = "rid-2026";
  static constexpr char kSchool[] = "rid-high";
  static void SetUpTestSuite() {
    CatalogEnvTest::SetUpTestSuite();
    CreateResourceCalendar(env(), kCalendar, kSchool);
  }
};

TEST_F(CatalogRequestIds, CreateCourseFromTenClientsAtOnce) {
  v1::CreateCourseRequest request;
  request.set_parent(CalendarName(kCalendar));
  request.set_request_id("rid-course");
  FillCourse(request.mutable_course(), "SCI-9", "Science");
  ExpectOneResultForAll([&](std::string* name) {
    v1::Course course;
    grpc::Status s = env().courses().CreateCourse(Admin().get(), request, &course);
    *name = course.name();
    return s;
  });
  request.mutable_course()->set_display_name("Another science");
  v1::Course out;
  ExpectRequestIdReused(env().courses().CreateCourse(Admin().get(), request, &out));
}

TEST_F(CatalogRequestIds, CreateTeacherFromTenClientsAtOnce) {
  v1::CreateTeacherRequest request;
  request.set_parent(CalendarName(kCalendar));
  request.set_request_id("rid-teacher");
  *request.mutable_teacher() = TeacherValues("kim", "Kim");
  ExpectOneResultForAll([&](std::string* name) {
    v1::Teacher teacher;
    grpc::Status s = env().resources().CreateTeacher(Scheduler().get(), request, &teacher);
    *name = teacher.name();
    return s;
  });
  request.mutable_teacher()->set_max_sections(4);
  v1::Teacher out;
  ExpectRequestIdReused(env().resources().CreateTeacher(Scheduler().get(), request, &out));
}

TEST_F(CatalogRequestIds, CreateRoomFromTenClientsAtOnce) {
  v1::CreateRoomRequest request;
  request.set_parent(CalendarName(kCalendar));
  request.set_request_id("rid-room");
  *request.mutable_room() = RoomValues("101", 30, "regular");
  ExpectOneResultForAll([&](std::string* name) {
    v1::Room room;
    grpc::Status s = env().resources().CreateRoom(Scheduler().get(), request, &room);
    *name = room.name();
    return s;
  });
  request.mutable_room()->set_capacity(31);
  v1::Room out;
  ExpectRequestIdReused(env().resources().CreateRoom(Scheduler().get(), request, &out));
}

TEST_F(CatalogRequestIds, CreateSchoolFromTenClientsAtOnce) {
  v1::CreateSchoolRequest request;
  request.set_school_id("rid-west");
  request.set_request_id("rid-school");
  request.mutable_school()->set_display_name("West High");
  request.mutable_school()->set_low_grade(9);
  request.mutable_school()->set_high_grade(12);
  ExpectOneResultForAll([&](std::string* name) {
    v1::School school;
    grpc::Status s =
        env().catalog().CreateSchool(As(kDistrict, kScheduler).get(), request, &school);
    *name = school.name();
    return s;
  });
  request.mutable_school()->set_low_grade(6);
  v1::School out;
  ExpectRequestIdReused(
      env().catalog().CreateSchool(As(kDistrict, kScheduler).get(), request, &out));
}

TEST_F(CatalogRequestIds, CreateCalendarFromTenClientsAtOnce) {
  v1::CreateCalendarRequest request = NewCalendar("rid-west-2026", "rid-west");
  request.set_request_id("rid-calendar");
  ExpectOneResultForAll([&](std::string* name) {
    v1::Calendar calendar;
    grpc::Status s =
        env().catalog().CreateCalendar(As(kDistrict, kScheduler).get(), request, &calendar);
    *name = calendar.name();
    return s;
  });
  request.mutable_calendar()->set_display_name("Renamed");
  v1::Calendar out;
  ExpectRequestIdReused(
      env().catalog().CreateCalendar(As(kDistrict, kScheduler).get(), request, &out));
}

TEST_F(CatalogRequestIds, ARetryWithTheSameBodyStillAnswersTheFirstResult) {
  v1::CreateRoomRequest request;
  request.set_parent(CalendarName(kCalendar));
  request.set_request_id("rid-room-retry");
  *request.mutable_room() = RoomValues("102", 25, "regular");
  v1::Room first, again;
  ASSERT_TRUE(env().resources().CreateRoom(Scheduler().get(), request, &first).ok());
  ASSERT_TRUE(env().resources().CreateRoom(Scheduler().get(), request, &again).ok());
  EXPECT_EQ(again.name(), first.name());
}

}  // namespace
}  // namespace secsched::catalog::testing
