// A secsched.testing.v1.Probe implementation whose behaviour the test picks through the request
// text: "echo" (default), "block" (waits until ReleaseBlocked()), "throw" (a std::runtime_error),
// "throw-non-std", "throw-broken-connection" (pqxx), "fail" (NOT_FOUND), "fail-internal"
// (INTERNAL status) or "invalid-rows" (INVALID_ARGUMENT with 1,000 field violations).
// Every call goes through HandleCall, like a real handler.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "secsched/testing/v1/probe.grpc.pb.h"

namespace secsched {

// A one-shot signal between threads: Wait() returns once Open() has been called.
class Gate {
 public:
  void Open();
  void Wait();

 private:
  std::mutex mu_;
  std::condition_variable opened_cv_;
  bool opened_ = false;
};

class ProbeService final : public secsched::testing::v1::Probe::Service {
 public:
  grpc::Status Call(grpc::ServerContext* context, const secsched::testing::v1::CallRequest* request,
                    secsched::testing::v1::CallResponse* response) override;
  grpc::Status Stream(grpc::ServerContext* context,
                      const secsched::testing::v1::StreamRequest* request,
                      grpc::ServerWriter<secsched::testing::v1::CallResponse>* writer) override;

  Gate& handler_entered() { return handler_entered_; }  // opened when a "block" call arrives
  void ReleaseBlocked() { release_.Open(); }
  int calls() const { return calls_; }  // Call()s received

 private:
  std::atomic<int> calls_{0};
  Gate handler_entered_;
  Gate release_;
};

}  // namespace secsched
