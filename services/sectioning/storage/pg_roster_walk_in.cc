// The walk-in transaction (see PgRosterRepository::ApplyWalkIn for the lock order).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/pg/errors.h"
#include "common/pg/transaction.h"
#include "services/sectioning/storage/pg_roster_repository.h"
#include "services/sectioning/storage/pg_roster_rows.h"
#include "services/sectioning/storage/pg_trial_guard.h"

namespace secsched::sectioning {
namespace {

using roster_rows::kEnrollmentColumns;
using roster_rows::LoadSections;
using roster_rows::SourceName;
using roster_rows::StoredEnrollmentOf;

std::string StudentLockKey(const WalkIn& change) {
  return "sectioning.roster/" + change.trial.calendar_id + "/" + change.trial.trial_id + "/" +
         change.student_id;
}

std::optional<StoredEnrollment> ReadEnrollment(pqxx::work& tx, const TrialKey& trial,
                                               const std::string& section_id,
                                               const std::string& student_id) {
  pqxx::result rows = tx.exec_params(
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
  pqxx::result rows = tx.exec_params(
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

std::string Detail(const WalkIn& change, const std::string& course, const Enrollment& written) {
  nlohmann::json detail = {{"course", course}};
  if (!change.from_section_id.empty()) detail["from_section"] = change.from_section_id;
  if (!change.to_section_id.empty()) detail["to_section"] = change.to_section_id;
  if (change.action != ChangeAction::kDrop) {
    if (!written.start_date.empty()) detail["start_date"] = written.start_date;
    if (!written.end_date.empty()) detail["end_date"] = written.end_date;
    if (written.credit_override) detail["credit_override"] = *written.credit_override;
    if (written.repeat) detail["repeat"] = true;
    detail["source"] = std::string(SourceName(written.source));
    if (written.request_rank) detail["request_rank"] = *written.request_rank;
  }
  return detail.dump();
}

StoredEnrollment Insert(pqxx::work& tx, const TrialKey& trial, const std::string& section_id,
                        const std::string& course_id, const Enrollment& fields, bool overload) {
  pqxx::result rows = tx.exec_params(
      "INSERT INTO enrollments AS e (calendar_id, trial_id, section_id, student_id, course_id, "
      "start_date, end_date, credit_override, repeat, source, request_rank, overload) VALUES "
      "($1, $2, $3, $4, $5, NULLIF($6, '')::date, NULLIF($7, '')::date, "
      "NULLIF($8, '')::numeric, $9, $10, NULLIF($11, -1), $12) RETURNING " +
          std::string(kEnrollmentColumns),
      trial.calendar_id, trial.trial_id, section_id, fields.student_id, course_id,
      fields.start_date, fields.end_date,
      fields.credit_override ? std::to_string(*fields.credit_override) : std::string(),
      fields.repeat, std::string(SourceName(fields.source)), fields.request_rank.value_or(-1),
      overload);
  return StoredEnrollmentOf(rows[0], trial);
}

}  // namespace

absl::StatusOr<StoredEnrollment> PgRosterRepository::ApplyWalkIn(const WalkIn& change,
                                                                 const WalkInCheck& check) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<StoredEnrollment> {
    if (absl::Status open = GuardTrialWrite(tx, change.trial); !open.ok()) return open;
    tx.exec_params("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", StudentLockKey(change));
    absl::StatusOr<std::optional<StoredEnrollment>> replay = Replay(tx, change);
    if (!replay.ok()) return replay.status();
    if (*replay) return **replay;

    std::vector<std::string> ids;
    if (!change.from_section_id.empty()) ids.push_back(change.from_section_id);
    if (!change.to_section_id.empty()) ids.push_back(change.to_section_id);
    std::sort(ids.begin(), ids.end());
    for (const std::string& id : ids) {
      pqxx::result locked = tx.exec_params(
          "SELECT 1 FROM sections WHERE calendar_id = $1 AND trial_id = $2 AND section_id = $3 "
          "FOR UPDATE",
          change.trial.calendar_id, change.trial.trial_id, id);
      if (locked.empty()) {
        return absl::NotFoundError("Section " + id + " not found in trial " +
                                   change.trial.trial_id + ".");
      }
    }
    // Read after the locks, in statements of their own: counts include every earlier walk-in.
    WalkInSnapshot snapshot;
    for (const std::string& id : ids) {
      std::vector<Section> found = LoadSections(tx, change.trial, "$3", id);
      (id == change.to_section_id ? snapshot.to : snapshot.from) = std::move(found.at(0));
    }
    snapshot.student_sections = LoadSections(
        tx, change.trial,
        "SELECT section_id FROM enrollments WHERE calendar_id = $1 AND trial_id = $2 AND "
        "student_id = $3",
        change.student_id);

    std::optional<StoredEnrollment> leaving;
    if (snapshot.from) {
      leaving = ReadEnrollment(tx, change.trial, change.from_section_id, change.student_id);
      if (!leaving) {
        return absl::NotFoundError("Student " + change.student_id + " is not in section " +
                                   change.from_section_id + ".");
      }
    }
    absl::StatusOr<bool> overload = check(snapshot);
    if (!overload.ok()) return overload.status();

    StoredEnrollment result;
    std::string course;
    if (leaving) {
      tx.exec_params(
          "DELETE FROM enrollments WHERE calendar_id = $1 AND trial_id = $2 AND section_id = $3 "
          "AND student_id = $4",
          change.trial.calendar_id, change.trial.trial_id, change.from_section_id,
          change.student_id);
      result = *leaving;
      course = leaving->enrollment.course_id;
    }
    if (snapshot.to) {
      Enrollment fields =
          change.action == ChangeAction::kMove ? leaving->enrollment : change.fields;
      fields.student_id = change.student_id;
      course = snapshot.to->course_id;
      result = Insert(tx, change.trial, snapshot.to->section_id, course, fields, *overload);
    }
    tx.exec_params(
        "INSERT INTO schedule_changes (calendar_id, trial_id, student_id, section_id, "
        "from_section_id, action, detail, reason, actor, overload, request_id) VALUES "
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        change.trial.calendar_id, change.trial.trial_id, change.student_id,
        change.action == ChangeAction::kDrop ? change.from_section_id : change.to_section_id,
        change.action == ChangeAction::kMove ? change.from_section_id : std::string(),
        std::string(ChangeActionName(change.action)), Detail(change, course, result.enrollment),
        change.reason, change.actor, *overload, change.request_id);
    return result;
  });
}

}  // namespace secsched::sectioning
