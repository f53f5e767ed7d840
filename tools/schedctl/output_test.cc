#include "tools/schedctl/output.h"

#include <gmock/gmock.h>
#include <google/protobuf/util/time_util.h>
#include <grpcpp/support/status.h>
#include <gtest/gtest.h>

#include "common/status/grpc_status.h"
#include "secsched/access/v1/access.pb.h"
#include "secsched/sectioning/v1/sectioning.pb.h"

namespace secsched::schedctl {
namespace {

using secsched::access::v1::Staff;
using secsched::sectioning::v1::Job;
using ::testing::HasSubstr;
using ::testing::Not;

Staff SampleStaff() {
  Staff staff;
  staff.set_name("staff/e1");
  staff.set_staff_id("e1");
  staff.set_display_name("Ann Lee");
  staff.set_email("ann@example.org");
  staff.set_employment_state(Staff::ACTIVE);
  *staff.mutable_update_time() =
      google::protobuf::util::TimeUtil::SecondsToTimestamp(1798761600);  // 2027-01-01
  return staff;
}

TEST(RenderColumnsTest, AlignsColumnsWithoutTrailingSpaces) {
  EXPECT_EQ(RenderColumns({{"name", "x", "end"}, {"a", "longer", ""}, {"bb"}}),
            "name  x       end\n"
            "a     longer\n"
            "bb\n");
  EXPECT_EQ(RenderColumns({}), "");
}

TEST(RenderTableTest, ListsEveryFieldInDeclarationOrder) {
  EXPECT_EQ(RenderTable(SampleStaff()),
            "name              staff/e1\n"
            "staff_id          e1\n"
            "display_name      Ann Lee\n"
            "email             ann@example.org\n"
            "employment_state  ACTIVE\n"
            "update_time       2027-01-01T00:00:00Z\n");
}

TEST(RenderTableTest, KeepsZeroValuesAndUnsetTimestampsAndEscapesNewlines) {
  Job job;
  job.set_name("jobs/j1");
  job.set_state(Job::RUNNING);
  job.set_progress_percent(45.5);
  job.set_result("{\n\"sections\": 3}");
  const std::string table = RenderTable(job);
  EXPECT_THAT(table, HasSubstr("state             RUNNING\n"));
  EXPECT_THAT(table, HasSubstr("progress_percent  45.5\n"));
  EXPECT_THAT(table, HasSubstr("attempt           0\n"));
  EXPECT_THAT(table, HasSubstr("result            {\\n\"sections\": 3}\n"));
  EXPECT_THAT(table, HasSubstr("\ncreate_time\n"));  // the row stays, with no value
}

TEST(RenderJsonTest, UsesProtoFieldNamesAndPrintsDefaults) {
  Job job;
  job.set_name("jobs/j1");
  job.set_type(Job::COUNT_SECTIONS);
  const std::string json = RenderJson(job);
  EXPECT_THAT(json, HasSubstr("\"name\": \"jobs/j1\""));
  EXPECT_THAT(json, HasSubstr("\"type\": \"COUNT_SECTIONS\""));
  EXPECT_THAT(json, HasSubstr("\"progress_percent\": 0"));
  EXPECT_THAT(json, HasSubstr("\"state\": \"STATE_UNSPECIFIED\""));
  EXPECT_EQ(json.back(), '\n');

  const std::string line = RenderJson(job, /*multiline=*/false);
  EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
  EXPECT_THAT(line, HasSubstr("\"name\":\"jobs/j1\""));
}

TEST(RenderMessageTest, PicksTheFormat) {
  EXPECT_EQ(RenderMessage(SampleStaff(), OutputFormat::kTable), RenderTable(SampleStaff()));
  EXPECT_EQ(RenderMessage(SampleStaff(), OutputFormat::kJson), RenderJson(SampleStaff()));
}

TEST(FormatRpcErrorTest, PrintsCodeMessageAndEachFieldViolation) {
  const grpc::Status status = ToGrpcStatus(InvalidArgumentWithFields(
      "The request has invalid fields.",
      {{"student.grade", "Grade must be 6 to 12."}, {"parent", "Parent is required."}}));
  EXPECT_EQ(FormatRpcError(status),
            "error: INVALID_ARGUMENT: The request has invalid fields.\n"
            "  student.grade: Grade must be 6 to 12.\n"
            "  parent: Parent is required.\n");
}

TEST(FormatRpcErrorTest, PlainError) {
  EXPECT_EQ(FormatRpcError(grpc::Status(grpc::StatusCode::NOT_FOUND, "Calendar x not found.")),
            "error: NOT_FOUND: Calendar x not found.\n");
  EXPECT_THAT(FormatRpcError(grpc::Status(grpc::StatusCode::NOT_FOUND, "m")), Not(HasSubstr("  ")));
}

}  // namespace
}  // namespace secsched::schedctl
