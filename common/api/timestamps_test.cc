#include "common/api/timestamps.h"

#include <gtest/gtest.h>

namespace secsched::api {
namespace {

TEST(Timestamps, RoundTrip) {
  const TimePoint t = TimePoint(std::chrono::microseconds(1700000000123456LL));
  google::protobuf::Timestamp proto = ToProtoTime(t);
  EXPECT_EQ(proto.seconds(), 1700000000);
  EXPECT_EQ(proto.nanos(), 123456000);
  EXPECT_EQ(FromProtoTime(proto), t);
}

}  // namespace
}  // namespace secsched::api
