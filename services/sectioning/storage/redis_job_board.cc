#include "services/sectioning/storage/redis_job_board.h"

#include "common/jobs/job_context.h"
#include "common/jobs/submit_job.h"
#include "common/redis/pubsub.h"

namespace secsched::sectioning {
namespace {

class PubSubFeed final : public JobChangeFeed {
 public:
  explicit PubSubFeed(std::unique_ptr<redis::Subscriber> subscriber)
      : subscriber_(std::move(subscriber)) {}

  absl::Status Wait(std::chrono::milliseconds timeout) override {
    return subscriber_->Next(timeout).status();
  }

 private:
  std::unique_ptr<redis::Subscriber> subscriber_;
};

}  // namespace

absl::StatusOr<jobs::Job> RedisJobBoard::Submit(TrialJobType type, const TrialKey& trial,
                                                std::string idempotency_key) {
  // The scope names the trial; the payload is the job's kind.
  absl::StatusOr<jobs::JobStore::EnqueueResult> submitted =
      jobs::SubmitJob(store_, queue_,
                      {.type = std::string(kTrialJobQueue),
                       .scope = TrialScope(trial),
                       .payload = std::string(JobTypeName(type)),
                       .idempotency_key = std::move(idempotency_key),
                       .scope_policy = jobs::ScopePolicy::kExclusive});
  if (!submitted.ok()) return submitted.status();
  return submitted->job;
}

absl::StatusOr<jobs::Job> RedisJobBoard::Get(std::string_view job_id) { return store_.Get(job_id); }

absl::Status RedisJobBoard::RequestCancel(std::string_view job_id) {
  absl::Status requested = store_.RequestCancel(job_id);
  // A queued job is CANCELLED at once: tell its watchers now.
  if (requested.ok()) {
    jobs::AnnounceJobChange(redis_, job_id, "{\"cancel_requested\": true}");
  }
  return requested;
}

absl::StatusOr<std::unique_ptr<JobChangeFeed>> RedisJobBoard::Observe(std::string_view job_id) {
  absl::StatusOr<std::unique_ptr<redis::Subscriber>> subscriber =
      redis::Subscriber::Subscribe(redis_.options(), {jobs::JobProgressChannel(job_id)});
  if (!subscriber.ok()) return subscriber.status();
  return std::make_unique<PubSubFeed>(*std::move(subscriber));
}

}  // namespace secsched::sectioning
