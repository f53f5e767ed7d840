#include "common/jobs/job_queue.h"

#include "absl/strings/str_cat.h"
#include "common/redis/redis_reply.h"
#include "spdlog/spdlog.h"

namespace secsched::jobs {
namespace {

using redis::RedisClient;
using redis::RedisReply;

constexpr std::string_view kJobIdField = "job_id";

// Resets an entry's idle time only if `consumer` still owns it, atomically, so a heartbeat
// can never take back an entry another consumer has reclaimed in the meantime.
// JUSTID: a heartbeat is not a delivery, so the delivery counter stays as it is.
constexpr char kHeartbeatScript[] = R"lua(
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1, ARGV[3])
if #pending == 0 then return 0 end
redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, ARGV[2], 'JUSTID')
return 1
)lua";

// Stream entries as XREADGROUP and XAUTOCLAIM return them: [[id, [field, value, ...]], ...].
std::vector<JobQueue::Delivery> ParseEntries(const RedisReply& entries) {
  std::vector<JobQueue::Delivery> deliveries;
  for (const RedisReply& entry : entries.elements) {
    if (!entry.is_array() || entry.elements.size() < 2) continue;
    JobQueue::Delivery delivery{entry.elements[0].str, "", 0};
    const std::vector<RedisReply>& fields = entry.elements[1].elements;
    for (size_t i = 0; i + 1 < fields.size(); i += 2) {
      if (fields[i].str == kJobIdField) delivery.job_id = fields[i + 1].str;
    }
    deliveries.push_back(std::move(delivery));
  }
  return deliveries;
}

bool IsNoGroup(const absl::Status& status) { return redis::RedisErrorCode(status) == "NOGROUP"; }

}  // namespace

JobQueue::JobQueue(redis::RedisConnections& redis, JobQueueOptions options)
    : redis_(redis), options_(std::move(options)) {}

std::string JobQueue::StreamName(std::string_view type) const {
  return absl::StrCat(options_.stream_prefix, ":", std::string(type));
}

std::string JobQueue::DeadLetterStreamName(std::string_view type) const {
  return absl::StrCat(StreamName(type), ":dead");
}

absl::StatusOr<RedisClient*> JobQueue::Client() { return redis_.ForThisThread(); }

absl::Status JobQueue::EnsureGroup(std::string_view type) {
  absl::StatusOr<RedisClient*> client = Client();
  if (!client.ok()) return client.status();
  absl::StatusOr<RedisReply> created =
      (*client)->Command({"XGROUP", "CREATE", StreamName(type), options_.group, "0", "MKSTREAM"});
  if (!created.ok() && redis::RedisErrorCode(created.status()) != "BUSYGROUP") {
    return created.status();
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> JobQueue::Enqueue(std::string_view type, std::string_view job_id) {
  absl::StatusOr<RedisClient*> client = Client();
  if (!client.ok()) return client.status();
  absl::StatusOr<RedisReply> added = (*client)->Command(
      {"XADD", StreamName(type), "*", std::string(kJobIdField), std::string(job_id)});
  if (!added.ok()) return added.status();
  return added->str;
}

absl::StatusOr<int64_t> JobQueue::DeliveryCount(RedisClient& client, const std::string& stream,
                                                const std::string& entry_id) {
  // XPENDING <stream> <group> <id> <id> 1 -> [[id, consumer, idle-ms, delivery-count]]
  absl::StatusOr<RedisReply> pending =
      client.Command({"XPENDING", stream, options_.group, entry_id, entry_id, "1"});
  if (!pending.ok()) return pending.status();
  if (pending->elements.empty() || pending->elements[0].elements.size() < 4) return 0;
  return pending->elements[0].elements[3].integer;
}

absl::StatusOr<std::vector<JobQueue::Delivery>> JobQueue::Read(std::string_view type,
                                                               std::string_view consumer, int count,
                                                               std::chrono::milliseconds block) {
  absl::StatusOr<RedisClient*> client = Client();
  if (!client.ok()) return client.status();
  const std::string stream = StreamName(type);
  std::vector<std::string> argv{"XREADGROUP",          "GROUP", options_.group,
                                std::string(consumer), "COUNT", absl::StrCat(count)};
  if (block.count() > 0) {
    argv.insert(argv.end(), {"BLOCK", absl::StrCat(block.count())});
  }
  argv.insert(argv.end(), {"STREAMS", stream, ">"});
  auto read = [&] {
    return block.count() > 0
               ? (*client)->CommandWithTimeout(argv, block + (*client)->options().command_timeout)
               : (*client)->Command(argv);
  };
  absl::StatusOr<RedisReply> reply = read();
  if (IsNoGroup(reply.status())) {
    // Redis restarted without the group (or it was never made): make it and read again.
    if (absl::Status ensured = EnsureGroup(type); !ensured.ok()) return ensured;
    reply = read();
  }
  if (!reply.ok()) return reply.status();
  std::vector<Delivery> deliveries;
  if (reply->is_nil() || reply->elements.empty()) return deliveries;  // BLOCK timed out
  // [[stream, entries]]
  for (Delivery& delivery : ParseEntries(reply->elements[0].elements.at(1))) {
    absl::StatusOr<int64_t> delivered = DeliveryCount(**client, stream, delivery.entry_id);
    if (!delivered.ok()) return delivered.status();
    delivery.deliveries = *delivered;
    deliveries.push_back(std::move(delivery));
  }
  return deliveries;
}

absl::Status JobQueue::Ack(std::string_view type, std::string_view entry_id) {
  absl::StatusOr<RedisClient*> client = Client();
  if (!client.ok()) return client.status();
  const std::string stream = StreamName(type);
  absl::StatusOr<RedisReply> acked =
      (*client)->Command({"XACK", stream, options_.group, std::string(entry_id)});
  if (!acked.ok()) return acked.status();
  return (*client)->Command({"XDEL", stream, std::string(entry_id)}).status();
}

std::string JobQueue::DeadLetterReason(const Delivery& delivery) const {
  return absl::StrCat("Gave up after ", delivery.deliveries, " deliveries (limit ",
                      options_.max_deliveries, "): no worker finished the job.");
}

absl::Status JobQueue::DeadLetter(RedisClient& client, std::string_view type,
                                  const Delivery& delivery) {
  // Dead-letter entry first, ack second: a crash in between leaves the entry pending, so it
  // is dead-lettered again (a duplicate on the dead stream) rather than lost.
  const std::string reason = DeadLetterReason(delivery);
  absl::StatusOr<RedisReply> added =
      client.Command({"XADD", DeadLetterStreamName(type), "*", std::string(kJobIdField),
                      delivery.job_id, "entry_id", delivery.entry_id, "reason", reason,
                      "deliveries", absl::StrCat(delivery.deliveries)});
  if (!added.ok()) return added.status();
  spdlog::warn("job {} dead-lettered from {}: {}", delivery.job_id, StreamName(type), reason);
  return Ack(type, delivery.entry_id);
}

absl::StatusOr<JobQueue::Reclaimed> JobQueue::ReclaimIdle(std::string_view type,
                                                          std::string_view consumer, int count) {
  absl::StatusOr<RedisClient*> client = Client();
  if (!client.ok()) return client.status();
  const std::string stream = StreamName(type);
  std::string cursor;
  {
    std::lock_guard<std::mutex> lock(cursor_mutex_);
    auto it = reclaim_cursor_.find(stream);
    cursor = it == reclaim_cursor_.end() ? "0-0" : it->second;
  }
  absl::StatusOr<RedisReply> reply = (*client)->Command(
      {"XAUTOCLAIM", stream, options_.group, std::string(consumer),
       absl::StrCat(options_.visibility_timeout.count()), cursor, "COUNT", absl::StrCat(count)});
  Reclaimed result;
  if (IsNoGroup(reply.status())) return result;  // nothing was ever delivered
  if (!reply.ok()) return reply.status();
  // Redis 7: [next-cursor, [[id, fields]...], [ids deleted from the stream]]. Deleted ids
  // were already dropped from the PEL by XAUTOCLAIM itself; their jobs stay QUEUED (we only
  // delete acked entries, so this happens only after manual trimming).
  if (reply->elements.size() < 2) return absl::InternalError("Unexpected XAUTOCLAIM reply.");
  {
    std::lock_guard<std::mutex> lock(cursor_mutex_);
    reclaim_cursor_[stream] = reply->elements[0].str;
  }
  for (Delivery& delivery : ParseEntries(reply->elements[1])) {
    absl::StatusOr<int64_t> delivered = DeliveryCount(**client, stream, delivery.entry_id);
    if (!delivered.ok()) return delivered.status();
    delivery.deliveries = *delivered;
    if (delivery.deliveries > options_.max_deliveries) {
      if (absl::Status moved = DeadLetter(**client, type, delivery); !moved.ok()) return moved;
      result.dead_lettered.push_back(std::move(delivery));
    } else {
      result.reclaimed.push_back(std::move(delivery));
    }
  }
  return result;
}

absl::StatusOr<bool> JobQueue::Heartbeat(std::string_view type, std::string_view consumer,
                                         std::string_view entry_id) {
  absl::StatusOr<RedisClient*> client = Client();
  if (!client.ok()) return client.status();
  absl::StatusOr<RedisReply> kept =
      (*client)->Command({"EVAL", kHeartbeatScript, "1", StreamName(type), options_.group,
                          std::string(entry_id), std::string(consumer)});
  if (!kept.ok()) return kept.status();
  return kept->integer == 1;
}

absl::StatusOr<int64_t> JobQueue::Lag(std::string_view type) {
  absl::StatusOr<RedisClient*> client = Client();
  if (!client.ok()) return client.status();
  const std::string stream = StreamName(type);
  absl::StatusOr<RedisReply> groups = (*client)->Command({"XINFO", "GROUPS", stream});
  if (!groups.ok()) {
    // "ERR no such key": the stream was never created, so there is no backlog.
    absl::StatusOr<RedisReply> exists = (*client)->Command({"EXISTS", stream});
    if (exists.ok() && exists->integer == 0) return 0;
    return groups.status();
  }
  for (const RedisReply& group : groups->elements) {
    // Each group is a flat [key, value, ...] list: name, consumers, pending,
    // last-delivered-id, entries-read, lag (Redis 7).
    std::map<std::string, const RedisReply*> fields;
    for (size_t i = 0; i + 1 < group.elements.size(); i += 2) {
      fields[group.elements[i].str] = &group.elements[i + 1];
    }
    if (!fields.contains("name") || fields["name"]->str != options_.group) continue;
    const int64_t pending = fields.contains("pending") ? fields["pending"]->integer : 0;
    if (fields.contains("lag") && fields["lag"]->is_integer())
      return pending + fields["lag"]->integer;
    // Redis reports lag as nil when it cannot compute it cheaply (deletions past the group's
    // position); count the undelivered entries instead, capped to keep the call cheap.
    const std::string last =
        fields.contains("last-delivered-id") ? fields["last-delivered-id"]->str : "0-0";
    absl::StatusOr<RedisReply> undelivered =
        (*client)->Command({"XRANGE", stream, "(" + last, "+", "COUNT", "100000"});
    if (!undelivered.ok()) return undelivered.status();
    return pending + static_cast<int64_t>(undelivered->elements.size());
  }
  // No group yet (no worker ever started): everything on the stream is backlog.
  absl::StatusOr<RedisReply> length = (*client)->Command({"XLEN", stream});
  if (!length.ok()) return length.status();
  return length->integer;
}

}  // namespace secsched::jobs
