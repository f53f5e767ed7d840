// The job queue on Redis Streams: one stream per job type (<stream_prefix>:<type>) read by one
// consumer group; each entry carries only a job id, the job itself is a PostgreSQL row.
//
// Delivery is at-least-once. An entry stays in the group's pending list (PEL) from delivery
// until Ack; a consumer that dies leaves it there, and ReclaimIdle (XAUTOCLAIM) hands entries
// idle longer than the visibility timeout to a live consumer. Each claim counts as a delivery;
// past max_deliveries the entry is moved to the dead-letter stream <stream>:dead instead.
// Workers that run longer than the visibility timeout keep their entry with Heartbeat.
//
// Thread-safe: Redis calls go through the calling thread's own connection.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/redis/redis_connections.h"

namespace secsched::jobs {

struct JobQueueOptions {
  std::string stream_prefix = "secsched:jobs";
  std::string group = "workers";
  std::chrono::milliseconds visibility_timeout{30000};
  int max_deliveries = 5;
};

class JobQueue {
 public:
  struct Delivery {
    std::string entry_id;
    std::string job_id;
    int64_t deliveries = 0;  // times this entry was delivered, this one included
  };
  struct Reclaimed {
    std::vector<Delivery> reclaimed;      // now owned by the caller: run them
    std::vector<Delivery> dead_lettered;  // moved to <stream>:dead and acked: fail their jobs
  };

  JobQueue(redis::RedisConnections& redis, JobQueueOptions options = {});

  std::string StreamName(std::string_view type) const;
  std::string DeadLetterStreamName(std::string_view type) const;
  const JobQueueOptions& options() const { return options_; }

  // Creates the stream and its group if missing (a group that exists is fine). New groups
  // start at "0" so entries added before the group existed are not skipped.
  absl::Status EnsureGroup(std::string_view type);

  // XADD <stream> * job_id <id>; returns the entry id. Not retried on a lost connection
  // (UNAVAILABLE): a blind retry could queue the job twice. Callers use SubmitJob, which
  // makes enqueueing idempotent through the job row.
  absl::StatusOr<std::string> Enqueue(std::string_view type, std::string_view job_id);

  // Up to `count` never-delivered entries for `consumer`, waiting up to `block` for the
  // first (0: do not wait). Creates the group if Redis lost it.
  absl::StatusOr<std::vector<Delivery>> Read(std::string_view type, std::string_view consumer,
                                             int count, std::chrono::milliseconds block);

  // Done with the entry: XACK, then XDEL, because an acknowledged entry is never read again
  // (one group per stream) and deleting keeps the stream as small as the backlog.
  absl::Status Ack(std::string_view type, std::string_view entry_id);

  // Claims up to `count` entries idle for at least visibility_timeout (see Reclaimed).
  // Successive calls walk the whole PEL with XAUTOCLAIM's cursor.
  absl::StatusOr<Reclaimed> ReclaimIdle(std::string_view type, std::string_view consumer,
                                        int count);

  // Resets the idle time of an entry `consumer` still owns, so long work is not reclaimed.
  // False if the entry is no longer ours (reclaimed by another consumer, or acked).
  absl::StatusOr<bool> Heartbeat(std::string_view type, std::string_view consumer,
                                 std::string_view entry_id);

  // Why a dead-lettered delivery was given up (also written to the dead-letter entry), for the
  // job row's error.
  std::string DeadLetterReason(const Delivery& delivery) const;

  // Entries delivered but not acked plus entries not yet delivered: the backlog that
  // autoscaling (KEDA) sizes the worker pool by. 0 for a stream that does not exist yet.
  absl::StatusOr<int64_t> Lag(std::string_view type);

 private:
  absl::StatusOr<redis::RedisClient*> Client();
  absl::StatusOr<int64_t> DeliveryCount(redis::RedisClient& client, const std::string& stream,
                                        const std::string& entry_id);
  absl::Status DeadLetter(redis::RedisClient& client, std::string_view type,
                          const Delivery& delivery);

  redis::RedisConnections& redis_;
  JobQueueOptions options_;
  std::mutex cursor_mutex_;
  std::map<std::string, std::string, std::less<>> reclaim_cursor_;  // per stream
};

}  // namespace secsched::jobs
