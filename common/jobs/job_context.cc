#include "common/jobs/job_context.h"

#include "absl/strings/str_cat.h"
#include "common/pg/errors.h"
#include "common/pg/transaction.h"
#include "common/redis/pubsub.h"
#include "nlohmann/json.hpp"
#include "spdlog/spdlog.h"

namespace secsched::jobs {

std::string JobProgressChannel(std::string_view job_id) {
  return absl::StrCat("secsched:job:", std::string(job_id));
}

JobContext::JobContext(JobStore& store, redis::RedisConnections& redis, const Job& job, int attempt,
                       std::chrono::milliseconds cancel_poll_interval)
    : store_(store),
      redis_(redis),
      job_(job),
      attempt_(attempt),
      cancel_poll_interval_(cancel_poll_interval) {}

absl::Status JobContext::ReportProgress(double percent, std::string phase) {
  absl::Status written = store_.ReportProgress(job_.id, attempt_, percent, phase);
  if (written.code() == absl::StatusCode::kAborted) lost_ = true;
  if (!written.ok()) return written;
  const std::string message = nlohmann::json{
      {"job_id", job_.id},
      {"attempt", attempt_},
      {"percent", percent},
      {"phase", phase}}.dump();
  AnnounceJobChange(redis_, job_.id, message);
  return absl::OkStatus();
}

void AnnounceJobChange(redis::RedisConnections& redis, std::string_view job_id,
                       const std::string& message) {
  absl::StatusOr<redis::RedisClient*> client = redis.ForThisThread();
  absl::StatusOr<int64_t> published =
      client.ok() ? redis::Publish(**client, JobProgressChannel(job_id), message)
                  : absl::StatusOr<int64_t>(client.status());
  if (!published.ok()) {
    spdlog::warn("job {} change not published: {}", job_id, published.status().ToString());
  }
}

bool JobContext::cancelled() {
  if (lost_ || cancel_seen_) return true;
  const auto now = std::chrono::steady_clock::now();
  if (now < next_cancel_check_) return false;
  next_cancel_check_ = now + cancel_poll_interval_;
  absl::StatusOr<Job> current = store_.Get(job_.id);
  if (!current.ok()) return false;  // cannot tell: keep working, the fence still protects
  if (current->attempt != attempt_ || current->state != JobState::kRunning) lost_ = true;
  cancel_seen_ = current->cancel_requested;
  return lost_ || cancel_seen_;
}

absl::Status JobContext::CompleteWith(const std::function<absl::Status(pqxx::work&)>& write_results,
                                      std::string result) {
  return CompleteWith(write_results, [&] { return result; });
}

absl::Status JobContext::CompleteWith(const std::function<absl::Status(pqxx::work&)>& write_results,
                                      const std::function<std::string()>& result) {
  absl::Status committed = pg::WithTransaction(store_.pool(), [&](pqxx::work& tx) {
    if (absl::Status written = write_results(tx); !written.ok()) return written;
    return store_.CompleteInTransaction(tx, job_.id, attempt_, result());
  });
  if (committed.ok()) completed_ = true;
  if (committed.code() == absl::StatusCode::kAborted &&
      !pg::IsRetryableTransactionFailure(committed)) {
    lost_ = true;
  }
  return committed;
}

}  // namespace secsched::jobs
