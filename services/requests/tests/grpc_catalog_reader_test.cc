// GrpcCatalogReader against the real catalog handlers (CourseService, ResourceService) served
// in-process over real PostgreSQL: every page is read, values convert, answers are cached for the
// configured time, an unknown calendar is NOT_FOUND.
#include "common/catalog/grpc_catalog_reader.h"

#include <gtest/gtest.h>

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
