#include "services/access/jobs/evaluation_jobs.h"

#include <spdlog/spdlog.h>

#include "common/api/resource_name.h"
#include "common/jobs/submit_job.h"
#include "common/status/strings.h"

namespace secsched::access {

absl::Status JobEvaluationQueue::Enqueue(std::string_view staff_id) {
  absl::StatusOr<jobs::JobStore::EnqueueResult> submitted =
      jobs::SubmitJob(store_, queue_,
                      {.type = kEvaluateJobType,
                       .scope = "staff/" + std::string(staff_id),
                       .payload = std::string(staff_id),
                       .idempotency_key = api::NewId("evaluate-")});
  return submitted.status();
}

jobs::JobHandler EvaluationJobHandler(AccessControl& control) {
  return [&control](const jobs::Job& job, jobs::JobContext&) -> absl::StatusOr<std::string> {
    absl::StatusOr<GrantPlan> plan = control.EvaluateStaff(job.payload, "system:evaluator");
    if (!plan.ok()) return plan.status();
    int granted = 0;
    for (const AuditEntry& e : plan->audit) granted += e.action == "GRANT_GRANTED" ? 1 : 0;
    return "{\"granted\": " + std::to_string(granted) + "}";
  };
}

AccessBackground::AccessBackground(AccessControl& control, jobs::JobStore& store,
                                   jobs::JobQueue& queue, redis::RedisConnections& redis,
                                   BackgroundOptions options)
    : control_(control), options_(std::move(options)) {
  if (absl::Status s = queue.EnsureGroup(kEvaluateJobType); !s.ok()) {
    spdlog::warn("evaluation queue not ready yet ({}); the worker retries", ToStd(s.message()));
  }
  worker_ =
      std::make_unique<jobs::JobWorker>(store, queue, redis,
                                        jobs::JobWorkerOptions{.type = kEvaluateJobType,
                                                               .consumer = options_.consumer,
                                                               .batch_size = 16,
                                                               .read_block = options_.read_block},
                                        EvaluationJobHandler(control));
  worker_thread_ = std::thread([this] { worker_->Run(stop_); });
  if (options_.sweep_interval.count() > 0) sweep_thread_ = std::thread([this] { SweepLoop(); });
}

AccessBackground::~AccessBackground() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (sweep_thread_.joinable()) sweep_thread_.join();
  if (worker_thread_.joinable()) worker_thread_.join();
}

void AccessBackground::SweepLoop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, options_.sweep_interval, [this] { return stop_.load(); })) {
    lock.unlock();
    absl::StatusOr<SweepReport> report = control_.Sweep("system:sweep");
    if (!report.ok()) spdlog::warn("sweep failed: {}", ToStd(report.status().message()));
    lock.lock();
  }
}

}  // namespace secsched::access
