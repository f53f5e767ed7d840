// A district's full course file is larger than gRPC's default 4 MiB message: the servers accept
// requests up to ServerOptions::max_receive_message_bytes (32 MiB by default) and the suite's
// clients accept responses as large (common/grpc/client.h), so it imports and exports whole.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>

#include "absl/strings/str_format.h"
#include "services/catalog/tests/course_test_helpers.h"

namespace secsched::catalog::testing {
namespace {

constexpr int kCourses = 72000;

std::string DistrictCourseFile() {
  std::string csv = "number,display_name,department,credits,min_grade,max_grade,max_students\n";
  for (int i = 0; i < kCourses; ++i) {
    absl::StrAppendFormat(&csv,
                          "C%05d,Course %05d with a descriptive name,Department %02d,1,9,12,30\n",
                          i, i, i % 40);
  }
  return csv;
}

// A context for dana with room for 72,000 rows on a busy machine (the helper's 10 s is for one
// row).
std::unique_ptr<grpc::ClientContext> DanaWithTime() {
  std::unique_ptr<grpc::ClientContext> context = As("dana");
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(5));
  return context;
}

class CourseImportSize : public CatalogEnvTest {
 protected:
  static void SetUpTestSuite() {
    CatalogEnvTest::SetUpTestSuite();
    env().GrantSchedulingAccess("dana", "size-high");
  }
};

TEST_F(CourseImportSize, AnImportAndAnExportLargerThanFourMebibytesGoThrough) {
  const std::string calendar = MakeCalendar(env(), "size-high", "2026-2027", "size-2026");
  const std::string csv = DistrictCourseFile();
  ASSERT_GT(csv.size(), 4u << 20);

  v1::ImportCoursesRequest request;
  request.set_parent(CalendarName(calendar));
  request.set_csv_data(csv);
  v1::ImportCoursesResponse response;
  grpc::Status status = env().courses().ImportCourses(DanaWithTime().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  EXPECT_EQ(response.created_count(), kCourses);

  v1::ExportCoursesRequest export_request;
  export_request.set_parent(CalendarName(calendar));
  v1::ExportCoursesResponse exported;
  status = env().courses().ExportCourses(DanaWithTime().get(), export_request, &exported);
  ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  EXPECT_GT(exported.csv_data().size(), 4u << 20);
  EXPECT_EQ(std::count(exported.csv_data().begin(), exported.csv_data().end(), '\n'), kCourses + 1);
}

}  // namespace
}  // namespace secsched::catalog::testing
