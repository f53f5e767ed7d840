// The load generator's engine: `concurrency` calls always in flight on one gRPC completion queue
// (asynchronous stubs, so one thread drives hundreds of calls and the generator's own CPU stays
// small), each finished call's latency recorded inside the measured window, and the CPU that
// PostgreSQL, Redis, the services and the generator itself spent in it, read from /proc.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace secsched::bench {

using Clock = std::chrono::steady_clock;

// One call in flight at a time. Start() issues the next call and arranges for the completion
// queue to return `this` as its tag when it finishes; Finished() reads its outcome.
class CallSlot {
 public:
  virtual ~CallSlot() = default;
  virtual void Start(grpc::CompletionQueue& queue) = 0;
  virtual grpc::Status Finished() = 0;
  Clock::time_point started;
};

// A unary call of any stub: `prepare` is the stub's PrepareAsync method bound to a request made
// fresh for every call by `next` (the call number within this slot counts up from 0).
template <class Response>
class UnaryCall final : public CallSlot {
 public:
  using Prepare = std::function<std::unique_ptr<grpc::ClientAsyncResponseReader<Response>>(
      grpc::ClientContext*, grpc::CompletionQueue*, long call)>;
  UnaryCall(Prepare prepare, std::function<void(grpc::ClientContext&)> decorate)
      : prepare_(std::move(prepare)), decorate_(std::move(decorate)) {}

  void Start(grpc::CompletionQueue& queue) override {
    context_ = std::make_unique<grpc::ClientContext>();
    decorate_(*context_);
    started = Clock::now();
    reader_ = prepare_(context_.get(), &queue, calls_++);
    reader_->StartCall();
    reader_->Finish(&response_, &status_, this);
  }
  grpc::Status Finished() override { return status_; }

 private:
  Prepare prepare_;
  std::function<void(grpc::ClientContext&)> decorate_;
  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader_;
  Response response_;
  grpc::Status status_;
  long calls_ = 0;
};

// CPU seconds (user + system) of the processes in each group, from /proc.
struct CpuSample {
  std::map<std::string, double> seconds;  // "postgres", "redis", "services", "generator"
};
CpuSample SampleCpu();

struct LoadResult {
  long calls = 0;  // finished inside the measured window
  double seconds = 0;
  std::vector<double> latencies_ms;           // sorted
  std::map<grpc::StatusCode, long> errors;    // by code, inside the window
  std::map<std::string, double> cpu_seconds;  // by group, inside the window
  std::string first_error;
  double Percentile(double p) const;
};

// Keeps every slot busy for `warmup` (not counted) then `measure`; stops issuing and drains.
LoadResult RunLoad(std::vector<std::unique_ptr<CallSlot>>& slots, Clock::duration warmup,
                   Clock::duration measure);

}  // namespace secsched::bench
