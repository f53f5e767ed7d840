// JobQueueMetrics against the real (password-protected) test Redis.
#include "common/jobs/queue_metrics.h"

#include <gtest/gtest.h>

#include <map>

#include "common/jobs/job_queue.h"
#include "common/testing/servers.h"

namespace secsched::jobs {
namespace {

// family name -> label "type" ("" for none) -> value
using Samples = std::map<std::string, std::map<std::string, double>>;

Samples Flatten(const std::vector<prometheus::MetricFamily>& families) {
  Samples samples;
  for (const prometheus::MetricFamily& family : families) {
    for (const prometheus::ClientMetric& metric : family.metric) {
      std::string type;
      for (const auto& label : metric.label) {
        if (label.name == "type") type = label.value;
      }
      samples[family.name][type] = metric.gauge.value;
    }
  }
  return samples;
}

redis::RedisOptions SharedRedisOptions() {
  return *redis::RedisOptions::FromUrl(secsched::testing::SharedRedis().url());
}

TEST(JobQueueMetrics, ReportsDepthOldestAgeAndDeadLettersPerType) {
  redis::RedisConnections redis(SharedRedisOptions());
  const std::string prefix = secsched::testing::UniqueName("metrics_jobs");
  redis::RedisClient& client = **redis.ForThisThread();
  // Two BUILD entries, the oldest added at a known instant; LOAD has a group and nothing queued;
  // one BUILD entry was dead-lettered.
  constexpr int64_t kAddedMs = 1'700'000'000'000;
  ASSERT_TRUE(
      client.Command({"XADD", prefix + ":build", std::to_string(kAddedMs) + "-0", "job_id", "a"})
          .ok());
  ASSERT_TRUE(client
                  .Command({"XADD", prefix + ":build", std::to_string(kAddedMs + 5000) + "-0",
                            "job_id", "b"})
                  .ok());
  JobQueue queue(redis, {.stream_prefix = prefix});
  ASSERT_TRUE(queue.EnsureGroup("load").ok());
  ASSERT_TRUE(client.Command({"XADD", prefix + ":build:dead", "*", "job_id", "c"}).ok());
  // A key that is not a stream, and one under an unrelated prefix, are not reported.
  ASSERT_TRUE(client.Command({"SET", prefix + ":not_a_stream", "x"}).ok());

  JobQueueMetrics metrics(redis, prefix, [] {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(kAddedMs + 90'000));
  });
  Samples samples = Flatten(metrics.Collect());
  EXPECT_EQ(samples["secsched_job_queue_metrics_up"][""], 1);
  EXPECT_EQ(samples["secsched_job_queue_depth"],
            (std::map<std::string, double>{{"build", 2}, {"load", 0}}));
  EXPECT_EQ(samples["secsched_job_queue_oldest_age_seconds"],
            (std::map<std::string, double>{{"build", 90}, {"load", 0}}));
  EXPECT_EQ(samples["secsched_job_dead_letters"],
            (std::map<std::string, double>{{"build", 1}, {"load", 0}}));

  // Acked work leaves the queue (Ack deletes the entry): depth and age follow.
  absl::StatusOr<std::vector<JobQueue::Delivery>> read =
      queue.Read("build", "metrics-test", 1, std::chrono::milliseconds(0));
  ASSERT_TRUE(read.ok() && read->size() == 1) << read.status();
  ASSERT_TRUE(queue.Ack("build", read->front().entry_id).ok());
  samples = Flatten(metrics.Collect());
  EXPECT_EQ(samples["secsched_job_queue_depth"]["build"], 1);
  EXPECT_EQ(samples["secsched_job_queue_oldest_age_seconds"]["build"], 85);
}

TEST(JobQueueMetrics, ReportsDownWhenRedisRefusesUs) {
  redis::RedisOptions options = SharedRedisOptions();
  options.password = "wrong";
  redis::RedisConnections redis(options);
  Samples samples = Flatten(JobQueueMetrics(redis, "secsched:jobs").Collect());
  EXPECT_EQ(samples["secsched_job_queue_metrics_up"][""], 0);
  EXPECT_FALSE(samples.contains("secsched_job_queue_depth"));
}

}  // namespace
}  // namespace secsched::jobs
