// The batch edit transaction: every lock first (the students' advisory locks in hash order, then
// the sections FOR UPDATE in id order), one read of what the rows touch, the rows applied in
// memory one after the other (RosterChanges), and the net result written in a few statements.
#include <set>

#include "common/pg/prepared.h"
#include "common/pg/transaction.h"
#include "services/sectioning/storage/pg_roster_repository.h"
#include "services/sectioning/storage/pg_roster_rows.h"
#include "services/sectioning/storage/pg_trial_guard.h"

namespace secsched::sectioning {

absl::StatusOr<BatchResult> PgRosterRepository::ApplyBatch(const BatchApply& plan,
                                                           const BatchCheck& check) {
  BatchResult result;
  absl::Status status = pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    result = BatchResult{};
    if (absl::Status open = GuardTrialWrite(tx, plan.trial); !open.ok()) return open;
    std::set<std::string> students;
    std::set<std::string> sections;
    for (const WalkIn& row : plan.rows) {
      students.insert(row.student_id);
      if (!row.from_section_id.empty()) sections.insert(row.from_section_id);
      if (!row.to_section_id.empty()) sections.insert(row.to_section_id);
    }
    roster_rows::LockRosters(tx, plan.trial, students, {});
    if (!plan.request_id.empty()) {
      pqxx::result seen = pg::ExecPrepared(
          tx,
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
    roster_rows::LockRosters(tx, plan.trial, {}, sections);

    RosterChanges changes(roster_rows::ReadRosterState(tx, plan.trial, students, sections));
    int failed = 0;
    for (size_t i = 0; i < plan.rows.size(); ++i) {
      absl::StatusOr<AppliedChange> applied = changes.Apply(
          plan.rows[i], [&](const WalkInSnapshot& snapshot) { return check(i, snapshot); });
      if (applied.ok()) {
        result.rows.push_back({absl::OkStatus(), applied->overload});
        ++result.applied;
      } else {
        result.rows.push_back({applied.status(), false});
        ++failed;
      }
    }
    if (plan.validate_only || (failed > 0 && !plan.per_row)) return absl::OkStatus();
    roster_rows::WriteRosterChanges(tx, plan.trial, changes);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (plan.validate_only ||
      (result.applied < static_cast<int>(plan.rows.size()) && !plan.per_row && !result.replayed)) {
    result.applied = 0;
  }
  return result;
}

}  // namespace secsched::sectioning
