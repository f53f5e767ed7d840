#include "services/sectioning/storage/pg_section_repository.h"

#include <nlohmann/json.hpp>

#include "common/pg/request_ids.h"
#include "common/pg/transaction.h"
#include "services/sectioning/storage/pg_audit.h"
#include "services/sectioning/storage/pg_trial_guard.h"

namespace secsched::sectioning {
namespace {

using nlohmann::json;

absl::Status SectionNotFound(const SectionKey& key) {
  return absl::NotFoundError("Section " + key.section_id + " not found in trial " + key.trial_id +
                             " of calendar " + key.calendar_id + ".");
}

std::string_view SourceName(SectionSource source) {
  return source == SectionSource::kEngine ? "ENGINE" : "MANUAL";
}

json MeetingsJson(const std::vector<Meeting>& meetings) {
  json out = json::array();
  for (const Meeting& m : meetings) {
    out.push_back({{"term_id", m.term_id}, {"period", m.period}, {"day_type", m.day_type}});
  }
  return out;
}

std::string TeachersParam(const Section& section) {
  json out = json::array();
  if (!section.primary_teacher_id.empty()) {
    out.push_back({{"teacher_id", section.primary_teacher_id}, {"role", "PRIMARY"}});
  }
  for (const std::string& co : section.co_teacher_ids) {
    out.push_back({{"teacher_id", co}, {"role", "CO"}});
  }
  return out.dump();
}

void WriteTeachers(pqxx::work& tx, const Section& s) {
  tx.exec_params(
      "DELETE FROM section_teachers WHERE calendar_id = $1 AND trial_id = $2 AND section_id = $3",
      s.calendar_id, s.trial_id, s.section_id);
  tx.exec_params(
      "INSERT INTO section_teachers (calendar_id, trial_id, section_id, teacher_id, role) "
      "SELECT $1, $2, $3, t.teacher_id, t.role "
      "FROM jsonb_to_recordset($4::jsonb) AS t(teacher_id text, role text)",
      s.calendar_id, s.trial_id, s.section_id, TeachersParam(s));
}

void WriteMeetings(pqxx::work& tx, const SectionKey& key, const std::vector<Meeting>& meetings) {
  tx.exec_params(
      "DELETE FROM section_meetings WHERE calendar_id = $1 AND trial_id = $2 AND section_id = $3",
      key.calendar_id, key.trial_id, key.section_id);
  tx.exec_params(
      "INSERT INTO section_meetings (calendar_id, trial_id, section_id, term_id, period, day_type) "
      "SELECT $1, $2, $3, m.term_id, m.period, m.day_type "
      "FROM jsonb_to_recordset($4::jsonb) AS m(term_id text, period int, day_type text)",
      key.calendar_id, key.trial_id, key.section_id, MeetingsJson(meetings).dump());
}

std::vector<Meeting> MeetingsOf(const json& meetings) {
  std::vector<Meeting> out;
  for (const json& m : meetings) {
    out.push_back({m.at("term_id").get<std::string>(), m.at("period").get<int>(),
                   m.at("day_type").get<std::string>()});
  }
  return out;
}

// Locks the section's row; false when there is none.
bool LockSection(pqxx::work& tx, const SectionKey& key) {
  return !tx.exec_params(
                "SELECT 1 FROM sections WHERE calendar_id = $1 AND trial_id = $2 AND "
                "section_id = $3 FOR UPDATE",
                key.calendar_id, key.trial_id, key.section_id)
              .empty();
}

std::vector<StudentMeeting> ReadStudentsMeetings(pqxx::work& tx, const SectionKey& key) {
  pqxx::result rows = tx.exec_params(
      "SELECT o.student_id, o.section_id, m.term_id, m.period, m.day_type "
      "FROM enrollments e "
      "JOIN enrollments o ON o.calendar_id = e.calendar_id AND o.trial_id = e.trial_id "
      "  AND o.student_id = e.student_id AND o.section_id <> e.section_id "
      "JOIN section_meetings m ON m.calendar_id = o.calendar_id AND m.trial_id = o.trial_id "
      "  AND m.section_id = o.section_id "
      "WHERE e.calendar_id = $1 AND e.trial_id = $2 AND e.section_id = $3 "
      "ORDER BY o.student_id, o.section_id",
      key.calendar_id, key.trial_id, key.section_id);
  std::vector<StudentMeeting> out;
  out.reserve(rows.size());
  for (const pqxx::row& row : rows) {
    out.push_back({row[0].as<std::string>(),
                   row[1].as<std::string>(),
                   {row[2].as<std::string>(), row[3].as<int>(), row[4].as<std::string>()}});
  }
  return out;
}

void RecordChange(pqxx::work& tx, const SectionKey& key, std::string_view action,
                  const json& detail, const ChangeRecord& change) {
  RecordAudit(tx, key.trial(),
              {.action = action,
               .section_id = key.section_id,
               .detail = detail,
               .actor = change.actor,
               .reason = change.reason,
               .request_id = change.request_id});
}

// What a section is, as its audit rows record it.
json SectionDetail(const Section& s) {
  json placement = json::array();
  for (const Meeting& m : s.meetings) placement.push_back({m.term_id, m.period, m.day_type});
  return {{"course", s.course_id},
          {"section_number", s.section_number},
          {"primary_teacher", s.primary_teacher_id},
          {"co_teachers", s.co_teacher_ids},
          {"room", s.room_id},
          {"team", s.team_id},
          {"capacity", s.capacity},
          {"locked", s.locked},
          {"placement", placement}};
}

}  // namespace

absl::StatusOr<Section> PgSectionRepository::Create(const Section& section,
                                                    std::string_view request_id,
                                                    std::string_view actor) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Section> {
    if (!request_id.empty()) {
      if (absl::Status s = pg::ClaimRequestId(tx, "sections", request_id); !s.ok()) return s;
      pqxx::result existing = tx.exec_params(
          "SELECT calendar_id, trial_id, section_id FROM sections WHERE request_id = $1",
          std::string(request_id));
      if (!existing.empty()) {
        Section first;
        first.calendar_id = existing[0][0].as<std::string>();
        first.trial_id = existing[0][1].as<std::string>();
        first.section_id = existing[0][2].as<std::string>();
        return first;
      }
    }
    const TrialKey trial{section.calendar_id, section.trial_id};
    if (absl::Status guard = GuardTrialWrite(tx, trial); !guard.ok()) return guard;
    Section out = section;
    if (out.section_number == 0) {
      // Creates of one course wait for each other here, so two never pick the same number.
      tx.exec_params("SELECT pg_advisory_xact_lock(hashtext($1 || '/' || $2 || '/' || $3))",
                     section.calendar_id, section.trial_id, section.course_id);
      pqxx::result free = tx.exec_params(
          "SELECT n FROM generate_series(1, 999) AS n WHERE NOT EXISTS (SELECT 1 FROM sections "
          "WHERE calendar_id = $1 AND trial_id = $2 AND course_id = $3 AND section_number = n) "
          "ORDER BY n LIMIT 1",
          section.calendar_id, section.trial_id, section.course_id);
      if (free.empty()) {
        return absl::FailedPreconditionError("Course " + section.course_id +
                                             " already has 999 sections in this trial.");
      }
      out.section_number = free[0][0].as<int>();
    }
    tx.exec_params(
        "INSERT INTO sections (calendar_id, trial_id, section_id, course_id, capacity, "
        "section_number, room_id, team_id, locked, source, request_id) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULLIF($11, ''))",
        out.calendar_id, out.trial_id, out.section_id, out.course_id, out.capacity,
        out.section_number, out.room_id, out.team_id, out.locked,
        std::string(SourceName(out.source)), std::string(request_id));
    WriteTeachers(tx, out);
    WriteMeetings(tx, {out.calendar_id, out.trial_id, out.section_id}, out.meetings);
    out.enrolled = 0;
    RecordAudit(tx, {out.calendar_id, out.trial_id},
                {.action = "SECTION_CREATE",
                 .section_id = out.section_id,
                 .detail = SectionDetail(out),
                 .actor = actor,
                 .request_id = request_id});
    return out;
  });
}

absl::StatusOr<std::vector<Section>> PgSectionRepository::ListTrial(const TrialKey& trial) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<Section>> {
    if (tx.exec_params("SELECT 1 FROM trials WHERE calendar_id = $1 AND trial_id = $2",
                       trial.calendar_id, trial.trial_id)
            .empty()) {
      return absl::NotFoundError("Trial " + trial.trial_id + " not found in calendar " +
                                 trial.calendar_id + ".");
    }
    // Set-based: each child table is aggregated per section once, then joined.
    pqxx::result rows = tx.exec_params(
        "WITH t AS (SELECT section_id, json_agg(json_build_object('teacher_id', teacher_id, "
        "    'role', role) ORDER BY role DESC, teacher_id) AS teachers "
        "  FROM section_teachers WHERE calendar_id = $1 AND trial_id = $2 GROUP BY section_id), "
        "m AS (SELECT section_id, json_agg(json_build_object('term_id', term_id, 'period', "
        "    period, 'day_type', day_type) ORDER BY term_id, period, day_type) AS meetings "
        "  FROM section_meetings WHERE calendar_id = $1 AND trial_id = $2 GROUP BY section_id) "
        "SELECT s.section_id, s.course_id, s.section_number, s.room_id, s.team_id, s.capacity, "
        "  s.locked, s.source, COALESCE(t.teachers, '[]'::json), "
        "  COALESCE(m.meetings, '[]'::json), s.enrolled "
        "FROM sections s LEFT JOIN t USING (section_id) LEFT JOIN m USING (section_id) "
        "WHERE s.calendar_id = $1 AND s.trial_id = $2 ORDER BY s.section_id",
        trial.calendar_id, trial.trial_id);
    std::vector<Section> out;
    out.reserve(rows.size());
    for (const pqxx::row& row : rows) {
      Section s{.calendar_id = trial.calendar_id,
                .trial_id = trial.trial_id,
                .section_id = row[0].as<std::string>(),
                .course_id = row[1].as<std::string>(),
                .section_number = row[2].as<int>(),
                .room_id = row[3].as<std::string>(),
                .team_id = row[4].as<std::string>(),
                .capacity = row[5].as<int>(),
                .locked = row[6].as<bool>(),
                .source = row[7].as<std::string>() == "ENGINE" ? SectionSource::kEngine
                                                               : SectionSource::kManual,
                .enrolled = row[10].as<int>()};
      for (const json& t : json::parse(row[8].as<std::string>())) {
        if (t.at("role") == "PRIMARY") {
          s.primary_teacher_id = t.at("teacher_id").get<std::string>();
        } else {
          s.co_teacher_ids.push_back(t.at("teacher_id").get<std::string>());
        }
      }
      s.meetings = MeetingsOf(json::parse(row[9].as<std::string>()));
      out.push_back(std::move(s));
    }
    return out;
  });
}

absl::StatusOr<Section> PgSectionRepository::Update(const Section& section,
                                                    const api::UpdateMask& mask,
                                                    std::string_view actor) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Section> {
    const SectionKey key{section.calendar_id, section.trial_id, section.section_id};
    if (absl::Status guard = GuardTrialWrite(tx, {key.calendar_id, key.trial_id}); !guard.ok()) {
      return guard;
    }
    pqxx::result rows = tx.exec_params(
        "UPDATE sections SET "
        "section_number = CASE WHEN $4 THEN $5 ELSE section_number END, "
        "room_id = CASE WHEN $6 THEN $7 ELSE room_id END, "
        "team_id = CASE WHEN $8 THEN $9 ELSE team_id END, "
        "capacity = CASE WHEN $10 THEN $11 ELSE capacity END, "
        "locked = CASE WHEN $12 THEN $13 ELSE locked END, "
        "update_time = now() "
        "WHERE calendar_id = $1 AND trial_id = $2 AND section_id = $3 RETURNING 1",
        key.calendar_id, key.trial_id, key.section_id, mask.Has("section_number"),
        section.section_number, mask.Has("room"), section.room_id, mask.Has("team"),
        section.team_id, mask.Has("capacity"), section.capacity, mask.Has("locked"),
        section.locked);
    if (rows.empty()) return SectionNotFound(key);
    if (mask.Has("primary_teacher") || mask.Has("co_teachers")) WriteTeachers(tx, section);
    if (mask.Has("placement")) WriteMeetings(tx, key, section.meetings);
    json paths = json::array();
    for (const std::string& path : mask.paths()) paths.push_back(path);
    RecordAudit(tx, {key.calendar_id, key.trial_id},
                {.action = "SECTION_UPDATE",
                 .section_id = key.section_id,
                 .detail = {{"paths", paths}, {"section", SectionDetail(section)}},
                 .actor = actor});
    return section;
  });
}

absl::Status PgSectionRepository::Delete(const SectionKey& key, bool force,
                                         const ChangeRecord& change) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    if (absl::Status guard = GuardTrialWrite(tx, {key.calendar_id, key.trial_id}); !guard.ok()) {
      return guard;
    }
    if (!LockSection(tx, key)) return SectionNotFound(key);
    // The kept count (migration 008's triggers), read under the section's row lock: roster
    // writes lock the section first too, so it cannot change before the delete.
    const int enrolled =
        tx.exec_params(
              "SELECT enrolled FROM sections WHERE calendar_id = $1 AND trial_id = $2 AND "
              "section_id = $3",
              key.calendar_id, key.trial_id, key.section_id)[0][0]
            .as<int>();
    if (enrolled > 0 && !force) {
      return absl::FailedPreconditionError(
          "Section " + key.section_id + " has " + std::to_string(enrolled) +
          " students enrolled; move or drop them first, or delete with force.");
    }
    tx.exec_params(
        "DELETE FROM sections WHERE calendar_id = $1 AND trial_id = $2 AND section_id = $3",
        key.calendar_id, key.trial_id, key.section_id);
    RecordChange(tx, key, "SECTION_DELETE", {{"dropped_enrollments", enrolled}}, change);
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<StudentMeeting>> PgSectionRepository::EnrolledStudentsMeetings(
    const SectionKey& key) {
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<StudentMeeting>> {
        if (tx.exec_params("SELECT 1 FROM sections WHERE calendar_id = $1 AND trial_id = $2 AND "
                           "section_id = $3",
                           key.calendar_id, key.trial_id, key.section_id)
                .empty()) {
          return SectionNotFound(key);
        }
        return ReadStudentsMeetings(tx, key);
      });
}

absl::StatusOr<std::vector<BrokenStudent>> PgSectionRepository::Move(
    const SectionKey& key, const std::vector<Meeting>& meetings, const ChangeRecord& change) {
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<BrokenStudent>> {
        if (absl::Status guard = GuardTrialWrite(tx, {key.calendar_id, key.trial_id});
            !guard.ok()) {
          return guard;
        }
        if (!LockSection(tx, key)) return SectionNotFound(key);
        pqxx::result old = tx.exec_params(
            "SELECT term_id, period, day_type FROM section_meetings WHERE calendar_id = $1 AND "
            "trial_id = $2 AND section_id = $3 ORDER BY term_id, period, day_type",
            key.calendar_id, key.trial_id, key.section_id);
        std::vector<Meeting> from;
        for (const pqxx::row& row : old) {
          from.push_back({row[0].as<std::string>(), row[1].as<int>(), row[2].as<std::string>()});
        }
        WriteMeetings(tx, key, meetings);
        tx.exec_params(
            "UPDATE sections SET update_time = now() WHERE calendar_id = $1 AND trial_id = $2 "
            "AND section_id = $3",
            key.calendar_id, key.trial_id, key.section_id);
        std::vector<BrokenStudent> broken = BrokenStudents(meetings, ReadStudentsMeetings(tx, key));
        json students = json::array();
        for (const BrokenStudent& b : broken) {
          students.push_back(
              {{"student", b.student_id}, {"clashing_sections", b.clashing_section_ids}});
        }
        RecordChange(tx, key, "SECTION_MOVE",
                     {{"from", MeetingsJson(from)},
                      {"to", MeetingsJson(meetings)},
                      {"broken_students", students}},
                     change);
        return broken;
      });
}

absl::StatusOr<std::map<std::string, std::vector<std::string>>>
PgSectionRepository::TeamSectionStudents(const TrialKey& trial) {
  using Rosters = std::map<std::string, std::vector<std::string>>;
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Rosters> {
    Rosters out;
    for (const pqxx::row& row : tx.exec_params(
             "SELECT e.section_id, e.student_id FROM enrollments e JOIN sections s USING "
             "(calendar_id, trial_id, section_id) WHERE s.calendar_id = $1 AND s.trial_id = $2 "
             "AND s.team_id <> '' ORDER BY e.section_id, e.student_id",
             trial.calendar_id, trial.trial_id)) {
      out[row[0].as<std::string>()].push_back(row[1].as<std::string>());
    }
    return out;
  });
}

}  // namespace secsched::sectioning
