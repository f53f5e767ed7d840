// A job as recorded in PostgreSQL: the durable truth about a long-running piece of work.
// Redis only carries the job id to a worker (see job_queue.h).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace secsched::jobs {

enum class JobState { kQueued, kRunning, kSucceeded, kFailed, kCancelled };

// "QUEUED", "RUNNING", ... as stored in jobs.state.
std::string_view JobStateName(JobState state);
// The inverse; nullopt for anything else.
std::optional<JobState> ParseJobState(std::string_view name);
inline bool IsFinished(JobState state) {
  return state == JobState::kSucceeded || state == JobState::kFailed ||
         state == JobState::kCancelled;
}

struct Job {
  using Time = std::chrono::system_clock::time_point;

  std::string id;
  std::string type;   // one stream and consumer group per type, e.g. "build_schedule"
  std::string scope;  // what it works on, e.g. "trial/42"
  JobState state = JobState::kQueued;
  bool exclusive_scope = false;  // at most one queued-or-running such job per scope
  std::string idempotency_key;   // empty: none
  std::string payload;
  int attempt = 0;     // incremented by every BeginAttempt; fences writes of older attempts
  int deliveries = 0;  // highest Redis delivery count seen
  double progress_percent = 0;
  std::string phase;
  std::string result;
  std::string error;
  bool cancel_requested = false;
  bool published = false;  // the id was put on the Redis stream (see SubmitJob)
  Time created_at;
  std::optional<Time> started_at;
  std::optional<Time> finished_at;
  Time updated_at;
};

}  // namespace secsched::jobs
