#include "common/status/grpc_status.h"

#include <grpcpp/support/status.h>
#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace secsched {
namespace {

struct Row {
  absl::Status in;
  grpc::StatusCode out;
};

// The table from docs/architecture.md, row by row.
TEST(StatusMapping, FollowsTheErrorTable) {
  const std::vector<Row> table = {
      {absl::OkStatus(), grpc::StatusCode::OK},
      {absl::InvalidArgumentError("bad"), grpc::StatusCode::INVALID_ARGUMENT},
      {absl::UnauthenticatedError("who"), grpc::StatusCode::UNAUTHENTICATED},
      {absl::PermissionDeniedError("no"), grpc::StatusCode::PERMISSION_DENIED},
      {absl::NotFoundError("gone"), grpc::StatusCode::NOT_FOUND},
      {absl::AlreadyExistsError("dup"), grpc::StatusCode::ALREADY_EXISTS},
      {absl::FailedPreconditionError("state"), grpc::StatusCode::FAILED_PRECONDITION},
      {absl::AbortedError("retry"), grpc::StatusCode::ABORTED},
      {absl::UnavailableError("down"), grpc::StatusCode::UNAVAILABLE},
      {absl::DeadlineExceededError("slow"), grpc::StatusCode::DEADLINE_EXCEEDED},
      {absl::ResourceExhaustedError("full"), grpc::StatusCode::RESOURCE_EXHAUSTED},
      {absl::CancelledError("stop"), grpc::StatusCode::CANCELLED},
      {absl::UnimplementedError("later"), grpc::StatusCode::UNIMPLEMENTED},
      {absl::OutOfRangeError("far"), grpc::StatusCode::OUT_OF_RANGE},
      {absl::InternalError("boom"), grpc::StatusCode::INTERNAL},
      {absl::UnknownError("eh"), grpc::StatusCode::INTERNAL},
      {absl::DataLossError("lost"), grpc::StatusCode::INTERNAL},
  };
  for (const Row& row : table) {
    EXPECT_EQ(ToGrpcStatus(row.in).error_code(), row.out) << row.in;
  }
}

TEST(StatusMapping, KeepsMessagesOfExpectedErrors) {
  EXPECT_EQ(ToGrpcStatus(absl::NotFoundError("Course MATH-101 not found.")).error_message(),
            "Course MATH-101 not found.");
}

TEST(StatusMapping, HidesInternalDetails) {
  grpc::Status s = ToGrpcStatus(absl::InternalError("SELECT * FROM secret failed at 0xdead"));
  EXPECT_EQ(s.error_message().find("SELECT"), std::string::npos);
  EXPECT_EQ(s.error_message().find("0xdead"), std::string::npos);
}

TEST(StatusMapping, FieldViolationsTravelAsBadRequestDetails) {
  absl::Status in = InvalidArgumentWithFields(
      "The course has invalid fields.",
      {{"course.max_students", "must be positive"}, {"course.number", "is required"}});
  grpc::Status out = ToGrpcStatus(in);
  ASSERT_EQ(out.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(out.error_details()));
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(details.details(0).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(0).field(), "course.max_students");
  EXPECT_EQ(bad_request.field_violations(1).description(), "is required");
}

TEST(StatusMapping, RoundTripsThroughGrpc) {
  absl::Status in = InvalidField("student.grade", "must be between 6 and 12");
  absl::Status back = FromGrpcStatus(ToGrpcStatus(in));
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldViolationsOf(back), FieldViolationsOf(in));
  EXPECT_EQ(FromGrpcStatus(grpc::Status(grpc::StatusCode::ABORTED, "busy")).code(),
            absl::StatusCode::kAborted);
}

}  // namespace
}  // namespace secsched
