#include "common/jobs/worker_loop.h"

#include <nlohmann/json.hpp>

#include "spdlog/spdlog.h"

namespace secsched::jobs {
namespace {

// Failures worth running the job again for, rather than recording it as FAILED.
bool IsTransient(absl::StatusCode code) {
  return code == absl::StatusCode::kUnavailable || code == absl::StatusCode::kAborted ||
         code == absl::StatusCode::kDeadlineExceeded ||
         code == absl::StatusCode::kResourceExhausted;
}

}  // namespace

JobWorker::JobWorker(JobStore& store, JobQueue& queue, redis::RedisConnections& redis,
                     JobWorkerOptions options, JobHandler handler)
    : store_(store),
      queue_(queue),
      redis_(redis),
      options_(std::move(options)),
      handler_(std::move(handler)) {
  heartbeat_thread_ = std::thread([this] { HeartbeatLoop(); });
}

JobWorker::~JobWorker() {
  {
    std::lock_guard<std::mutex> lock(heartbeat_mutex_);
    heartbeat_stop_ = true;
  }
  heartbeat_wake_.notify_all();
  heartbeat_thread_.join();
}

void JobWorker::HeartbeatLoop() {
  const std::chrono::milliseconds interval =
      options_.heartbeat_interval.count() > 0
          ? options_.heartbeat_interval
          : std::max(std::chrono::milliseconds(1), queue_.options().visibility_timeout / 3);
  std::unique_lock<std::mutex> lock(heartbeat_mutex_);
  while (!heartbeat_wake_.wait_for(lock, interval, [this] { return heartbeat_stop_; })) {
    if (!running_entry_) continue;
    // Redis is called under the lock so the entry cannot finish (and its context vanish)
    // meanwhile; the job thread only takes this lock at the start and end of a job.
    absl::StatusOr<bool> still_ours =
        queue_.Heartbeat(options_.type, options_.consumer, *running_entry_);
    if (!still_ours.ok()) {
      spdlog::warn("heartbeat for entry {} failed: {}", *running_entry_,
                   still_ours.status().ToString());
    } else if (!*still_ours && running_context_ != nullptr) {
      running_context_->MarkLost();
    }
  }
}

absl::StatusOr<int> JobWorker::RunOnce() {
  absl::StatusOr<JobQueue::Reclaimed> reclaimed =
      queue_.ReclaimIdle(options_.type, options_.consumer, options_.batch_size);
  if (!reclaimed.ok()) return reclaimed.status();
  for (const JobQueue::Delivery& dead : reclaimed->dead_lettered) {
    if (dead.job_id.empty()) continue;  // a malformed entry: nothing to fail
    absl::Status failed = store_.FailUndeliverable(dead.job_id, queue_.DeadLetterReason(dead));
    if (!failed.ok()) {
      spdlog::error("job {} was dead-lettered but its row could not be failed: {}", dead.job_id,
                    failed.ToString());
    }
  }
  for (const JobQueue::Delivery& delivery : reclaimed->reclaimed) Process(delivery);
  int handled = static_cast<int>(reclaimed->reclaimed.size() + reclaimed->dead_lettered.size());

  const auto block = handled > 0 ? std::chrono::milliseconds(0) : options_.read_block;
  absl::StatusOr<std::vector<JobQueue::Delivery>> fresh =
      queue_.Read(options_.type, options_.consumer, options_.batch_size, block);
  if (!fresh.ok()) return fresh.status();
  for (const JobQueue::Delivery& delivery : *fresh) Process(delivery);
  return handled + static_cast<int>(fresh->size());
}

void JobWorker::Run(const std::atomic<bool>& stop) {
  if (absl::Status ensured = queue_.EnsureGroup(options_.type); !ensured.ok()) {
    spdlog::warn("cannot create the {} consumer group yet: {}", options_.type, ensured.ToString());
  }
  while (!stop.load()) {
    absl::StatusOr<int> handled = RunOnce();
    if (handled.ok()) continue;
    spdlog::warn("job worker {} round failed: {}", options_.consumer, handled.status().ToString());
    // Back off briefly (Redis or PostgreSQL is down) while still noticing stop quickly.
    for (int i = 0; i < 10 && !stop.load(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

void JobWorker::Process(const JobQueue::Delivery& delivery) {
  const auto ack = [&] {
    if (absl::Status acked = queue_.Ack(options_.type, delivery.entry_id); !acked.ok()) {
      // Harmless: the entry is reclaimed later and BeginAttempt finds the job finished.
      spdlog::warn("ack of entry {} failed: {}", delivery.entry_id, acked.ToString());
    }
  };
  if (delivery.job_id.empty()) {
    spdlog::warn("entry {} carries no job id; dropping it", delivery.entry_id);
    return ack();
  }
  absl::StatusOr<int> attempt = store_.BeginAttempt(delivery.job_id, delivery.deliveries);
  if (attempt.status().code() == absl::StatusCode::kFailedPrecondition ||
      attempt.status().code() == absl::StatusCode::kNotFound) {
    // Finished, cancelled, or unknown: a duplicate or late delivery; nothing to run.
    spdlog::info("entry {} for job {}: {}", delivery.entry_id, delivery.job_id,
                 attempt.status().ToString());
    return ack();
  }
  absl::StatusOr<Job> job = attempt.ok() ? store_.Get(delivery.job_id) : attempt.status();
  if (!job.ok()) {
    // Left pending: reclaimed after the visibility timeout, which also bounds the retries.
    spdlog::warn("cannot start job {}: {}", delivery.job_id, job.status().ToString());
    return;
  }
  JobContext context(store_, redis_, *job, *attempt, options_.cancel_poll_interval);
  {
    std::lock_guard<std::mutex> lock(heartbeat_mutex_);
    running_entry_ = delivery.entry_id;
    running_context_ = &context;
  }
  absl::StatusOr<std::string> outcome;
  try {
    outcome = handler_(*job, context);
  } catch (const std::exception& e) {
    outcome = absl::InternalError(std::string("Job handler threw: ") + e.what());
  }
  {
    std::lock_guard<std::mutex> lock(heartbeat_mutex_);
    running_entry_.reset();
    running_context_ = nullptr;
  }
  Finish(delivery, *attempt, context, outcome);
}

void JobWorker::Finish(const JobQueue::Delivery& delivery, int attempt, JobContext& context,
                       const absl::StatusOr<std::string>& outcome) {
  const std::string& id = delivery.job_id;
  absl::Status recorded;
  if (context.completed()) {
    recorded = absl::OkStatus();
  } else if (outcome.ok()) {
    recorded = store_.Complete(id, attempt, *outcome);
  } else if (outcome.status().code() == absl::StatusCode::kCancelled) {
    recorded = store_.FinishCancelled(id, attempt);
  } else if (IsTransient(outcome.status().code())) {
    spdlog::warn("job {} attempt {} will be retried: {}", id, attempt, outcome.status().ToString());
    return;
  } else {
    recorded = store_.Fail(id, attempt, std::string(outcome.status().message()));
  }
  if (recorded.ok()) {
    // Watchers (WatchJob) learn of the outcome now rather than at their next poll.
    AnnounceJobChange(
        redis_, id,
        nlohmann::json{{"job_id", id}, {"attempt", attempt}, {"finished", true}}.dump());
    if (absl::Status acked = queue_.Ack(options_.type, delivery.entry_id); !acked.ok()) {
      spdlog::warn("ack of entry {} failed: {}", delivery.entry_id, acked.ToString());
    }
    return;
  }
  // ABORTED: a newer attempt owns the job and its entry. Otherwise PostgreSQL is unreachable:
  // leave the entry pending so the job is run again rather than lost.
  spdlog::warn("job {} attempt {} outcome not recorded: {}", id, attempt, recorded.ToString());
}

}  // namespace secsched::jobs
