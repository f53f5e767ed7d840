#include "common/jobs/submit_job.h"

#include "spdlog/spdlog.h"

namespace secsched::jobs {

absl::StatusOr<JobStore::EnqueueResult> SubmitJob(JobStore& store, JobQueue& queue,
                                                  JobSubmission submission) {
  absl::StatusOr<JobStore::EnqueueResult> enqueued =
      store.Create(submission.type, std::move(submission.scope), std::move(submission.payload),
                   std::move(submission.idempotency_key), submission.scope_policy);
  if (!enqueued.ok()) return enqueued;
  const Job& job = enqueued->job;
  if (job.published || job.state != JobState::kQueued) return enqueued;
  // The group must exist before the first entry is read; creating it is cheap and
  // idempotent, and doing it here means the first job of a type needs no deploy step.
  if (absl::Status ensured = queue.EnsureGroup(job.type); !ensured.ok()) return ensured;
  absl::StatusOr<std::string> entry = queue.Enqueue(job.type, job.id);
  if (!entry.ok()) return entry.status();
  // The job is queued now whatever happens next; failing the call would make the client
  // retry and queue it a second time. An unmarked row is only re-published by such a retry.
  if (absl::Status marked = store.MarkPublished(job.id); !marked.ok()) {
    spdlog::warn("job {} is queued but not marked published: {}", job.id, marked.ToString());
    return enqueued;
  }
  enqueued->job.published = true;
  return enqueued;
}

}  // namespace secsched::jobs
