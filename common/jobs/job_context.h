// What a job handler gets besides the job: its attempt number, progress reporting and
// cancellation, all tied to the job row's fencing.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <pqxx/transaction>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "common/jobs/job_store.h"
#include "common/redis/redis_connections.h"

namespace secsched::jobs {

// The pub/sub channel progress of job `id` is published on: "secsched:job:<id>". Each
// message is JSON: {"job_id": "...", "attempt": n, "percent": p, "phase": "..."}.
std::string JobProgressChannel(std::string_view job_id);

// Publishes `message` (JSON) on the job's channel so watchers re-read its row at once. Best
// effort: a failure is logged, since the row is the record and watchers also poll it.
void AnnounceJobChange(redis::RedisConnections& redis, std::string_view job_id,
                       const std::string& message);

class JobContext {
 public:
  JobContext(JobStore& store, redis::RedisConnections& redis, const Job& job, int attempt,
             std::chrono::milliseconds cancel_poll_interval);

  const Job& job() const { return job_; }
  int attempt() const { return attempt_; }

  // Writes percent and phase to the job row (fenced) and publishes them. ABORTED when this
  // attempt lost the job: the handler should stop (cancelled() is then true too). Publishing
  // is best effort: the row is the record, a missed message only delays a watcher.
  absl::Status ReportProgress(double percent, std::string phase);

  // True once cancellation was requested or this attempt lost the job. Reads the row at most
  // once per poll interval, so calling it in a tight engine loop costs nothing.
  bool cancelled();

  // Runs write_results and the fenced completion in ONE transaction: either the results and
  // SUCCEEDED are committed together, or neither is (e.g. ABORTED for a stale attempt). The
  // handler then returns its summary; the worker will not complete the job a second time.
  absl::Status CompleteWith(const std::function<absl::Status(pqxx::work&)>& write_results,
                            std::string result);
  // The same, with a result made after write_results ran (e.g. counting what it wrote).
  absl::Status CompleteWith(const std::function<absl::Status(pqxx::work&)>& write_results,
                            const std::function<std::string()>& result);
  bool completed() const { return completed_; }

  // Set by the worker when its heartbeat finds the Redis entry taken by another consumer.
  void MarkLost() { lost_ = true; }

 private:
  JobStore& store_;
  redis::RedisConnections& redis_;
  const Job& job_;
  const int attempt_;
  const std::chrono::milliseconds cancel_poll_interval_;
  std::chrono::steady_clock::time_point next_cancel_check_{};
  bool cancel_seen_ = false;
  std::atomic<bool> lost_{false};
  bool completed_ = false;
};

}  // namespace secsched::jobs
