// The walk-in transaction (see PgRosterRepository::ApplyWalkIn for the lock order): the locks,
// then the change applied to what they protect by RosterChanges and written back.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "common/pg/errors.h"
#include "common/pg/prepared.h"
#include "common/pg/transaction.h"
#include "services/sectioning/storage/pg_roster_repository.h"
#include "services/sectioning/storage/pg_roster_rows.h"
#include "services/sectioning/storage/pg_trial_guard.h"

namespace secsched::sectioning {
namespace {

using roster_rows::kEnrollmentColumns;
using roster_rows::StoredEnrollmentOf;

std::optional<StoredEnrollment> ReadEnrollment(pqxx::work& tx, const TrialKey& trial,
                                               const std::string& section_id,
                                               const std::string& student_id) {
  pqxx::result rows = pg::ExecPrepared(
      tx,
      std::string("SELECT ") + kEnrollmentColumns +
          " FROM enrollments e WHERE e.calendar_id = $1 AND e.trial_id = $2 AND e.section_id = $3 "
          "AND e.student_id = $4",
      trial.calendar_id, trial.trial_id, section_id, student_id);
  if (rows.empty()) return std::nullopt;
  return StoredEnrollmentOf(rows[0], trial);
}

// The first result of a change already made with this request id, if any.
absl::StatusOr<std::optional<StoredEnrollment>> Replay(pqxx::work& tx, const WalkIn& change) {
  if (change.request_id.empty()) return std::nullopt;
  pqxx::result rows = pg::ExecPrepared(
      tx,
      "SELECT student_id, section_id, action, detail FROM schedule_changes WHERE calendar_id = $1 "
      "AND trial_id = $2 AND request_id = $3 ORDER BY change_id LIMIT 1",
      change.trial.calendar_id, change.trial.trial_id, change.request_id);
  if (rows.empty()) return std::nullopt;
  std::string section = rows[0]["section_id"].as<std::string>();
  if (rows[0]["student_id"].as<std::string>() != change.student_id ||
      rows[0]["action"].as<std::string>() != ChangeActionName(change.action)) {
    return absl::AlreadyExistsError("Request id " + change.request_id +
                                    " was used for another change; use a new request id.");
  }
  if (std::optional<StoredEnrollment> now =
          ReadEnrollment(tx, change.trial, section, change.student_id)) {
    return now;
  }
  // Changed since (e.g. dropped): the first result as the audit recorded it.
  nlohmann::json detail = nlohmann::json::parse(rows[0]["detail"].c_str(), nullptr, false);
  StoredEnrollment first;
  first.enrollment = {.calendar_id = change.trial.calendar_id,
                      .trial_id = change.trial.trial_id,
                      .section_id = section,
                      .student_id = change.student_id};
  if (detail.is_object() && detail.contains("course")) {
    first.enrollment.course_id = detail["course"].get<std::string>();
  }
  return first;
}

}  // namespace

namespace roster_rows {

std::string StudentLockKey(const TrialKey& trial, const std::string& student_id) {
  return "sectioning.roster/" + trial.calendar_id + "/" + trial.trial_id + "/" + student_id;
}

void LockRosters(pqxx::work& tx, const TrialKey& trial, const std::set<std::string>& students,
                 const std::set<std::string>& sections) {
  std::set<std::string> keys;
  for (const std::string& student : students) keys.insert(StudentLockKey(trial, student));
  if (!keys.empty()) {
    pg::ExecPrepared(tx,
                     "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(h) FROM (SELECT "
                     "hashtextextended(k, 0) AS h FROM unnest($1::text[]) k ORDER BY 1) s) t",
                     TextArray(keys));
  }
  if (sections.empty()) return;
  pg::ExecPrepared(tx,
                   "SELECT section_id FROM sections WHERE calendar_id = $1 AND trial_id = $2 AND "
                   "section_id = ANY($3::text[]) ORDER BY section_id FOR UPDATE",
                   trial.calendar_id, trial.trial_id, TextArray(sections));
}

}  // namespace roster_rows

absl::StatusOr<StoredEnrollment> PgRosterRepository::ApplyWalkIn(const WalkIn& change,
                                                                 const WalkInCheck& check) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<StoredEnrollment> {
    if (absl::Status open = GuardTrialWrite(tx, change.trial); !open.ok()) return open;
    std::set<std::string> sections;
    if (!change.from_section_id.empty()) sections.insert(change.from_section_id);
    if (!change.to_section_id.empty()) sections.insert(change.to_section_id);
    // The student's lock first: a retry with the same request id waits for the first call.
    roster_rows::LockRosters(tx, change.trial, {change.student_id}, {});
    absl::StatusOr<std::optional<StoredEnrollment>> replay = Replay(tx, change);
    if (!replay.ok()) return replay.status();
    if (*replay) return **replay;
    roster_rows::LockRosters(tx, change.trial, {}, sections);

    RosterChanges changes(
        roster_rows::ReadRosterState(tx, change.trial, {change.student_id}, sections));
    std::optional<StoredEnrollment> left;
    if (const StoredEnrollment* row = changes.Find(change.student_id, change.from_section_id)) {
      left = *row;
    }
    absl::StatusOr<AppliedChange> applied = changes.Apply(change, check);
    if (!applied.ok()) return applied.status();
    roster_rows::WriteRosterChanges(tx, change.trial, changes);
    if (change.action == ChangeAction::kDrop) return *left;
    std::optional<StoredEnrollment> written =
        ReadEnrollment(tx, change.trial, applied->section_id, change.student_id);
    if (!written) return absl::InternalError("the enrollment just written is missing");
    return *written;
  });
}

}  // namespace secsched::sectioning
