// Long-running work on a trial (build, load, COUNT_SECTIONS): start it as a queued job, read it,
// cancel it, watch it to the end.
//
// The job record is common/jobs' Job (a plain value); how jobs are queued and observed is behind
// JobBoard, implemented in storage/ on Redis Streams + the `jobs` table.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/auth/caller.h"
#include "common/jobs/job.h"
#include "services/sectioning/domain/trial.h"

namespace secsched::sectioning {

// What a job does to its trial (docs/api.md, "Jobs").
enum class TrialJobType {
  kCountSections,  // counts the sections: the smallest job through the whole job path
  kBuildSections,  // sections for every course from its requests, keeping the trial's own
  kBuildMaster,    // places the sections in periods (adds missing ones), keeping locked ones
  kLoadStudents,   // loads every student, keeping locked enrollments; then explains the unmet
  kReload,         // reloads only the students whose schedule broke or is incomplete
  kExplain,        // why each unmet primary request is unmet
  kBound,          // the most primary requests any load of this master could meet (CBC)
};

// Every trial job goes to one queue (one Redis stream, one consumer group), so one worker pool
// serves them all and scaling watches one backlog; the job's kind is its payload.
inline constexpr std::string_view kTrialJobQueue = "trial_jobs";

// The job kind's name, stored as the job's payload ("build_master").
std::string_view JobTypeName(TrialJobType type);
std::optional<TrialJobType> JobTypeFromName(std::string_view name);

// The trial a job works on, as recorded in the job's scope ("trial/<calendar>/<trial>").
std::string TrialScope(const TrialKey& trial);
absl::StatusOr<TrialKey> TrialFromScope(std::string_view scope);

// Tells a watcher that a job may have changed.
class JobChangeFeed {
 public:
  virtual ~JobChangeFeed() = default;
  // Returns when a change was announced or `timeout` passed (callers re-read the row either way).
  virtual absl::Status Wait(std::chrono::milliseconds timeout) = 0;
};

class JobBoard {
 public:
  virtual ~JobBoard() = default;
  // Queues the job; one active job per trial (ABORTED otherwise); a repeated idempotency key
  // returns the first job.
  virtual absl::StatusOr<jobs::Job> Submit(TrialJobType type, const TrialKey& trial,
                                           std::string idempotency_key) = 0;
  virtual absl::StatusOr<jobs::Job> Get(std::string_view job_id) = 0;  // NOT_FOUND
  virtual absl::Status RequestCancel(std::string_view job_id) = 0;
  // Subscribes before the caller's first read, so no change between them is missed.
  virtual absl::StatusOr<std::unique_ptr<JobChangeFeed>> Observe(std::string_view job_id) = 0;
};

class TrialJobs {
 public:
  TrialJobs(TrialRepository& trials, JobBoard& board, catalog::CatalogReader& catalog,
            access::CalendarSchools& schools, access::AccessChecker& access,
            std::chrono::milliseconds watch_poll = std::chrono::seconds(1))
      : trials_(trials),
        board_(board),
        catalog_(catalog),
        schools_(schools),
        access_(access),
        watch_poll_(watch_poll) {}

  // NOT_FOUND for an unknown trial; FAILED_PRECONDITION for a locked one or a calendar that is
  // not APPROVED; ABORTED when the trial already has an active job.
  absl::StatusOr<jobs::Job> Start(const auth::Caller& caller, const TrialKey& trial,
                                  TrialJobType type, std::string request_id);
  absl::StatusOr<jobs::Job> Get(const auth::Caller& caller, std::string_view job_id);
  absl::StatusOr<jobs::Job> Cancel(const auth::Caller& caller, std::string_view job_id);

  // Calls `emit` with the job now and after every change until it finishes, `emit` returns
  // false (the client went away) or `keep_going` returns false.
  absl::Status Watch(const auth::Caller& caller, std::string_view job_id,
                     const std::function<bool(const jobs::Job&)>& emit,
                     const std::function<bool()>& keep_going);

 private:
  // The job, if the caller may see (kRead) or change (kWrite) jobs of its trial's school.
  absl::StatusOr<jobs::Job> AuthorizedJob(const auth::Caller& caller, std::string_view job_id,
                                          access::Mode mode);

  TrialRepository& trials_;
  JobBoard& board_;
  catalog::CatalogReader& catalog_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
  const std::chrono::milliseconds watch_poll_;  // fallback when a change message is missed
};

}  // namespace secsched::sectioning
