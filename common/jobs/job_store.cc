#include "common/jobs/job_store.h"

#include <pqxx/except>
#include <pqxx/result>

#include "absl/strings/str_cat.h"
#include "common/pg/errors.h"
#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"

namespace secsched::jobs {
namespace {

constexpr char kColumns[] =
    "id, type, scope, state, exclusive_scope, coalesce(idempotency_key, ''), payload, attempt, "
    "deliveries, progress_percent, phase, result, error, cancel_requested, published, "
    "(extract(epoch FROM created_at) * 1000000)::bigint, "
    "(extract(epoch FROM started_at) * 1000000)::bigint, "
    "(extract(epoch FROM finished_at) * 1000000)::bigint, "
    "(extract(epoch FROM updated_at) * 1000000)::bigint";

Job JobFromRow(const pqxx::row& row) {
  Job job;
  job.id = row[0].as<std::string>();
  job.type = row[1].as<std::string>();
  job.scope = row[2].as<std::string>();
  job.state = ParseJobState(row[3].as<std::string>()).value_or(JobState::kFailed);
  job.exclusive_scope = row[4].as<bool>();
  job.idempotency_key = row[5].as<std::string>();
  job.payload = row[6].as<std::string>();
  job.attempt = row[7].as<int>();
  job.deliveries = row[8].as<int>();
  job.progress_percent = row[9].as<double>();
  job.phase = row[10].as<std::string>();
  job.result = row[11].as<std::string>();
  job.error = row[12].as<std::string>();
  job.cancel_requested = row[13].as<bool>();
  job.published = row[14].as<bool>();
  job.created_at = pg::TimeOf(row[15]);
  job.started_at = pg::OptionalTimeOf(row[16]);
  job.finished_at = pg::OptionalTimeOf(row[17]);
  job.updated_at = pg::TimeOf(row[18]);
  return job;
}

absl::Status StaleAttempt(std::string_view id, int attempt) {
  return absl::AbortedError(absl::StrCat("Stale attempt: attempt ", attempt, " of job ",
                                         std::string(id), " is no longer the running one."));
}

absl::Status NotFound(std::string_view id) {
  return absl::NotFoundError(absl::StrCat("Job ", std::string(id), " does not exist."));
}

// The fenced UPDATE every worker write goes through. `assignments` is one of the fixed SQL
// fragments below (never caller data); $3 is its text argument.
absl::Status FencedUpdate(pqxx::work& tx, std::string_view assignments, std::string_view id,
                          int attempt, const std::string& text) {
  const pqxx::result updated = tx.exec_params(
      absl::StrCat("UPDATE jobs SET ", std::string(assignments), ", updated_at = now() ",
                   "WHERE id = $1 AND attempt = $2 AND state = 'RUNNING'"),
      std::string(id), attempt, text);
  if (updated.affected_rows() == 0) return StaleAttempt(id, attempt);
  return absl::OkStatus();
}

constexpr char kSucceed[] =
    "state = 'SUCCEEDED', result = $3, progress_percent = 100, finished_at = now()";
constexpr char kFail[] = "state = 'FAILED', error = $3, finished_at = now()";
constexpr char kCancel[] = "state = 'CANCELLED', error = $3, finished_at = now()";
constexpr char kProgress[] = "phase = $3, progress_percent = $4";

}  // namespace

absl::StatusOr<JobStore::EnqueueResult> JobStore::Create(std::string type, std::string scope,
                                                         std::string payload,
                                                         std::string idempotency_key,
                                                         ScopePolicy policy) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<EnqueueResult> {
    pqxx::result inserted;
    try {
      inserted = tx.exec_params(
          absl::StrCat("INSERT INTO jobs (type, scope, payload, idempotency_key, exclusive_scope) "
                       "VALUES ($1, $2, $3, NULLIF($4, ''), $5) "
                       "ON CONFLICT (idempotency_key) DO NOTHING RETURNING ",
                       kColumns),
          type, scope, payload, idempotency_key, policy == ScopePolicy::kExclusive);
    } catch (const pqxx::unique_violation&) {
      // The idempotency key is the ON CONFLICT arbiter, so the only other unique index that
      // can object is the one-active-exclusive-job-per-scope index.
      return absl::AbortedError(
          absl::StrCat("Another ", type, " job is already queued or running for ", scope, "."));
    }
    if (!inserted.empty()) return EnqueueResult{JobFromRow(inserted[0]), true};
    const pqxx::result existing =
        tx.exec_params(absl::StrCat("SELECT ", kColumns, " FROM jobs WHERE idempotency_key = $1"),
                       idempotency_key);
    if (existing.empty()) {
      // The conflicting insert was rolled back after ours looked; trying again will insert.
      return absl::AbortedError("Concurrent job creation; try again.");
    }
    Job job = JobFromRow(existing[0]);
    if (job.type != type || job.scope != scope) {
      return absl::AlreadyExistsError("The idempotency key was already used for a different job.");
    }
    return EnqueueResult{std::move(job), false};
  });
}

absl::StatusOr<Job> JobStore::Get(std::string_view id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Job> {
    const pqxx::result rows = tx.exec_params(
        absl::StrCat("SELECT ", kColumns, " FROM jobs WHERE id = $1"), std::string(id));
    if (rows.empty()) return NotFound(id);
    return JobFromRow(rows[0]);
  });
}

absl::Status JobStore::MarkPublished(std::string_view id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    const pqxx::result updated = tx.exec_params(
        "UPDATE jobs SET published = true, updated_at = now() WHERE id = $1", std::string(id));
    return updated.affected_rows() == 0 ? NotFound(id) : absl::OkStatus();
  });
}

absl::StatusOr<int> JobStore::BeginAttempt(std::string_view id, int64_t deliveries) {
  // Decided under the row lock; a cancelled-before-start job is committed as CANCELLED, so
  // the refusal is reported only after the transaction (an error would roll it back).
  bool was_cancelled = false;
  std::string finished_state;
  absl::StatusOr<int> attempt =
      pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<int> {
        was_cancelled = false;
        finished_state.clear();
        const pqxx::result rows = tx.exec_params(
            "SELECT state, cancel_requested FROM jobs WHERE id = $1 FOR UPDATE", std::string(id));
        if (rows.empty()) return NotFound(id);
        const std::optional<JobState> state = ParseJobState(rows[0][0].as<std::string>());
        if (!state || IsFinished(*state)) {
          finished_state = rows[0][0].as<std::string>();
          return 0;
        }
        if (rows[0][1].as<bool>()) {
          tx.exec_params(
              "UPDATE jobs SET state = 'CANCELLED', error = 'cancelled', finished_at = now(), "
              "updated_at = now() WHERE id = $1",
              std::string(id));
          was_cancelled = true;
          return 0;
        }
        return tx
            .exec_params1(
                "UPDATE jobs SET attempt = attempt + 1, state = 'RUNNING', "
                "deliveries = GREATEST(deliveries, $2), progress_percent = 0, phase = '', "
                "started_at = now(), updated_at = now() WHERE id = $1 RETURNING attempt",
                std::string(id), deliveries)[0]
            .as<int>();
      });
  if (!attempt.ok()) return attempt.status();
  if (was_cancelled) {
    return absl::FailedPreconditionError(
        absl::StrCat("Job ", std::string(id), " was cancelled before it started."));
  }
  if (!finished_state.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("Job ", std::string(id), " already finished (", finished_state, ")."));
  }
  return attempt;
}

absl::Status JobStore::ReportProgress(std::string_view id, int attempt, double percent,
                                      std::string phase) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    const pqxx::result updated =
        tx.exec_params(absl::StrCat("UPDATE jobs SET ", kProgress, ", updated_at = now() ",
                                    "WHERE id = $1 AND attempt = $2 AND state = 'RUNNING'"),
                       std::string(id), attempt, phase, percent);
    return updated.affected_rows() == 0 ? StaleAttempt(id, attempt) : absl::OkStatus();
  });
}

absl::Status JobStore::Finish(std::string_view id, int attempt, Outcome outcome, std::string text) {
  const char* assignments = outcome == Outcome::kSucceeded ? kSucceed
                            : outcome == Outcome::kFailed  ? kFail
                                                           : kCancel;
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    return FencedUpdate(tx, assignments, id, attempt, text);
  });
}

absl::Status JobStore::Complete(std::string_view id, int attempt, std::string result) {
  return Finish(id, attempt, Outcome::kSucceeded, std::move(result));
}

absl::Status JobStore::CompleteInTransaction(pqxx::work& tx, std::string_view id, int attempt,
                                             std::string result) {
  try {
    return FencedUpdate(tx, kSucceed, id, attempt, result);
  } catch (const std::exception& e) {
    return pg::StatusFromPqxx(e);
  }
}

absl::Status JobStore::Fail(std::string_view id, int attempt, std::string error) {
  return Finish(id, attempt, Outcome::kFailed, std::move(error));
}

absl::Status JobStore::FinishCancelled(std::string_view id, int attempt) {
  return Finish(id, attempt, Outcome::kCancelled, "cancelled");
}

absl::Status JobStore::FailUndeliverable(std::string_view id, std::string reason) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    const pqxx::result updated = tx.exec_params(
        "UPDATE jobs SET state = 'FAILED', error = $2, finished_at = now(), updated_at = now() "
        "WHERE id = $1 AND state IN ('QUEUED', 'RUNNING')",
        std::string(id), reason);
    if (updated.affected_rows() > 0) return absl::OkStatus();
    const pqxx::result exists = tx.exec_params("SELECT 1 FROM jobs WHERE id = $1", std::string(id));
    return exists.empty() ? NotFound(id) : absl::OkStatus();
  });
}

absl::Status JobStore::RequestCancel(std::string_view id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    const pqxx::result updated = tx.exec_params(
        "UPDATE jobs SET cancel_requested = true, updated_at = now(), "
        "  state = CASE WHEN state = 'QUEUED' THEN 'CANCELLED' ELSE state END, "
        "  error = CASE WHEN state = 'QUEUED' THEN 'cancelled' ELSE error END, "
        "  finished_at = CASE WHEN state = 'QUEUED' THEN now() ELSE finished_at END "
        "WHERE id = $1 AND state IN ('QUEUED', 'RUNNING')",
        std::string(id));
    if (updated.affected_rows() > 0) return absl::OkStatus();
    const pqxx::result rows =
        tx.exec_params("SELECT state FROM jobs WHERE id = $1", std::string(id));
    if (rows.empty()) return NotFound(id);
    const std::string state = rows[0][0].as<std::string>();
    if (state == "CANCELLED") return absl::OkStatus();
    return absl::FailedPreconditionError(
        absl::StrCat("Job ", std::string(id), " already finished (", state, ")."));
  });
}

}  // namespace secsched::jobs
