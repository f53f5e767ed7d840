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

StoredEnrollment Update(pqxx::work& tx, const TrialKey& trial, const std::string& section_id,
                        const std::string& student_id, const Enrollment& fields,
                        const std::vector<std::string>& paths) {
  auto has = [&](std::string_view path) {
    return std::find(paths.begin(), paths.end(), path) != paths.end();
  };
  pqxx::result rows = tx.exec_params(
      "UPDATE enrollments AS e SET "
      "start_date = CASE WHEN $5 THEN NULLIF($6, '')::date ELSE e.start_date END, "
      "end_date = CASE WHEN $7 THEN NULLIF($8, '')::date ELSE e.end_date END, "
      "credit_override = CASE WHEN $9 THEN NULLIF($10, '')::numeric ELSE e.credit_override END, "
      "repeat = CASE WHEN $11 THEN $12 ELSE e.repeat END, update_time = now() "
      "WHERE e.calendar_id = $1 AND e.trial_id = $2 AND e.section_id = $3 AND e.student_id = $4 "
      "RETURNING " +
          std::string(kEnrollmentColumns),
      trial.calendar_id, trial.trial_id, section_id, student_id, has("start_date"),
      fields.start_date, has("end_date"), fields.end_date, has("credit_override"),
      fields.credit_override ? std::to_string(*fields.credit_override) : std::string(),
      has("repeat"), fields.repeat);
  return StoredEnrollmentOf(rows.at(0), trial);
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

namespace roster_rows {

std::string StudentLockKey(const TrialKey& trial, const std::string& student_id) {
  return "sectioning.roster/" + trial.calendar_id + "/" + trial.trial_id + "/" + student_id;
}

absl::StatusOr<Applied> ApplyLocked(pqxx::work& tx, const WalkIn& change,
                                    const WalkInCheck& check) {
  // Read after the locks, in statements of their own: counts include every earlier walk-in.
  WalkInSnapshot snapshot;
  for (const std::string* id : {&change.from_section_id, &change.to_section_id}) {
    if (id->empty()) continue;
    std::vector<Section> found = LoadSections(tx, change.trial, "$3", *id);
    if (found.empty()) {
      return absl::NotFoundError("Section " + *id + " not found in trial " + change.trial.trial_id +
                                 ".");
    }
    (id == &change.to_section_id ? snapshot.to : snapshot.from) = std::move(found[0]);
  }
  snapshot.student_sections = LoadSections(
      tx, change.trial,
      "SELECT section_id FROM enrollments WHERE calendar_id = $1 AND trial_id = $2 AND "
      "student_id = $3",
      change.student_id);

  std::optional<StoredEnrollment> current;
  if (snapshot.from) {
    current = ReadEnrollment(tx, change.trial, change.from_section_id, change.student_id);
    if (!current) {
      return absl::NotFoundError("Student " + change.student_id + " is not in section " +
                                 change.from_section_id + ".");
    }
  }
  absl::StatusOr<bool> overload = check(snapshot);
  if (!overload.ok()) return overload.status();

  Applied result{.overload = *overload};
  std::string course;
  if (change.action == ChangeAction::kUpdate) {
    result.enrollment = Update(tx, change.trial, change.from_section_id, change.student_id,
                               change.fields, change.update_paths);
    course = result.enrollment.enrollment.course_id;
  } else {
    if (current) {
      tx.exec_params(
          "DELETE FROM enrollments WHERE calendar_id = $1 AND trial_id = $2 AND section_id = $3 "
          "AND student_id = $4",
          change.trial.calendar_id, change.trial.trial_id, change.from_section_id,
          change.student_id);
      result.enrollment = *current;
      course = current->enrollment.course_id;
    }
    if (snapshot.to) {
      Enrollment fields =
          change.action == ChangeAction::kMove ? current->enrollment : change.fields;
      fields.student_id = change.student_id;
      course = snapshot.to->course_id;
      result.enrollment =
          Insert(tx, change.trial, snapshot.to->section_id, course, fields, *overload);
    }
  }
  bool into = change.action == ChangeAction::kAdd || change.action == ChangeAction::kMove;
  tx.exec_params(
      "INSERT INTO schedule_changes (calendar_id, trial_id, student_id, section_id, "
      "from_section_id, action, detail, reason, actor, overload, request_id) VALUES "
      "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      change.trial.calendar_id, change.trial.trial_id, change.student_id,
      into ? change.to_section_id : change.from_section_id,
      change.action == ChangeAction::kMove ? change.from_section_id : std::string(),
      std::string(ChangeActionName(change.action)),
      Detail(change, course, result.enrollment.enrollment), change.reason, change.actor, *overload,
      change.request_id);
  return result;
}

}  // namespace roster_rows

absl::StatusOr<StoredEnrollment> PgRosterRepository::ApplyWalkIn(const WalkIn& change,
                                                                 const WalkInCheck& check) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<StoredEnrollment> {
    if (absl::Status open = GuardTrialWrite(tx, change.trial); !open.ok()) return open;
    tx.exec_params("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
                   roster_rows::StudentLockKey(change.trial, change.student_id));
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
    absl::StatusOr<roster_rows::Applied> applied = roster_rows::ApplyLocked(tx, change, check);
    if (!applied.ok()) return applied.status();
    return applied->enrollment;
  });
}

}  // namespace secsched::sectioning
