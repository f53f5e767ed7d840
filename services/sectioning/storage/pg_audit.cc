#include "services/sectioning/storage/pg_audit.h"

#include <string>

#include "common/pg/prepared.h"

namespace secsched::sectioning {

void RecordAudit(pqxx::work& tx, const TrialKey& trial, const AuditEntry& entry) {
  pg::ExecPrepared(tx,
                   "INSERT INTO schedule_changes (calendar_id, trial_id, section_id, action, "
                   "detail, reason, actor, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                   trial.calendar_id, trial.trial_id, std::string(entry.section_id),
                   std::string(entry.action), entry.detail.dump(), std::string(entry.reason),
                   std::string(entry.actor), std::string(entry.request_id));
}

}  // namespace secsched::sectioning
