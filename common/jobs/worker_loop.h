// JobWorker: the loop every job-running process shares (the sectioning worker, access
// evaluation): take deliveries from the JobQueue, run the handler under a fenced attempt,
// record the outcome in the job row, then acknowledge.
//
//   JobWorker worker(store, queue, redis, {.type = "build_schedule", .consumer = host_pid},
//                    [&](const Job& job, JobContext& ctx) -> absl::StatusOr<std::string> {
//                      ... ctx.ReportProgress(40, "placing sections"); ...
//                      if (ctx.cancelled()) return absl::CancelledError("cancelled");
//                      return summary;
//                    });
//   worker.Run(stop_flag);
//
// Handler outcomes:
//   OK                  -> job SUCCEEDED with the returned result (unless CompleteWith did it)
//   CANCELLED           -> job CANCELLED
//   UNAVAILABLE, ABORTED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED (transient) -> the entry is
//                          left pending: after the visibility timeout some worker runs it again,
//                          up to max_deliveries, then it is dead-lettered and the job FAILED
//   anything else       -> job FAILED with the status message
// The entry is acked only once the row records an outcome; a write rejected as a stale
// attempt is not acked, because the newer attempt owns the entry now.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "common/jobs/job_context.h"
#include "common/jobs/job_queue.h"
#include "common/jobs/job_store.h"

namespace secsched::jobs {

struct JobWorkerOptions {
  std::string type;
  std::string consumer;  // unique per worker process, e.g. "<pod name>"
  int batch_size = 1;    // deliveries taken per read; >1 only for short jobs
  // Bounded so that Run notices its stop flag within about this long when idle.
  std::chrono::milliseconds read_block{1000};
  std::chrono::milliseconds cancel_poll_interval{1000};
  // How often a running job's entry is kept from being reclaimed; 0: visibility_timeout / 3.
  std::chrono::milliseconds heartbeat_interval{0};
};

using JobHandler = std::function<absl::StatusOr<std::string>(const Job&, JobContext&)>;

class JobWorker {
 public:
  JobWorker(JobStore& store, JobQueue& queue, redis::RedisConnections& redis,
            JobWorkerOptions options, JobHandler handler);
  ~JobWorker();
  JobWorker(const JobWorker&) = delete;
  JobWorker& operator=(const JobWorker&) = delete;

  // One round: reclaim idle entries (failing the jobs of dead-lettered ones), then read new
  // entries (waiting up to read_block only if nothing was reclaimed), and run each. Returns
  // how many deliveries were handled. Errors are Redis/PostgreSQL being unreachable.
  absl::StatusOr<int> RunOnce();

  // RunOnce until `stop` is set; errors are logged and retried after a short pause.
  void Run(const std::atomic<bool>& stop);

 private:
  void Process(const JobQueue::Delivery& delivery);
  void Finish(const JobQueue::Delivery& delivery, int attempt, JobContext& context,
              const absl::StatusOr<std::string>& outcome);
  void HeartbeatLoop();

  JobStore& store_;
  JobQueue& queue_;
  redis::RedisConnections& redis_;
  const JobWorkerOptions options_;
  const JobHandler handler_;

  // The heartbeat thread keeps the running job's entry claimed (see JobQueue::Heartbeat).
  std::mutex heartbeat_mutex_;
  std::condition_variable heartbeat_wake_;
  bool heartbeat_stop_ = false;               // guarded by heartbeat_mutex_
  std::optional<std::string> running_entry_;  // guarded by heartbeat_mutex_
  JobContext* running_context_ = nullptr;     // guarded by heartbeat_mutex_
  std::thread heartbeat_thread_;
};

}  // namespace secsched::jobs
