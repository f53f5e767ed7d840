// JobBoard on common/jobs: job rows in sectioning.jobs, ids on Redis Streams, progress
// announcements on Redis pub/sub.
#pragma once

#include "common/jobs/job_queue.h"
#include "common/jobs/job_store.h"
#include "common/redis/redis_connections.h"
#include "services/sectioning/domain/trial_jobs.h"

namespace secsched::sectioning {

class RedisJobBoard final : public JobBoard {
 public:
  RedisJobBoard(jobs::JobStore& store, jobs::JobQueue& queue, redis::RedisConnections& redis)
      : store_(store), queue_(queue), redis_(redis) {}

  absl::StatusOr<jobs::Job> Submit(TrialJobType type, const TrialKey& trial,
                                   std::string idempotency_key) override;
  absl::StatusOr<jobs::Job> Get(std::string_view job_id) override;
  absl::Status RequestCancel(std::string_view job_id) override;
  absl::StatusOr<std::unique_ptr<JobChangeFeed>> Observe(std::string_view job_id) override;

 private:
  jobs::JobStore& store_;
  jobs::JobQueue& queue_;
  redis::RedisConnections& redis_;
};

}  // namespace secsched::sectioning
