// GrpcCatalogReader against the real catalog handlers (CourseService, ResourceService) served
// in-process over real PostgreSQL: every page is read, values convert, answers are cached for the
// configured time, an unknown calendar is NOT_FOUND.
#include "common/catalog/grpc_catalog_reader.h"

#include <gtest/gtest.h>

#include <tuple>

#include "common/access/access_client.h"
#include "common/grpc/testing/in_process_server.h"
#include "services/catalog/tests/resource_test_helpers.h"

namespace secsched::catalog::testing {
namespace {

class GrpcCatalogReaderTest : public CatalogEnvTest {
 protected:
  static void SetUpTestSuite() {
    CatalogEnvTest::SetUpTestSuite();
    CreateResourceCalendar(env(), "reader-2026", "reader-high",
                           {{"ENG9", "English"},
                            {"ENG10", "English"},
                            {"MA-210", "Math"},
                            {"ART", "Art"},
                            {"BAND", "Music"}});
    v1::CreateTeacherRequest teacher;
    teacher.set_parent(CalendarName("reader-2026"));
    teacher.set_teacher_id("t-lopez");
    *teacher.mutable_teacher() = TeacherValues("staff-lopez", "Ms Lopez");
    v1::Teacher created;
    grpc::Status status = env().resources().CreateTeacher(Admin().get(), teacher, &created);
    if (!status.ok()) throw std::runtime_error("CreateTeacher: " + status.error_message());
  }

  // The token the requests service presents: "service:requests" with `reader`.
  static GrpcCatalogReader Reader(GrpcCatalogReaderOptions options) {
    return GrpcCatalogReader(env().channel(),
                             access::MintingTokenSource(TestJwtConfig(), "requests"), options);
  }
};

TEST_F(GrpcCatalogReaderTest, ReadsEveryPageOfCoursesAndTeachers) {
  GrpcCatalogReader reader = Reader({.ttl = std::chrono::milliseconds(0), .page_size = 2});
  absl::StatusOr<std::vector<CatalogCourse>> courses = reader.Courses("reader-2026");
  ASSERT_TRUE(courses.ok()) << courses.status();
  ASSERT_EQ(courses->size(), 5u);  // three pages of two
  std::vector<std::string> numbers;
  for (const CatalogCourse& c : *courses) numbers.push_back(c.number);
  EXPECT_EQ(numbers, (std::vector<std::string>{"ART", "BAND", "ENG10", "ENG9", "MA-210"}));
  const CatalogCourse& eng9 = (*courses)[3];
  EXPECT_EQ(eng9.id, "eng9");
  EXPECT_EQ(eng9.department, "English");
  EXPECT_EQ(eng9.min_grade, 9);
  EXPECT_EQ(eng9.max_grade, 12);
  EXPECT_EQ(eng9.max_students, 30);
  EXPECT_TRUE(eng9.active);

  absl::StatusOr<std::vector<CatalogTeacher>> teachers = reader.Teachers("reader-2026");
  ASSERT_TRUE(teachers.ok()) << teachers.status();
  ASSERT_EQ(teachers->size(), 1u);
  EXPECT_EQ((*teachers)[0].id, "t-lopez");
  EXPECT_EQ((*teachers)[0].staff_id, "staff-lopez");
  EXPECT_TRUE((*teachers)[0].CanTeach(eng9));
}

TEST_F(GrpcCatalogReaderTest, ReadsEveryPageOfRoomsWithTheirUnavailablePeriods) {
  ASSERT_NO_FATAL_FAILURE(CreateResourceCalendar(env(), "reader-rooms", "rooms-high", {}));
  for (auto [id, capacity, type] : std::vector<std::tuple<std::string, int, std::string>>{
           {"r101", 30, "regular"}, {"lab1", 24, "lab"}, {"gym", 60, "gym"}}) {
    v1::CreateRoomRequest room;
    room.set_parent(CalendarName("reader-rooms"));
    room.set_room_id(id);
    *room.mutable_room() = RoomValues(id, capacity, type);
    if (id == "lab1") {
      v1::UnavailablePeriod* period = room.mutable_room()->add_unavailable();
      period->set_period(3);
      period->set_term("s2");
    }
    v1::Room created;
    grpc::Status status = env().resources().CreateRoom(Admin().get(), room, &created);
    ASSERT_TRUE(status.ok()) << id << ": " << status.error_message();
  }
  GrpcCatalogReader reader = Reader({.ttl = std::chrono::milliseconds(0), .page_size = 2});
  absl::StatusOr<std::vector<CatalogRoom>> rooms = reader.Rooms("reader-rooms");
  ASSERT_TRUE(rooms.ok()) << rooms.status();
  ASSERT_EQ(rooms->size(), 3u);          // two pages
  const CatalogRoom& lab = (*rooms)[1];  // ordered by id: gym, lab1, r101
  EXPECT_EQ((*rooms)[0].id, "gym");
  EXPECT_EQ(lab.id, "lab1");
  EXPECT_EQ(lab.number, "lab1");
  EXPECT_EQ(lab.capacity, 24);
  EXPECT_EQ(lab.room_type, "lab");
  EXPECT_TRUE(lab.active);
  ASSERT_EQ(lab.unavailable.size(), 1u);
  EXPECT_EQ(lab.unavailable[0].period, 3);
  EXPECT_EQ(lab.unavailable[0].term_id, "s2");

  absl::StatusOr<std::vector<CatalogTeacher>> teachers = reader.Teachers("reader-2026");
  ASSERT_TRUE(teachers.ok()) << teachers.status();
  ASSERT_EQ((*teachers)[0].unavailable.size(), 2u);  // TeacherValues: period 1, and 5 in s1
  EXPECT_EQ((*teachers)[0].unavailable[1].period, 5);
  EXPECT_EQ((*teachers)[0].unavailable[1].term_id, "s1");
  EXPECT_EQ((*teachers)[0].max_sections, 5);
  EXPECT_EQ(reader.Rooms("no-such-calendar").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(GrpcCatalogReaderTest, ReadsTheCalendarsStateTermsAndBellSchedule) {
  ASSERT_NO_FATAL_FAILURE(CreateResourceCalendar(env(), "reader-bells", "bells-high", {}));
  GrpcCatalogReader reader = Reader({.ttl = std::chrono::milliseconds(0)});
  absl::StatusOr<CatalogCalendar> calendar = reader.Calendar("reader-bells");
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  EXPECT_EQ(calendar->id, "reader-bells");
  EXPECT_EQ(calendar->school_id, "bells-high");
  EXPECT_EQ(calendar->state, CatalogCalendarState::kDraft);
  ASSERT_EQ(calendar->terms.size(), 2u);
  EXPECT_EQ(calendar->terms[0].id, "s1");
  EXPECT_EQ(calendar->terms[0].start_date, "2026-08-24");
  EXPECT_EQ(calendar->terms[1].id, "s2");
  EXPECT_EQ(calendar->terms[1].end_date, "2027-05-28");
  EXPECT_EQ(calendar->day_types, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(calendar->periods.size(), 8u);  // A days 1-4, B days 5-8
  EXPECT_EQ(calendar->periods[0].number, 1);
  EXPECT_EQ(calendar->periods[0].day_type, "a");
  EXPECT_EQ(calendar->periods[7].number, 8);
  EXPECT_EQ(calendar->periods[7].day_type, "b");

  // Submitted and approved by the district: the reader sees the new state.
  v1::Calendar changed;
  v1::SubmitCalendarRequest submit;
  submit.set_name(CalendarName("reader-bells"));
  ASSERT_TRUE(
      env().catalog().SubmitCalendar(As(kDistrict, kScheduler).get(), submit, &changed).ok());
  v1::ApproveCalendarRequest approve;
  approve.set_name(CalendarName("reader-bells"));
  ASSERT_TRUE(
      env().catalog().ApproveCalendar(As(kDistrict, kScheduler).get(), approve, &changed).ok());
  calendar = reader.Calendar("reader-bells");
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  EXPECT_EQ(calendar->state, CatalogCalendarState::kApproved);
  EXPECT_EQ(reader.Calendar("no-such-calendar").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(GrpcCatalogReaderTest, AnswersAreCachedForTheTtl) {
  GrpcCatalogReader cached = Reader({.ttl = std::chrono::hours(1)});
  GrpcCatalogReader uncached = Reader({.ttl = std::chrono::milliseconds(0)});
  ASSERT_NO_FATAL_FAILURE(
      CreateResourceCalendar(env(), "reader-cache", "cache-high", {{"BIO", "Science"}}));
  ASSERT_EQ(cached.Courses("reader-cache")->size(), 1u);
  ASSERT_TRUE(CreateCourse(env(), Admin().get(), "reader-cache", "CHEM", "Science").ok());
  EXPECT_EQ(cached.Courses("reader-cache")->size(), 1u);  // within the hour: the cached answer
  EXPECT_EQ(uncached.Courses("reader-cache")->size(), 2u);
}

TEST_F(GrpcCatalogReaderTest, AnUnknownCalendarIsNotFoundAndNotCached) {
  GrpcCatalogReader reader = Reader({});
  EXPECT_EQ(reader.Courses("no-such-calendar").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(reader.Teachers("no-such-calendar").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(GrpcCatalogReaderTest, ARefusedTokenIsUnavailableNotTheCallersFault) {
  GrpcCatalogReader reader(env().channel(), [] { return absl::StatusOr<std::string>("not-a-jwt"); },
                           {});
  EXPECT_EQ(reader.Courses("reader-2026").status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace secsched::catalog::testing
