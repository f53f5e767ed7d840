#include "services/sectioning/domain/trial_jobs.h"

#include "common/access/authorize.h"
#include "common/status/status.h"
#include "services/sectioning/domain/calendar_guard.h"

namespace secsched::sectioning {
namespace {

constexpr std::string_view kScopePrefix = "trial/";

// A job changed if anything a watcher shows changed.
bool SameView(const jobs::Job& a, const jobs::Job& b) {
  return a.state == b.state && a.progress_percent == b.progress_percent && a.phase == b.phase &&
         a.attempt == b.attempt && a.result == b.result && a.error == b.error;
}

}  // namespace

constexpr std::pair<TrialJobType, std::string_view> kJobNames[] = {
    {TrialJobType::kCountSections, "count_sections"},
    {TrialJobType::kBuildSections, "build_sections"},
    {TrialJobType::kBuildMaster, "build_master"},
    {TrialJobType::kLoadStudents, "load_students"},
    {TrialJobType::kReload, "reload"},
    {TrialJobType::kExplain, "explain"},
    {TrialJobType::kBound, "bound"},
};

std::string_view JobTypeName(TrialJobType type) {
  for (const auto& [t, name] : kJobNames) {
    if (t == type) return name;
  }
  return "count_sections";
}

std::optional<TrialJobType> JobTypeFromName(std::string_view name) {
  for (const auto& [t, n] : kJobNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

std::string TrialScope(const TrialKey& trial) {
  return std::string(kScopePrefix) + trial.calendar_id + "/" + trial.trial_id;
}

absl::StatusOr<TrialKey> TrialFromScope(std::string_view scope) {
  if (scope.substr(0, kScopePrefix.size()) != kScopePrefix) {
    return absl::InvalidArgumentError("job scope is not a trial: " + std::string(scope));
  }
  scope.remove_prefix(kScopePrefix.size());
  const size_t slash = scope.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == scope.size()) {
    return absl::InvalidArgumentError("job scope is not a trial: " + std::string(scope));
  }
  return TrialKey{std::string(scope.substr(0, slash)), std::string(scope.substr(slash + 1))};
}

absl::StatusOr<jobs::Job> TrialJobs::AuthorizedJob(const auth::Caller& caller,
                                                   std::string_view job_id, access::Mode mode) {
  absl::StatusOr<jobs::Job> job = board_.Get(job_id);
  if (!job.ok()) return job.status();
  absl::StatusOr<TrialKey> trial = TrialFromScope(job->scope);
  if (!trial.ok()) return absl::NotFoundError("Job " + std::string(job_id) + " not found.");
  if (absl::Status allowed =
          access::AuthorizeCalendarAccess(caller, trial->calendar_id, mode, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  return job;
}

absl::StatusOr<jobs::Job> TrialJobs::Start(const auth::Caller& caller, const TrialKey& trial,
                                           TrialJobType type, std::string request_id) {
  if (absl::Status allowed = access::AuthorizeCalendarAccess(
          caller, trial.calendar_id, access::Mode::kWrite, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  if (request_id.size() > 128) return InvalidField("request_id", "must be at most 128 characters");
  if (absl::Status approved = RequireApprovedCalendar(catalog_, trial.calendar_id);
      !approved.ok()) {
    return approved;
  }
  absl::StatusOr<Trial> found = trials_.Get(trial);
  if (!found.ok()) return found.status();
  // A lock taken after this check is caught where the job saves (GuardTrialWrite).
  if (found->locked) {
    return absl::FailedPreconditionError("Trial " + trial.trial_id +
                                         " is locked; unlock it before starting a job on it.");
  }
  return board_.Submit(type, trial, std::move(request_id));
}

absl::StatusOr<jobs::Job> TrialJobs::Get(const auth::Caller& caller, std::string_view job_id) {
  return AuthorizedJob(caller, job_id, access::Mode::kRead);
}

absl::StatusOr<jobs::Job> TrialJobs::Cancel(const auth::Caller& caller, std::string_view job_id) {
  if (absl::StatusOr<jobs::Job> job = AuthorizedJob(caller, job_id, access::Mode::kWrite);
      !job.ok()) {
    return job.status();
  }
  if (absl::Status cancelled = board_.RequestCancel(job_id); !cancelled.ok()) return cancelled;
  return board_.Get(job_id);
}

absl::Status TrialJobs::Watch(const auth::Caller& caller, std::string_view job_id,
                              const std::function<bool(const jobs::Job&)>& emit,
                              const std::function<bool()>& keep_going) {
  if (absl::StatusOr<jobs::Job> job = AuthorizedJob(caller, job_id, access::Mode::kRead);
      !job.ok()) {
    return job.status();
  }
  absl::StatusOr<std::unique_ptr<JobChangeFeed>> feed = board_.Observe(job_id);
  if (!feed.ok()) return feed.status();
  absl::StatusOr<jobs::Job> job = board_.Get(job_id);
  if (!job.ok()) return job.status();
  if (!emit(*job)) return absl::OkStatus();
  while (!jobs::IsFinished(job->state) && keep_going()) {
    if (absl::Status waited = (*feed)->Wait(watch_poll_); !waited.ok()) return waited;
    absl::StatusOr<jobs::Job> next = board_.Get(job_id);
    if (!next.ok()) return next.status();
    if (SameView(*next, *job)) continue;
    job = std::move(next);
    if (!emit(*job)) break;
  }
  return absl::OkStatus();
}

}  // namespace secsched::sectioning
