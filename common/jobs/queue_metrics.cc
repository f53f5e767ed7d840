#include "common/jobs/queue_metrics.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "common/status/strings.h"

namespace secsched::jobs {
namespace {

constexpr std::string_view kDeadSuffix = ":dead";

struct QueueNumbers {
  int64_t depth = 0;
  double oldest_age_seconds = 0;
  int64_t dead_letters = 0;
};

prometheus::MetricFamily Gauge(std::string name, std::string help) {
  prometheus::MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = prometheus::MetricType::Gauge;
  return family;
}

void AddSample(prometheus::MetricFamily& family, const std::string& type, double value) {
  prometheus::ClientMetric sample;
  if (!type.empty()) sample.label.push_back({"type", type});
  sample.gauge.value = value;
  family.metric.push_back(std::move(sample));
}

// Every stream key under prefix + ":" (SCAN walks the keyspace in small steps; no KEYS).
absl::StatusOr<std::vector<std::string>> StreamKeys(redis::RedisClient& client,
                                                    const std::string& prefix) {
  std::vector<std::string> keys;
  std::string cursor = "0";
  do {
    absl::StatusOr<redis::RedisReply> page =
        client.Command({"SCAN", cursor, "MATCH", prefix + ":*", "COUNT", "1000", "TYPE", "stream"});
    if (!page.ok()) return page.status();
    if (!page->is_array() || page->elements.size() != 2) {
      return absl::InternalError("Unexpected SCAN reply.");
    }
    cursor = page->elements[0].str;
    for (const redis::RedisReply& key : page->elements[1].elements) keys.push_back(key.str);
  } while (cursor != "0");
  return keys;
}

absl::StatusOr<int64_t> Length(redis::RedisClient& client, const std::string& stream) {
  absl::StatusOr<redis::RedisReply> length = client.Command({"XLEN", stream});
  if (!length.ok()) return length.status();
  return length->integer;
}

}  // namespace

JobQueueMetrics::JobQueueMetrics(redis::RedisConnections& redis, std::string stream_prefix,
                                 Clock now)
    : redis_(redis), stream_prefix_(std::move(stream_prefix)), now_(std::move(now)) {}

std::vector<prometheus::MetricFamily> JobQueueMetrics::Collect() const {
  prometheus::MetricFamily depth =
      Gauge("secsched_job_queue_depth", "Job queue entries waiting or running, by job type.");
  prometheus::MetricFamily age =
      Gauge("secsched_job_queue_oldest_age_seconds",
            "Age of the oldest job queue entry (waiting or running), by job type; 0 if empty.");
  prometheus::MetricFamily dead =
      Gauge("secsched_job_dead_letters", "Entries in a job type's dead-letter stream.");
  prometheus::MetricFamily up =
      Gauge("secsched_job_queue_metrics_up", "1 when Redis answered the job queue scrape, else 0.");

  std::map<std::string, QueueNumbers> by_type;
  absl::Status status = [&]() -> absl::Status {
    absl::StatusOr<redis::RedisClient*> client = redis_.ForThisThread();
    if (!client.ok()) return client.status();
    absl::StatusOr<std::vector<std::string>> keys = StreamKeys(**client, stream_prefix_);
    if (!keys.ok()) return keys.status();
    const auto now_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now_().time_since_epoch()).count();
    for (const std::string& key : *keys) {
      std::string type = key.substr(stream_prefix_.size() + 1);
      const bool is_dead = absl::EndsWith(type, ToAbsl(kDeadSuffix));
      if (is_dead) type.resize(type.size() - kDeadSuffix.size());
      if (type.find(':') != std::string::npos) continue;  // not one of ours
      absl::StatusOr<int64_t> length = Length(**client, key);
      if (!length.ok()) return length.status();
      QueueNumbers& numbers = by_type[type];
      if (is_dead) {
        numbers.dead_letters = *length;
        continue;
      }
      numbers.depth = *length;
      absl::StatusOr<redis::RedisReply> oldest =
          (*client)->Command({"XRANGE", key, "-", "+", "COUNT", "1"});
      if (!oldest.ok()) return oldest.status();
      int64_t added_ms = 0;
      if (!oldest->elements.empty() && !oldest->elements[0].elements.empty()) {
        const std::string& id = oldest->elements[0].elements[0].str;  // "<ms>-<seq>"
        if (absl::SimpleAtoi(ToAbsl(std::string_view(id).substr(0, id.find('-'))), &added_ms)) {
          numbers.oldest_age_seconds = std::max<double>(0, (now_ms - added_ms) / 1000.0);
        }
      }
    }
    return absl::OkStatus();
  }();
  if (!status.ok()) {
    spdlog::warn("job queue metrics: {}", ToStd(status.message()));
    AddSample(up, "", 0);
    return {up};
  }
  for (const auto& [type, numbers] : by_type) {
    AddSample(depth, type, static_cast<double>(numbers.depth));
    AddSample(age, type, numbers.oldest_age_seconds);
    AddSample(dead, type, static_cast<double>(numbers.dead_letters));
  }
  AddSample(up, "", 1);
  return {depth, age, dead, up};
}

}  // namespace secsched::jobs
