// Prometheus gauges for the job queues, read from Redis at each scrape (a Collectable), so the
// numbers are the queue's own rather than a copy a process keeps:
//   secsched_job_queue_depth{type}              entries in <prefix>:<type>: queued plus running
//                                               (JobQueue::Ack deletes what it acknowledges)
//   secsched_job_queue_oldest_age_seconds{type}  age of the oldest entry (its id's timestamp);
//                                               0 when the queue is empty
//   secsched_job_dead_letters{type}              entries in <prefix>:<type>:dead
//   secsched_job_queue_metrics_up                1 when Redis answered this scrape, else 0
// Every job type with a stream is found by SCAN (MATCH <prefix>:*, TYPE stream), so a new type
// needs no change here. Every replica that serves these reports the same values: aggregate with
// max, not sum.
#pragma once

#include <prometheus/client_metric.h>
#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "common/redis/redis_connections.h"

namespace secsched::jobs {

class JobQueueMetrics final : public prometheus::Collectable {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  explicit JobQueueMetrics(redis::RedisConnections& redis,
                           std::string stream_prefix = "secsched:jobs",
                           Clock now = std::chrono::system_clock::now);

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  redis::RedisConnections& redis_;
  std::string stream_prefix_;
  Clock now_;
};

}  // namespace secsched::jobs
