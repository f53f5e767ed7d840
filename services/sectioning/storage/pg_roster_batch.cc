// The batch edit transaction: every lock first (the students' advisory locks in hash order, then
// the sections FOR UPDATE in id order), then each row under a savepoint.
#include <algorithm>
#include <set>

#include "common/pg/errors.h"
#include "common/pg/transaction.h"
#include "services/sectioning/storage/pg_roster_repository.h"
#include "services/sectioning/storage/pg_roster_rows.h"
#include "services/sectioning/storage/pg_trial_guard.h"

namespace secsched::sectioning {
namespace {

// A text[] literal of ids (ids are [a-z0-9-], so nothing needs quoting).
std::string TextArray(const std::set<std::string>& ids) {
  std::string out = "{";
  for (const std::string& id : ids) {
    if (out.size() > 1) out += ",";
    out += id;
  }
  return out + "}";
}

// Marks a batch that ran but must not commit (validate_only, or all-or-nothing with a failure).
absl::Status RolledBack() { return absl::CancelledError("sectioning: batch rolled back"); }

}  // namespace

absl::StatusOr<BatchResult> PgRosterRepository::ApplyBatch(const BatchApply& plan,
                                                           const BatchCheck& check) {
  BatchResult result;
  absl::Status status = pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    result = BatchResult{};
    if (absl::Status open = GuardTrialWrite(tx, plan.trial); !open.ok()) return open;
    std::set<std::string> students;
    std::set<std::string> sections;
    for (const WalkIn& row : plan.rows) {
      students.insert(roster_rows::StudentLockKey(plan.trial, row.student_id));
      if (!row.from_section_id.empty()) sections.insert(row.from_section_id);
      if (!row.to_section_id.empty()) sections.insert(row.to_section_id);
    }
    tx.exec_params(
        "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(h) FROM (SELECT "
        "hashtextextended(k, 0) AS h FROM unnest($1::text[]) k ORDER BY 1) s) t",
        TextArray(students));
    if (!plan.request_id.empty()) {
      pqxx::result seen = tx.exec_params(
          "SELECT count(*)::int FROM schedule_changes WHERE calendar_id = $1 AND trial_id = $2 "
          "AND request_id = $3",
          plan.trial.calendar_id, plan.trial.trial_id, plan.request_id);
      if (int applied = seen[0][0].as<int>(); applied > 0) {
        result.replayed = true;
        result.applied = applied;
        result.rows.resize(plan.rows.size());
        return absl::OkStatus();
      }
    }
    tx.exec_params(
        "SELECT section_id FROM sections WHERE calendar_id = $1 AND trial_id = $2 AND "
        "section_id = ANY($3::text[]) ORDER BY section_id FOR UPDATE",
        plan.trial.calendar_id, plan.trial.trial_id, TextArray(sections));

    int failed = 0;
    for (size_t i = 0; i < plan.rows.size(); ++i) {
      tx.exec("SAVEPOINT roster_row");
      absl::StatusOr<roster_rows::Applied> applied;
      try {
        applied = roster_rows::ApplyLocked(
            tx, plan.rows[i], [&](const WalkInSnapshot& snapshot) { return check(i, snapshot); });
      } catch (const std::exception& e) {
        applied = pg::StatusFromPqxx(e);
        if (pg::IsRetryableTransactionFailure(applied.status())) return applied.status();
      }
      if (applied.ok()) {
        tx.exec("RELEASE SAVEPOINT roster_row");
        result.rows.push_back({absl::OkStatus(), applied->overload});
        ++result.applied;
      } else {
        tx.exec("ROLLBACK TO SAVEPOINT roster_row");
        result.rows.push_back({applied.status(), false});
        ++failed;
      }
    }
    if (plan.validate_only || (failed > 0 && !plan.per_row)) return RolledBack();
    return absl::OkStatus();
  });
  if (status == RolledBack()) {
    result.applied = 0;
    return result;
  }
  if (!status.ok()) return status;
  return result;
}

}  // namespace secsched::sectioning
