// One row of a trial's audit (schedule_changes) for a change that is not one student's: trial
// lifecycle (TRIAL_*) and section edits (SECTION_*). Walk-ins and batch edits write theirs
// set-based (pg_roster_changes.cc).
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string_view>

#include "services/sectioning/domain/trial.h"

namespace secsched::sectioning {

struct AuditEntry {
  std::string_view action;      // e.g. TRIAL_LOCK, SECTION_UPDATE
  std::string_view section_id;  // "" for a trial-wide change
  nlohmann::json detail = nlohmann::json::object();
  std::string_view actor;
  std::string_view reason;
  std::string_view request_id;
};

void RecordAudit(pqxx::work& tx, const TrialKey& trial, const AuditEntry& entry);

}  // namespace secsched::sectioning
