// Course masters and school courses through gRPC with real PostgreSQL: 150 courses from masters,
// locks, a push that changes locked fields and reports it, validation and idempotent creates,
// and the roll-over copy.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "common/pg/transaction.h"
#include "services/catalog/storage/pg_course_rollover.h"
#include "services/catalog/tests/course_test_helpers.h"

namespace secsched::catalog::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class CourseCatalog : public CatalogEnvTest {
 protected:
  static void SetUpTestSuite() {
    CatalogEnvTest::SetUpTestSuite();
    env().GrantSchedulingAccess("dana", "east-high");
  }

  static v1::CourseMaster CreateMaster(const std::string& number, const std::string& department,
                                       const std::vector<std::string>& locked) {
    v1::CreateCourseMasterRequest request;
    FillCourse(request.mutable_course_master(), number, department);
    for (const std::string& field : locked) {
      request.mutable_course_master()->add_locked_fields(field);
    }
    v1::CourseMaster master;
    grpc::Status status = env().courses().CreateCourseMaster(District().get(), request, &master);
    if (!status.ok()) throw std::runtime_error("CreateCourseMaster: " + status.error_message());
    return master;
  }
};

TEST_F(CourseCatalog, ASchoolGets150CoursesFromMastersAndListsThemInPages) {
  const std::string calendar = MakeCalendar(env(), "east-high", "2026-2027", "east-150");
  const char* departments[] = {"Math", "English", "Science", "Arts", "World Languages"};
  for (int i = 0; i < 150; ++i) {
    char number[16];
    std::snprintf(number, sizeof number, "D%03d", i);
    v1::CourseMaster master = CreateMaster(number, departments[i % 5], {"credits"});
    v1::CreateCourseRequest request;
    request.set_parent(CalendarName(calendar));
    request.set_course_master(master.name());
    v1::Course course;
    grpc::Status status = env().courses().CreateCourse(As("dana").get(), request, &course);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(course.number(), number);
    EXPECT_EQ(course.course_master(), master.name());
    EXPECT_THAT(course.locked_fields(), ElementsAre("credits"));
  }
  // Pages of 40, ordered by number, nothing lost or repeated.
  std::vector<std::string> numbers;
  v1::ListCoursesRequest list;
  list.set_parent(CalendarName(calendar));
  list.set_page_size(40);
  int pages = 0;
  do {
    v1::ListCoursesResponse page;
    ASSERT_TRUE(env().courses().ListCourses(As("dana").get(), list, &page).ok());
    for (const v1::Course& c : page.courses()) numbers.push_back(c.number());
    list.set_page_token(page.next_page_token());
    ++pages;
  } while (!list.page_token().empty());
  EXPECT_EQ(pages, 4);
  ASSERT_EQ(numbers.size(), 150u);
  EXPECT_TRUE(std::is_sorted(numbers.begin(), numbers.end()));
  EXPECT_EQ(numbers.front(), "D000");

  v1::ListCoursesRequest math;
  math.set_parent(CalendarName(calendar));
  math.set_department("math");
  v1::ListCoursesResponse math_page;
  ASSERT_TRUE(env().courses().ListCourses(As("dana").get(), math, &math_page).ok());
  EXPECT_EQ(math_page.courses_size(), 30);

  // The school may change what is not locked, but not credits.
  v1::UpdateCourseRequest update;
  FillCourse(update.mutable_course(), "D000", "Math", 24);
  update.mutable_course()->set_name(CourseName(calendar, "d000"));
  update.mutable_course()->set_credits(2);
  update.mutable_update_mask()->add_paths("max_students");
  v1::Course updated;
  grpc::Status ok = env().courses().UpdateCourse(As("dana").get(), update, &updated);
  ASSERT_TRUE(ok.ok()) << ok.error_message();
  EXPECT_EQ(updated.max_students(), 24);
  update.mutable_update_mask()->add_paths("credits");
  grpc::Status locked = env().courses().UpdateCourse(As("dana").get(), update, &updated);
  EXPECT_EQ(locked.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(locked.error_message(), HasSubstr("credits"));
}

TEST_F(CourseCatalog, PushUpdatesLockedFieldsEverywhereAndReportsWhatChanged) {
  const std::string a = MakeCalendar(env(), "east-high", "2027-2028", "east-push");
  const std::string b = MakeCalendar(env(), "west-high", "2027-2028", "west-push");
  v1::CourseMaster master = CreateMaster("BIO1", "Science", {"credits", "max_students"});
  v1::CreateCourseRequest from_master;
  from_master.set_parent(CalendarName(a));
  from_master.set_course_master(master.name());
  v1::Course course;
  ASSERT_TRUE(env().courses().CreateCourse(As("dana").get(), from_master, &course).ok());
  // The school renames its copy (not locked).
  v1::UpdateCourseRequest rename;
  rename.mutable_course()->set_name(course.name());
  rename.mutable_course()->set_display_name("Biology (East)");
  rename.mutable_update_mask()->add_paths("display_name");
  ASSERT_TRUE(env().courses().UpdateCourse(As("dana").get(), rename, &course).ok());

  // The district changes the master: a locked field, an unlocked one, and a new lock.
  v1::UpdateCourseMasterRequest change;
  *change.mutable_course_master() = master;
  change.mutable_course_master()->set_credits(0.5);
  change.mutable_course_master()->set_max_students(24);
  change.mutable_course_master()->set_display_name("Biology");
  change.mutable_course_master()->add_locked_fields("load_priority");
  for (const char* path : {"credits", "max_students", "display_name", "locked_fields"}) {
    change.mutable_update_mask()->add_paths(path);
  }
  ASSERT_TRUE(env().courses().UpdateCourseMaster(District().get(), change, &master).ok());

  v1::PushCourseMasterRequest push;
  push.set_name(master.name());
  push.add_calendars(CalendarName(b));
  v1::PushCourseMasterResponse pushed;
  grpc::Status status = env().courses().PushCourseMaster(District().get(), push, &pushed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(pushed.results_size(), 2);
  const v1::CalendarPushResult& east = pushed.results(0);
  EXPECT_EQ(east.calendar(), CalendarName(a));
  EXPECT_EQ(east.action(), v1::CalendarPushResult::UPDATED);
  EXPECT_TRUE(east.locks_changed());
  std::vector<std::string> changes;
  for (const v1::CourseFieldChange& c : east.changes()) {
    changes.push_back(c.field() + ":" + c.old_value() + "->" + c.new_value());
  }
  EXPECT_THAT(changes, UnorderedElementsAre("credits:1->0.5", "max_students:30->24"));
  EXPECT_EQ(pushed.results(1).calendar(), CalendarName(b));
  EXPECT_EQ(pushed.results(1).action(), v1::CalendarPushResult::CREATED);

  v1::GetCourseRequest get;
  get.set_name(course.name());
  ASSERT_TRUE(env().courses().GetCourse(As("dana").get(), get, &course).ok());
  EXPECT_EQ(course.credits(), 0.5);
  EXPECT_EQ(course.display_name(), "Biology (East)");  // the school's own name stays
  EXPECT_THAT(course.locked_fields(), Contains("load_priority"));

  // Pushing again changes nothing.
  ASSERT_TRUE(env().courses().PushCourseMaster(District().get(), push, &pushed).ok());
  for (const v1::CalendarPushResult& r : pushed.results()) {
    EXPECT_EQ(r.action(), v1::CalendarPushResult::UNCHANGED) << r.calendar();
  }
  // School staff cannot push or change masters.
  EXPECT_EQ(env().courses().PushCourseMaster(As("dana").get(), push, &pushed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(CourseCatalog, CreateValidatesIsIdempotentAndRefusesDuplicateNumbers) {
  const std::string calendar = MakeCalendar(env(), "east-high", "2028-2029", "east-create");
  v1::CreateCourseRequest bad;
  bad.set_parent(CalendarName(calendar));
  FillCourse(bad.mutable_course(), "MA 101", "Math");
  bad.mutable_course()->set_credits(0.3);
  bad.mutable_course()->set_min_grade(12);
  bad.mutable_course()->set_max_grade(10);
  bad.mutable_course()->set_max_students(0);
  v1::Course out;
  grpc::Status status = env().courses().CreateCourse(As("dana").get(), bad, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status),
              UnorderedElementsAre("course.number", "course.credits", "course.max_grade",
                                   "course.max_students"));

  v1::CreateCourseRequest good;
  good.set_parent(CalendarName(calendar));
  good.set_request_id("create-ma-101");
  FillCourse(good.mutable_course(), "MA-101", "Math");
  v1::Course first, second;
  ASSERT_TRUE(env().courses().CreateCourse(As("dana").get(), good, &first).ok());
  EXPECT_EQ(first.name(), CourseName(calendar, "ma-101"));
  ASSERT_TRUE(env().courses().CreateCourse(As("dana").get(), good, &second).ok());
  EXPECT_EQ(second.name(), first.name());
  good.clear_request_id();
  EXPECT_EQ(env().courses().CreateCourse(As("dana").get(), good, &out).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  v1::DeleteCourseRequest del;
  del.set_name(first.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(env().courses().DeleteCourse(As("dana").get(), del, &empty).ok());
  EXPECT_EQ(env().courses().DeleteCourse(As("dana").get(), del, &empty).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(CourseCatalog, RollOverCopiesCoursesOnce) {
  const std::string from = MakeCalendar(env(), "east-high", "2029-2030", "east-roll-a");
  const std::string to = MakeCalendar(env(), "east-high", "2030-2031", "east-roll-b");
  for (const char* number : {"ENG9", "ENG10", "MA-1"}) {
    ASSERT_TRUE(CreateCourse(env(), As("dana").get(), from, number, "Core").ok());
  }
  ASSERT_TRUE(CreateCourse(env(), As("dana").get(), to, "ENG9", "Core").ok());
  for (int run = 0; run < 2; ++run) {
    absl::Status s = pg::WithTransaction(env().pool(), [&](pqxx::work& tx) -> absl::Status {
      CopyCoursesForRollOver(tx, from, to);
      return absl::OkStatus();
    });
    ASSERT_TRUE(s.ok()) << s;
  }
  std::vector<std::string> numbers;
  for (const v1::Course& c : AllCourses(env(), to)) numbers.push_back(c.number());
  EXPECT_THAT(numbers, ElementsAre("ENG10", "ENG9", "MA-1"));
}

}  // namespace
}  // namespace secsched::catalog::testing
