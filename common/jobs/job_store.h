// Job rows in PostgreSQL (table `jobs`, see jobs_migration.h), in the schema the pool's
// search_path selects.
//
// Fencing: every write a worker makes is
//   UPDATE jobs ... WHERE id = $1 AND attempt = $2 AND state = 'RUNNING'
// and touching zero rows is ABORTED "stale attempt". A worker that was presumed dead (its
// Redis entry reclaimed by another worker, which began attempt n+1) can therefore never
// overwrite what the newer attempt does, however late it wakes up.
#pragma once

#include <pqxx/transaction>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/jobs/job.h"
#include "common/pg/pool.h"

namespace secsched::jobs {

enum class ScopePolicy {
  kShared,     // any number of jobs per scope
  kExclusive,  // Create is ABORTED while another exclusive job on the scope is queued/running
};

class JobStore {
 public:
  explicit JobStore(pg::PgPool& pool) : pool_(pool) {}

  // For callers that write their results in the completing transaction.
  pg::PgPool& pool() { return pool_; }

  struct EnqueueResult {
    Job job;
    bool created = false;  // false: the idempotency key matched an existing job
  };
  // Inserts a QUEUED row. A non-empty idempotency_key that was used before returns that job
  // (created = false) whatever its state; used before for another type or scope:
  // ALREADY_EXISTS. kExclusive and another exclusive job queued/running on the scope: ABORTED.
  absl::StatusOr<EnqueueResult> Create(std::string type, std::string scope, std::string payload,
                                       std::string idempotency_key,
                                       ScopePolicy policy = ScopePolicy::kShared);

  absl::StatusOr<Job> Get(std::string_view id);  // NOT_FOUND

  // Records that the job's id is on the Redis stream (see SubmitJob).
  absl::Status MarkPublished(std::string_view id);

  // Starts attempt n+1 (state RUNNING, progress reset) and returns n+1; `deliveries` is the
  // Redis delivery count, kept for operators. A job that is queued or running may begin again
  // (a reclaimed delivery): that is what fences the previous attempt out. A finished job, or
  // one whose cancellation was requested (it becomes CANCELLED here), is FAILED_PRECONDITION:
  // the caller just acknowledges the delivery. NOT_FOUND if there is no such row.
  absl::StatusOr<int> BeginAttempt(std::string_view id, int64_t deliveries = 0);

  // Fenced writes (ABORTED "stale attempt" when attempt is not the running one).
  absl::Status ReportProgress(std::string_view id, int attempt, double percent, std::string phase);
  absl::Status Complete(std::string_view id, int attempt, std::string result);
  // The same, inside the caller's transaction, so a worker's results and the completion
  // commit together or not at all. pqxx errors are returned as Status (the transaction is
  // then unusable and must be rolled back by returning the error).
  absl::Status CompleteInTransaction(pqxx::work& tx, std::string_view id, int attempt,
                                     std::string result);
  absl::Status Fail(std::string_view id, int attempt, std::string error);
  // The worker saw cancel_requested and stopped: state CANCELLED.
  absl::Status FinishCancelled(std::string_view id, int attempt);

  // Not fenced: the queue gave up on the job (too many deliveries), whichever attempt runs.
  // OK if the job already finished; NOT_FOUND if there is no such row.
  absl::Status FailUndeliverable(std::string_view id, std::string reason);

  // A queued job becomes CANCELLED at once; a running one gets cancel_requested, which its
  // worker polls. Cancelling a cancelled job is OK; a succeeded/failed one FAILED_PRECONDITION.
  absl::Status RequestCancel(std::string_view id);

 private:
  enum class Outcome { kSucceeded, kFailed, kCancelled };
  absl::Status Finish(std::string_view id, int attempt, Outcome outcome, std::string text);

  pg::PgPool& pool_;
};

}  // namespace secsched::jobs
