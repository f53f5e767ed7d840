#include "services/sectioning/storage/pg_oneroster_repository.h"

#include <algorithm>

#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"
#include "services/sectioning/storage/pg_roster_rows.h"

namespace secsched::sectioning {

absl::StatusOr<std::vector<TrialKey>> PgOneRosterRepository::ActiveTrials(
    std::optional<std::string_view> calendar_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<TrialKey>> {
    pqxx::result rows = calendar_id ? tx.exec_params(
                                          "SELECT calendar_id, trial_id FROM trials "
                                          "WHERE state = 'ACTIVE' AND calendar_id = $1",
                                          std::string(*calendar_id))
                                    : tx.exec(
                                          "SELECT calendar_id, trial_id FROM trials "
                                          "WHERE state = 'ACTIVE' ORDER BY calendar_id");
    std::vector<TrialKey> out;
    for (const pqxx::row& row : rows) {
      out.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
    }
    return out;
  });
}

absl::StatusOr<ExportedTrial> PgOneRosterRepository::ReadSchedule(const TrialKey& trial) {
  return pg::WithTransaction(
      pool_,
      [&](pqxx::work& tx) -> absl::StatusOr<ExportedTrial> {
        // The last change: the trial row, its sections and enrollments, and the audit (which is
        // what remembers a drop or a deleted section).
        pqxx::result last =
            tx.exec_params("SELECT " +
                               pg::MicrosOf("GREATEST(t.update_time, "
                                            "(SELECT max(update_time) FROM sections s "
                                            "  WHERE s.calendar_id = $1 AND s.trial_id = $2), "
                                            "(SELECT max(update_time) FROM enrollments e "
                                            "  WHERE e.calendar_id = $1 AND e.trial_id = $2), "
                                            "(SELECT max(change_time) FROM schedule_changes c "
                                            "  WHERE c.calendar_id = $1 AND c.trial_id = $2))") +
                               " FROM trials t WHERE t.calendar_id = $1 AND t.trial_id = $2",
                           trial.calendar_id, trial.trial_id);
        if (last.empty()) {
          return absl::NotFoundError("Trial " + trial.trial_id + " not found in calendar " +
                                     trial.calendar_id + ".");
        }
        ExportedTrial out{.trial = trial,
                          .last_modified = pg::TimeFromMicros(last[0][0].as<int64_t>())};
        TrialSchedule rows = roster_rows::LoadTrialSchedule(tx, trial);
        out.sections = std::move(rows.sections);
        out.enrollments = std::move(rows.enrollments);
        std::stable_sort(
            out.enrollments.begin(), out.enrollments.end(),
            [](const Enrollment& a, const Enrollment& b) { return a.section_id < b.section_id; });
        return out;
      },
      {.isolation = pg::Isolation::kRepeatableRead});
}

}  // namespace secsched::sectioning
