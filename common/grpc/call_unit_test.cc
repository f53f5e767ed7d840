#include <gtest/gtest.h>

#include "common/grpc/call.h"
#include "common/grpc/metrics_interceptor.h"

namespace secsched {
namespace {

TEST(AcceptRequestIdTest, KeepsCleanIdsAndReplacesOthers) {
  EXPECT_EQ(AcceptRequestId("req-42_a.b:c"), "req-42_a.b:c");
  EXPECT_FALSE(AcceptRequestId("").empty());
  EXPECT_NE(AcceptRequestId("has space"), "has space");
  EXPECT_NE(AcceptRequestId("line\nbreak"), "line\nbreak");
  const std::string too_long(129, 'a');
  EXPECT_NE(AcceptRequestId(too_long), too_long);
  EXPECT_EQ(AcceptRequestId(std::string(128, 'a')), std::string(128, 'a'));
}

TEST(GrpcCodeNameTest, CanonicalNames) {
  EXPECT_EQ(GrpcCodeName(grpc::StatusCode::OK), "OK");
  EXPECT_EQ(GrpcCodeName(grpc::StatusCode::UNAUTHENTICATED), "UNAUTHENTICATED");
  EXPECT_EQ(GrpcCodeName(grpc::StatusCode::FAILED_PRECONDITION), "FAILED_PRECONDITION");
}

}  // namespace
}  // namespace secsched
