#include "services/sectioning/storage/pg_trial_guard.h"

#include "common/pg/prepared.h"

namespace secsched::sectioning {

absl::Status GuardTrialWrite(pqxx::work& tx, const TrialKey& trial) {
  pqxx::result rows = pg::ExecPrepared(
      tx, "SELECT locked FROM trials WHERE calendar_id = $1 AND trial_id = $2 FOR SHARE",
      trial.calendar_id, trial.trial_id);
  if (rows.empty()) {
    return absl::NotFoundError("Trial " + trial.trial_id + " not found in calendar " +
                               trial.calendar_id + ".");
  }
  if (rows[0][0].as<bool>()) {
    return absl::FailedPreconditionError("Trial " + trial.trial_id +
                                         " is locked; unlock it before changing its schedule.");
  }
  return absl::OkStatus();
}

}  // namespace secsched::sectioning
