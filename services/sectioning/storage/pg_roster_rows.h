// Shared by the roster repository's files: reading sections (with meetings, teachers and
// enrolled counts) and enrollment rows inside a transaction.
#pragma once

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "services/sectioning/domain/rosters.h"
#include "services/sectioning/domain/school_source.h"

namespace secsched::sectioning::roster_rows {

// The sections of `trial` whose id is in `id_subquery`: SQL selecting section ids that may use
// $1 (calendar), $2 (trial) and $3 (`arg`). Ordered by course, section number.
std::vector<Section> LoadSections(pqxx::work& tx, const TrialKey& trial,
                                  const std::string& id_subquery, const std::string& arg);

// Every section (LoadSections' order) and every enrollment (by student, then section) of the
// trial, in the caller's transaction: what the engine jobs and the OneRoster export read.
TrialSchedule LoadTrialSchedule(pqxx::work& tx, const TrialKey& trial);

// Columns of an enrollment row (alias e), for StoredEnrollmentOf.
extern const char kEnrollmentColumns[];
StoredEnrollment StoredEnrollmentOf(const pqxx::row& row, const TrialKey& trial);

std::string_view SourceName(EnrollmentSource source);

// The key of a student's advisory lock in a trial (hashed with hashtextextended).
std::string StudentLockKey(const TrialKey& trial, const std::string& student_id);

struct Applied {
  StoredEnrollment enrollment;
  bool overload = false;
};

// One change with its locks already held (the student's advisory lock, the sections FOR
// UPDATE): reads the snapshot, runs `check`, writes the enrollment(s) and the audit row.
absl::StatusOr<Applied> ApplyLocked(pqxx::work& tx, const WalkIn& change, const WalkInCheck& check);

}  // namespace secsched::sectioning::roster_rows
