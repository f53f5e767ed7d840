#include "services/sectioning/storage/pg_section_counts.h"

#include "common/pg/errors.h"
#include "common/pg/transaction.h"
#include "services/sectioning/storage/pg_trial_guard.h"

namespace secsched::sectioning {

absl::StatusOr<int> PgSectionCounts::CountSections(const TrialKey& trial) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<int> {
    pqxx::result found =
        tx.exec_params("SELECT 1 FROM trials WHERE calendar_id = $1 AND trial_id = $2",
                       trial.calendar_id, trial.trial_id);
    if (found.empty()) return absl::NotFoundError("Trial " + trial.trial_id + " no longer exists.");
    pqxx::result rows = tx.exec_params(
        "SELECT count(*)::int FROM sections WHERE calendar_id = $1 AND trial_id = $2",
        trial.calendar_id, trial.trial_id);
    return rows[0][0].as<int>();
  });
}

absl::Status PgSectionCounts::RecordCount(pqxx::work& tx, const TrialKey& trial,
                                          std::string_view job_id, int count) {
  try {
    // A trial locked (or deleted) while the job ran refuses the save; the job fails with it.
    if (absl::Status guard = GuardTrialWrite(tx, trial); !guard.ok()) return guard;
    tx.exec_params(
        "INSERT INTO section_counts (calendar_id, trial_id, job_id, section_count) "
        "VALUES ($1, $2, $3, $4) ON CONFLICT (calendar_id, trial_id, job_id) "
        "DO UPDATE SET section_count = EXCLUDED.section_count, counted_at = now()",
        trial.calendar_id, trial.trial_id, std::string(job_id), count);
    return absl::OkStatus();
  } catch (const std::exception& e) {
    return pg::StatusFromPqxx(e);
  }
}

}  // namespace secsched::sectioning
