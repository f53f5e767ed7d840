// Evaluation jobs: "the last requirement arrived, grant now" travels as a job (row in
// access.jobs, id on the Redis stream <prefix>:access_evaluate), and the access binary's
// background threads run them and the periodic sweep.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/jobs/job_queue.h"
#include "common/jobs/job_store.h"
#include "common/jobs/worker_loop.h"
#include "services/access/domain/access_control.h"

namespace secsched::access {

inline constexpr char kEvaluateJobType[] = "access_evaluate";

class JobEvaluationQueue final : public EvaluationQueue {
 public:
  JobEvaluationQueue(jobs::JobStore& store, jobs::JobQueue& queue) : store_(store), queue_(queue) {}
  absl::Status Enqueue(std::string_view staff_id) override;

 private:
  jobs::JobStore& store_;
  jobs::JobQueue& queue_;
};

// The job handler: re-evaluates the person named by the payload and grants what is eligible.
jobs::JobHandler EvaluationJobHandler(AccessControl& control);

struct BackgroundOptions {
  std::string consumer;  // unique per process
  // 0 disables the timer (tests drive Sweep themselves).
  std::chrono::milliseconds sweep_interval{std::chrono::minutes(10)};
  std::chrono::milliseconds read_block{1000};
};

// Two threads inside `secsched-access serve`: the JobWorker loop for evaluation jobs, and the
// sweep timer. Both stop (and are joined) in the destructor, i.e. when the server drains.
class AccessBackground {
 public:
  AccessBackground(AccessControl& control, jobs::JobStore& store, jobs::JobQueue& queue,
                   redis::RedisConnections& redis, BackgroundOptions options);
  ~AccessBackground();
  AccessBackground(const AccessBackground&) = delete;
  AccessBackground& operator=(const AccessBackground&) = delete;

 private:
  void SweepLoop();

  AccessControl& control_;
  const BackgroundOptions options_;
  std::unique_ptr<jobs::JobWorker> worker_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread worker_thread_;
  std::thread sweep_thread_;
};

}  // namespace secsched::access
