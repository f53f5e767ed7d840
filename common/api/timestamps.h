// google.protobuf.Timestamp ⇄ std::chrono, for handlers (api/ layers only; CMake target
// secsched_api_proto, so secsched_api itself stays free of protobuf).
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <chrono>

namespace secsched::api {

using TimePoint = std::chrono::system_clock::time_point;

inline google::protobuf::Timestamp ToProtoTime(TimePoint t) {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  google::protobuf::Timestamp out;
  out.set_seconds(micros / 1000000 - (micros % 1000000 < 0 ? 1 : 0));
  out.set_nanos(static_cast<int>(((micros % 1000000) + 1000000) % 1000000) * 1000);
  return out;
}

inline TimePoint FromProtoTime(const google::protobuf::Timestamp& t) {
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(
      std::chrono::seconds(t.seconds()) + std::chrono::nanoseconds(t.nanos())));
}

}  // namespace secsched::api
