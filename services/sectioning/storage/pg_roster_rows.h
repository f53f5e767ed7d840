// Shared by the roster repository's files: reading sections (with meetings, teachers and
// enrolled counts) and enrollment rows inside a transaction.
#pragma once

#include <pqxx/pqxx>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "services/sectioning/domain/roster_changes.h"
#include "services/sectioning/domain/rosters.h"
#include "services/sectioning/domain/school_source.h"

namespace secsched::sectioning::roster_rows {

// The sections of `trial` whose id is in `id_subquery`: SQL selecting section ids that may use
// $1 (calendar), $2 (trial) and $3 (`arg`). Ordered by course, section number.
std::vector<Section> LoadSections(pqxx::transaction_base& tx, const TrialKey& trial,
                                  const std::string& id_subquery, const std::string& arg);

// Every section (LoadSections' order) and every enrollment (by student, then section) of the
// trial, in the caller's transaction: what the engine jobs and the OneRoster export read.
TrialSchedule LoadTrialSchedule(pqxx::work& tx, const TrialKey& trial);

// Columns of a section row (alias s) with its meetings and teachers as JSON, for SectionOf.
extern const std::string kSectionColumns;
Section SectionOf(const pqxx::row& row, const TrialKey& trial);

// Columns of an enrollment row (alias e), for StoredEnrollmentOf; each named `prefix` + the
// column, so an enrollment can share a row with its section's columns.
std::string EnrollmentColumns(std::string_view prefix = "");
extern const std::string kEnrollmentColumns;  // EnrollmentColumns("")
StoredEnrollment StoredEnrollmentOf(const pqxx::row& row, const TrialKey& trial,
                                    std::string_view prefix = "");

std::string_view SourceName(EnrollmentSource source);

// The key of a student's advisory lock in a trial (hashed with hashtextextended).
std::string StudentLockKey(const TrialKey& trial, const std::string& student_id);

// Locks, in this order so that no two writers deadlock: the students' advisory locks (in hash
// order), then the sections' rows FOR UPDATE (in id order). Empty sets lock nothing.
void LockRosters(pqxx::work& tx, const TrialKey& trial, const std::set<std::string>& students,
                 const std::set<std::string>& sections);

// A text[] literal of ids (ids are [a-z0-9-]: nothing needs quoting).
std::string TextArray(const std::set<std::string>& ids);

// What a set of walk-in changes reads, with the students' advisory locks and the sections' row
// locks already held: every enrollment of `students`, and the sections named in `sections` or
// holding one of those enrollments (with their enrolled counts).
RosterState ReadRosterState(pqxx::work& tx, const TrialKey& trial,
                            const std::set<std::string>& students,
                            const std::set<std::string>& sections);

// The net enrollment changes (deletions, updates, inserts) and one audit row per applied change,
// in the changes' order.
void WriteRosterChanges(pqxx::work& tx, const TrialKey& trial, const RosterChanges& changes);

}  // namespace secsched::sectioning::roster_rows
