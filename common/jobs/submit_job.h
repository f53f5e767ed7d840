// Idempotent enqueue: the job row first (its unique idempotency key decides "new or
// repeat"), then the job id on the Redis stream.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/jobs/job_queue.h"
#include "common/jobs/job_store.h"

namespace secsched::jobs {

struct JobSubmission {
  std::string type;
  std::string scope;
  std::string payload;
  std::string idempotency_key;  // e.g. the request_id of the Create RPC; empty: none
  ScopePolicy scope_policy = ScopePolicy::kShared;
};

// A repeat (same key) returns the existing job and does not queue it again — unless the
// first call created the row but never got the id onto the stream (Redis was unreachable:
// that call returned UNAVAILABLE and its row is QUEUED with published = false); then the
// repeat publishes it, so retrying a failed submission is always the fix. Two repeats racing
// that narrow window may both publish; the fenced job row makes the duplicate harmless.
// Errors: those of JobStore::Create; UNAVAILABLE when Redis is unreachable.
absl::StatusOr<JobStore::EnqueueResult> SubmitJob(JobStore& store, JobQueue& queue,
                                                  JobSubmission submission);

}  // namespace secsched::jobs
