#include "services/sectioning/storage/pg_trial_repository.h"

#include <map>
#include <optional>
#include <pqxx/pqxx>

#include "common/pg/request_ids.h"
#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"
#include "services/sectioning/storage/pg_audit.h"
#include "services/sectioning/storage/pg_trial_guard.h"

namespace secsched::sectioning {
namespace {

constexpr char kSelect[] =
    "SELECT t.calendar_id, t.trial_id, t.display_name, t.creator, t.state, t.locked, "
    "t.copied_from, "
    "(extract(epoch FROM t.create_time) * 1000000)::bigint AS create_us, "
    "(extract(epoch FROM t.update_time) * 1000000)::bigint AS update_us, "
    "(SELECT count(*) FROM sections s "
    "  WHERE s.calendar_id = t.calendar_id AND s.trial_id = t.trial_id)::int AS section_count "
    "FROM trials t ";

std::string_view StateText(TrialState state) {
  return state == TrialState::kActive ? "ACTIVE" : "DRAFT";
}

Trial FromRow(const pqxx::row& row) {
  return Trial{
      .key = {row["calendar_id"].as<std::string>(), row["trial_id"].as<std::string>()},
      .display_name = row["display_name"].as<std::string>(),
      .creator = row["creator"].as<std::string>(),
      .section_count = row["section_count"].as<int>(),
      .create_time = pg::TimeOf(row["create_us"]),
      .state =
          row["state"].as<std::string>() == "ACTIVE" ? TrialState::kActive : TrialState::kDraft,
      .locked = row["locked"].as<bool>(),
      .copied_from = row["copied_from"].as<std::string>(),
      .update_time = pg::TimeOf(row["update_us"]),
  };
}

absl::Status TrialNotFound(const TrialKey& key) {
  return absl::NotFoundError("Trial " + key.trial_id + " not found in calendar " + key.calendar_id +
                             ".");
}

absl::StatusOr<Trial> ReadTrial(pqxx::work& tx, const TrialKey& key) {
  pqxx::result rows =
      tx.exec_params(std::string(kSelect) + "WHERE t.calendar_id = $1 AND t.trial_id = $2",
                     key.calendar_id, key.trial_id);
  if (rows.empty()) return TrialNotFound(key);
  return FromRow(rows[0]);
}

// Writes that change the trial row itself lock it FOR UPDATE before GuardTrialWrite's FOR SHARE:
// two of them upgrading a shared lock at once would deadlock.
void LockTrialRow(pqxx::work& tx, const TrialKey& key) {
  tx.exec_params("SELECT 1 FROM trials WHERE calendar_id = $1 AND trial_id = $2 FOR UPDATE",
                 key.calendar_id, key.trial_id);
}

// The rows Copy reads from the source and writes under the new trial id, one set-based
// statement per table. Every column but trial_id (and the section's request_id, an idempotency
// key of its creation) keeps the source's value.
constexpr const char* kCopyStatements[] = {
    "INSERT INTO sections (calendar_id, trial_id, section_id, course_id, capacity, create_time, "
    "  section_number, room_id, team_id, locked, source, request_id, update_time) "
    "SELECT calendar_id, $3, section_id, course_id, capacity, create_time, section_number, "
    "  room_id, team_id, locked, source, NULL, update_time "
    "FROM sections WHERE calendar_id = $1 AND trial_id = $2",
    "INSERT INTO section_teachers (calendar_id, trial_id, section_id, teacher_id, role) "
    "SELECT calendar_id, $3, section_id, teacher_id, role "
    "FROM section_teachers WHERE calendar_id = $1 AND trial_id = $2",
    "INSERT INTO section_meetings (calendar_id, trial_id, section_id, term_id, period, day_type) "
    "SELECT calendar_id, $3, section_id, term_id, period, day_type "
    "FROM section_meetings WHERE calendar_id = $1 AND trial_id = $2",
    "INSERT INTO enrollments (calendar_id, trial_id, section_id, student_id, course_id, "
    "  start_date, end_date, credit_override, repeat, source, locked, request_rank, overload, "
    "  create_time, update_time) "
    "SELECT calendar_id, $3, section_id, student_id, course_id, start_date, end_date, "
    "  credit_override, repeat, source, locked, request_rank, overload, create_time, update_time "
    "FROM enrollments WHERE calendar_id = $1 AND trial_id = $2",
    "INSERT INTO unmet_requests (calendar_id, trial_id, student_id, course_id, required, reason) "
    "SELECT calendar_id, $3, student_id, course_id, required, reason "
    "FROM unmet_requests WHERE calendar_id = $1 AND trial_id = $2",
};

absl::StatusOr<TrialContents> ReadContents(pqxx::work& tx, const TrialKey& key) {
  if (tx.exec_params("SELECT 1 FROM trials WHERE calendar_id = $1 AND trial_id = $2",
                     key.calendar_id, key.trial_id)
          .empty()) {
    return TrialNotFound(key);
  }
  TrialContents contents;
  std::map<std::string, size_t> index;
  for (const pqxx::row& row :
       tx.exec_params("SELECT section_id, course_id, section_number, capacity FROM sections "
                      "WHERE calendar_id = $1 AND trial_id = $2 ORDER BY section_id",
                      key.calendar_id, key.trial_id)) {
    index.emplace(row[0].as<std::string>(), contents.sections.size());
    contents.sections.push_back({.section_id = row[0].as<std::string>(),
                                 .course_id = row[1].as<std::string>(),
                                 .section_number = row[2].as<int>(),
                                 .capacity = row[3].as<int>()});
  }
  for (const pqxx::row& row :
       tx.exec_params("SELECT section_id, term_id, period, day_type FROM section_meetings "
                      "WHERE calendar_id = $1 AND trial_id = $2",
                      key.calendar_id, key.trial_id)) {
    auto found = index.find(row[0].as<std::string>());
    if (found == index.end()) continue;
    contents.sections[found->second].meetings.push_back(
        {row[1].as<std::string>(), row[2].as<int>(), row[3].as<std::string>()});
  }
  for (const pqxx::row& row :
       tx.exec_params("SELECT student_id, course_id, request_rank FROM enrollments "
                      "WHERE calendar_id = $1 AND trial_id = $2",
                      key.calendar_id, key.trial_id)) {
    CompareEnrollment e{.student_id = row[0].as<std::string>(),
                        .course_id = row[1].as<std::string>()};
    if (!row[2].is_null()) e.request_rank = row[2].as<int>();
    contents.enrollments.push_back(std::move(e));
  }
  for (const pqxx::row& row : tx.exec_params(
           "SELECT student_id FROM unmet_requests WHERE calendar_id = $1 AND trial_id = $2",
           key.calendar_id, key.trial_id)) {
    contents.unmet_request_students.push_back(row[0].as<std::string>());
  }
  return contents;
}

// A request_id seen before answers with its first trial — but only within the same calendar: a
// retry never names another calendar, and answering with another school's trial would leak it.
absl::StatusOr<std::optional<Trial>> Replayed(pqxx::work& tx, std::string_view request_id,
                                              std::string_view calendar_id) {
  if (request_id.empty()) return std::optional<Trial>();
  if (absl::Status s = pg::ClaimRequestId(tx, "trials", request_id); !s.ok()) return s;
  pqxx::result existing =
      tx.exec_params(std::string(kSelect) + "WHERE t.request_id = $1", std::string(request_id));
  if (existing.empty()) return std::optional<Trial>();
  Trial first = FromRow(existing[0]);
  if (first.key.calendar_id != calendar_id) {
    return absl::AlreadyExistsError(
        "request_id " + std::string(request_id) +
        " was already used for a trial of another calendar; use a new request_id.");
  }
  return std::optional<Trial>(std::move(first));
}

}  // namespace

absl::StatusOr<Trial> PgTrialRepository::Create(const Trial& trial, std::string_view request_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Trial> {
    absl::StatusOr<std::optional<Trial>> replayed = Replayed(tx, request_id, trial.key.calendar_id);
    if (!replayed.ok()) return replayed.status();
    if (replayed->has_value()) return **replayed;
    tx.exec_params(
        "INSERT INTO trials (calendar_id, trial_id, display_name, creator, request_id) "
        "VALUES ($1, $2, $3, $4, NULLIF($5, ''))",
        trial.key.calendar_id, trial.key.trial_id, trial.display_name, trial.creator,
        std::string(request_id));
    RecordAudit(tx, trial.key,
                {.action = "TRIAL_CREATE",
                 .detail = {{"display_name", trial.display_name}},
                 .actor = trial.creator,
                 .request_id = request_id});
    return ReadTrial(tx, trial.key);
  });
}

absl::StatusOr<Trial> PgTrialRepository::Get(const TrialKey& key) {
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<Trial> { return ReadTrial(tx, key); });
}

absl::StatusOr<api::Page<Trial>> PgTrialRepository::List(std::string_view calendar_id,
                                                         const TrialFilter& filter,
                                                         const api::PageRequest& page) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<api::Page<Trial>> {
    std::string state = filter.state.has_value() ? std::string(StateText(*filter.state)) : "";
    pqxx::result rows = tx.exec_params(
        std::string(kSelect) +
            "WHERE t.calendar_id = $1 AND t.trial_id > $2 AND ($3 = '' OR t.state = $3) "
            "ORDER BY t.trial_id LIMIT $4",
        std::string(calendar_id), page.after, state, page.size + 1);
    api::Page<Trial> result;
    for (const pqxx::row& row : rows) result.items.push_back(FromRow(row));
    result.next_after =
        api::TrimToPage(result.items, page.size,
                        [](const Trial& t) -> const std::string& { return t.key.trial_id; });
    return result;
  });
}

absl::StatusOr<Trial> PgTrialRepository::UpdateDisplayName(const TrialKey& key,
                                                           std::string_view display_name) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Trial> {
    LockTrialRow(tx, key);
    if (absl::Status guard = GuardTrialWrite(tx, key); !guard.ok()) return guard;
    tx.exec_params(
        "UPDATE trials SET display_name = $3, update_time = now() "
        "WHERE calendar_id = $1 AND trial_id = $2",
        key.calendar_id, key.trial_id, std::string(display_name));
    return ReadTrial(tx, key);
  });
}

absl::Status PgTrialRepository::Delete(const TrialKey& key, std::string_view actor) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    LockTrialRow(tx, key);
    if (absl::Status guard = GuardTrialWrite(tx, key); !guard.ok()) return guard;
    // Sections (with teachers, meetings, enrollments) and unmet requests go by the schema's ON
    // DELETE CASCADE; the COUNT_SECTIONS results have no foreign key; the audit stays, with
    // this deletion as its last row.
    pqxx::result deleted = tx.exec_params(
        "DELETE FROM trials WHERE calendar_id = $1 AND trial_id = $2 AND state <> 'ACTIVE' "
        "RETURNING 1",
        key.calendar_id, key.trial_id);
    if (deleted.empty()) {
      return absl::FailedPreconditionError(
          "Trial " + key.trial_id +
          " is the calendar's ACTIVE trial; activate another trial before deleting it.");
    }
    tx.exec_params("DELETE FROM section_counts WHERE calendar_id = $1 AND trial_id = $2",
                   key.calendar_id, key.trial_id);
    RecordAudit(tx, key, {.action = "TRIAL_DELETE", .actor = actor});
    return absl::OkStatus();
  });
}

absl::StatusOr<Trial> PgTrialRepository::Copy(const TrialKey& source, const TrialCopy& copy) {
  // REPEATABLE READ: every statement reads the same snapshot of the source, so writes to it in
  // flight (which do not wait for a reader) land in the copy whole or not at all.
  return pg::WithTransaction(
      pool_,
      [&](pqxx::work& tx) -> absl::StatusOr<Trial> {
        absl::StatusOr<std::optional<Trial>> replayed =
            Replayed(tx, copy.request_id, source.calendar_id);
        if (!replayed.ok()) return replayed.status();
        if (replayed->has_value()) return **replayed;
        pqxx::result found = tx.exec_params(
            "SELECT display_name FROM trials WHERE calendar_id = $1 AND trial_id = $2",
            source.calendar_id, source.trial_id);
        if (found.empty()) return TrialNotFound(source);
        const std::string display_name = copy.trial.display_name.empty()
                                             ? "Copy of " + found[0][0].as<std::string>()
                                             : copy.trial.display_name;
        tx.exec_params(
            "INSERT INTO trials (calendar_id, trial_id, display_name, creator, request_id, "
            "copied_from) VALUES ($1, $2, $3, $4, NULLIF($5, ''), $6)",
            copy.trial.key.calendar_id, copy.trial.key.trial_id, display_name, copy.trial.creator,
            copy.request_id, source.trial_id);
        for (const char* statement : kCopyStatements) {
          tx.exec_params(statement, source.calendar_id, source.trial_id, copy.trial.key.trial_id);
        }
        RecordAudit(tx, copy.trial.key,
                    {.action = "TRIAL_COPY",
                     .detail = {{"from_trial", source.trial_id}, {"display_name", display_name}},
                     .actor = copy.trial.creator,
                     .request_id = copy.request_id});
        return ReadTrial(tx, copy.trial.key);
      },
      {.isolation = pg::Isolation::kRepeatableRead});
}

absl::StatusOr<Trial> PgTrialRepository::SetLocked(const TrialKey& key, bool locked,
                                                   std::string_view actor) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Trial> {
    // FOR UPDATE waits for writes in flight, which hold the row FOR SHARE (GuardTrialWrite); the
    // value read under the lock is the one this call changes (or keeps).
    pqxx::result before = tx.exec_params(
        "SELECT locked FROM trials WHERE calendar_id = $1 AND trial_id = $2 FOR UPDATE",
        key.calendar_id, key.trial_id);
    if (before.empty()) return TrialNotFound(key);
    tx.exec_params(
        "UPDATE trials SET locked = $3, "
        "update_time = CASE WHEN locked = $3 THEN update_time ELSE now() END "
        "WHERE calendar_id = $1 AND trial_id = $2",
        key.calendar_id, key.trial_id, locked);
    if (before[0][0].as<bool>() != locked) {
      RecordAudit(tx, key, {.action = locked ? "TRIAL_LOCK" : "TRIAL_UNLOCK", .actor = actor});
    }
    return ReadTrial(tx, key);
  });
}

absl::StatusOr<Trial> PgTrialRepository::Activate(const TrialKey& key, std::string_view actor) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Trial> {
    // One activation per calendar at a time: the second waits, then (READ COMMITTED: each
    // statement sees what committed before it) demotes the trial the first one promoted.
    tx.exec_params(
        "SELECT pg_advisory_xact_lock(hashtext('sectioning.trials.activate'), hashtext($1))",
        key.calendar_id);
    pqxx::result found = tx.exec_params(
        "SELECT state FROM trials WHERE calendar_id = $1 AND trial_id = $2 FOR UPDATE",
        key.calendar_id, key.trial_id);
    if (found.empty()) return TrialNotFound(key);
    if (found[0][0].as<std::string>() != "ACTIVE") {
      pqxx::result demoted = tx.exec_params(
          "UPDATE trials SET state = 'DRAFT', update_time = now() "
          "WHERE calendar_id = $1 AND state = 'ACTIVE' RETURNING trial_id",
          key.calendar_id);
      nlohmann::json detail = nlohmann::json::object();
      if (!demoted.empty()) detail["previous_active"] = demoted[0][0].as<std::string>();
      RecordAudit(tx, key, {.action = "TRIAL_ACTIVATE", .detail = detail, .actor = actor});
      tx.exec_params(
          "UPDATE trials SET state = 'ACTIVE', update_time = now() "
          "WHERE calendar_id = $1 AND trial_id = $2",
          key.calendar_id, key.trial_id);
    }
    return ReadTrial(tx, key);
  });
}

absl::StatusOr<std::pair<TrialContents, TrialContents>> PgTrialRepository::ReadForCompare(
    const TrialKey& a, const TrialKey& b) {
  return pg::WithTransaction(
      pool_,
      [&](pqxx::work& tx) -> absl::StatusOr<std::pair<TrialContents, TrialContents>> {
        absl::StatusOr<TrialContents> in_a = ReadContents(tx, a);
        if (!in_a.ok()) return in_a.status();
        absl::StatusOr<TrialContents> in_b = ReadContents(tx, b);
        if (!in_b.ok()) return in_b.status();
        return std::make_pair(*std::move(in_a), *std::move(in_b));
      },
      {.isolation = pg::Isolation::kRepeatableRead});
}

}  // namespace secsched::sectioning
