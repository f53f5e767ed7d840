#include "services/sectioning/storage/pg_schedule_store.h"

#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "common/pg/transaction.h"
#include "services/sectioning/storage/pg_roster_rows.h"
#include "services/sectioning/storage/pg_trial_guard.h"

namespace secsched::sectioning {
namespace {

using json = nlohmann::json;

json SectionsJson(const std::vector<Section>& sections) {
  json out = json::array();
  for (const Section& s : sections) {
    out.push_back({{"section_id", s.section_id},
                   {"course_id", s.course_id},
                   {"section_number", s.section_number},
                   {"room_id", s.room_id},
                   {"team_id", s.team_id},
                   {"capacity", s.capacity},
                   {"locked", s.locked},
                   {"source", s.source == SectionSource::kEngine ? "ENGINE" : "MANUAL"}});
  }
  return out;
}

json TeachersJson(const std::vector<Section>& sections) {
  json out = json::array();
  for (const Section& s : sections) {
    if (!s.primary_teacher_id.empty()) {
      out.push_back({{"section_id", s.section_id},
                     {"teacher_id", s.primary_teacher_id},
                     {"role", "PRIMARY"}});
    }
    for (const std::string& co : s.co_teacher_ids) {
      if (co == s.primary_teacher_id) continue;
      out.push_back({{"section_id", s.section_id}, {"teacher_id", co}, {"role", "CO"}});
    }
  }
  return out;
}

json MeetingsJson(const std::vector<Section>& sections) {
  json out = json::array();
  for (const Section& s : sections) {
    for (const Meeting& m : s.meetings) {
      out.push_back({{"section_id", s.section_id},
                     {"term_id", m.term_id},
                     {"period", m.period},
                     {"day_type", m.day_type}});
    }
  }
  return out;
}

json IdsJson(const std::vector<Section>& sections) {
  json out = json::array();
  for (const Section& s : sections) out.push_back(s.section_id);
  return out;
}

}  // namespace

absl::StatusOr<TrialSchedule> PgScheduleStore::ReadSchedule(const TrialKey& trial) {
  return pg::WithTransaction(
      pool_,
      [&](pqxx::work& tx) -> absl::StatusOr<TrialSchedule> {
        if (tx.exec_params("SELECT 1 FROM trials WHERE calendar_id = $1 AND trial_id = $2",
                           trial.calendar_id, trial.trial_id)
                .empty()) {
          return absl::NotFoundError("Trial " + trial.trial_id + " not found in calendar " +
                                     trial.calendar_id + ".");
        }
        TrialSchedule out = roster_rows::LoadTrialSchedule(tx, trial);
        std::sort(out.sections.begin(), out.sections.end(),
                  [](const Section& a, const Section& b) { return a.section_id < b.section_id; });
        return out;
      },
      {.isolation = pg::Isolation::kRepeatableRead});
}

absl::StatusOr<ScheduleWriteCounts> PgScheduleStore::WriteSections(
    pqxx::work& tx, const TrialKey& trial, const std::vector<Section>& sections) {
  if (absl::Status guard = GuardTrialWrite(tx, trial); !guard.ok()) return guard;
  ScheduleWriteCounts counts;
  // A bound was computed for the master being replaced.
  tx.exec_params("DELETE FROM load_bounds WHERE calendar_id = $1 AND trial_id = $2",
                 trial.calendar_id, trial.trial_id);
  const std::string ids = IdsJson(sections).dump();
  counts.sections_deleted = tx.exec_params(
                                  "DELETE FROM sections s WHERE s.calendar_id = $1 AND "
                                  "s.trial_id = $2 AND NOT s.locked AND s.section_id NOT IN "
                                  "(SELECT jsonb_array_elements_text($3::jsonb)) AND NOT EXISTS "
                                  "(SELECT 1 FROM enrollments e WHERE e.calendar_id = $1 AND "
                                  "e.trial_id = $2 AND e.section_id = s.section_id)",
                                  trial.calendar_id, trial.trial_id, ids)
                                .affected_rows();
  // Numbers of kept sections do not change (ScheduleFromEngine), and new sections are numbered
  // past every existing one, so the per-course unique index never sees two rows on one number.
  counts.sections_written =
      tx.exec_params(
            "INSERT INTO sections (calendar_id, trial_id, section_id, course_id, section_number, "
            "room_id, team_id, capacity, locked, source) "
            "SELECT $1, $2, x.section_id, x.course_id, x.section_number, x.room_id, x.team_id, "
            "x.capacity, x.locked, x.source FROM jsonb_to_recordset($3::jsonb) AS x(section_id "
            "text, course_id text, section_number int, room_id text, team_id text, capacity int, "
            "locked boolean, source text) "
            "ON CONFLICT (calendar_id, trial_id, section_id) DO UPDATE SET "
            "course_id = EXCLUDED.course_id, section_number = EXCLUDED.section_number, "
            "room_id = EXCLUDED.room_id, team_id = EXCLUDED.team_id, capacity = "
            "EXCLUDED.capacity, locked = EXCLUDED.locked, update_time = now()",
            trial.calendar_id, trial.trial_id, SectionsJson(sections).dump())
          .affected_rows();
  tx.exec_params(
      "DELETE FROM section_teachers WHERE calendar_id = $1 AND trial_id = $2 AND section_id IN "
      "(SELECT jsonb_array_elements_text($3::jsonb))",
      trial.calendar_id, trial.trial_id, ids);
  tx.exec_params(
      "INSERT INTO section_teachers (calendar_id, trial_id, section_id, teacher_id, role) "
      "SELECT $1, $2, t.section_id, t.teacher_id, t.role "
      "FROM jsonb_to_recordset($3::jsonb) AS t(section_id text, teacher_id text, role text)",
      trial.calendar_id, trial.trial_id, TeachersJson(sections).dump());
  tx.exec_params(
      "DELETE FROM section_meetings WHERE calendar_id = $1 AND trial_id = $2 AND section_id IN "
      "(SELECT jsonb_array_elements_text($3::jsonb))",
      trial.calendar_id, trial.trial_id, ids);
  tx.exec_params(
      "INSERT INTO section_meetings (calendar_id, trial_id, section_id, term_id, period, "
      "day_type) SELECT $1, $2, m.section_id, m.term_id, m.period, m.day_type "
      "FROM jsonb_to_recordset($3::jsonb) AS m(section_id text, term_id text, period int, "
      "day_type text)",
      trial.calendar_id, trial.trial_id, MeetingsJson(sections).dump());
  return counts;
}

absl::StatusOr<ScheduleWriteCounts> PgScheduleStore::WriteEnrollments(
    pqxx::work& tx, const TrialKey& trial, const std::vector<Enrollment>& enrollments) {
  if (absl::Status guard = GuardTrialWrite(tx, trial); !guard.ok()) return guard;
  std::set<std::pair<std::string, std::string>> wanted;
  for (const Enrollment& e : enrollments) wanted.insert({e.student_id, e.section_id});
  std::set<std::pair<std::string, std::string>> present;
  pqxx::result rows = tx.exec_params(
      "SELECT student_id, section_id FROM enrollments WHERE calendar_id = $1 AND trial_id = $2",
      trial.calendar_id, trial.trial_id);
  for (const pqxx::row& row : rows) {
    present.insert({row[0].as<std::string>(), row[1].as<std::string>()});
  }
  ScheduleWriteCounts counts;
  json remove = json::array();
  for (const auto& [student, section] : present) {
    if (wanted.count({student, section})) {
      ++counts.enrollments_kept;
    } else {
      remove.push_back({{"student_id", student}, {"section_id", section}});
    }
  }
  json add = json::array();
  for (const Enrollment& e : enrollments) {
    if (present.count({e.student_id, e.section_id})) continue;
    json row = {{"student_id", e.student_id},
                {"section_id", e.section_id},
                {"course_id", e.course_id},
                {"source", std::string(roster_rows::SourceName(e.source))},
                {"locked", e.locked}};
    row["request_rank"] = e.request_rank ? json(*e.request_rank) : json(nullptr);
    add.push_back(std::move(row));
  }
  // Removals first: a student moved between two sections of a course keeps UNIQUE(student,
  // course) at every step.
  counts.enrollments_removed =
      tx.exec_params(
            "DELETE FROM enrollments e USING jsonb_to_recordset($3::jsonb) AS x(student_id text, "
            "section_id text) WHERE e.calendar_id = $1 AND e.trial_id = $2 AND e.student_id = "
            "x.student_id AND e.section_id = x.section_id",
            trial.calendar_id, trial.trial_id, remove.dump())
          .affected_rows();
  counts.enrollments_added =
      tx.exec_params(
            "INSERT INTO enrollments (calendar_id, trial_id, section_id, student_id, course_id, "
            "source, locked, request_rank) SELECT $1, $2, x.section_id, x.student_id, "
            "x.course_id, x.source, x.locked, x.request_rank FROM jsonb_to_recordset($3::jsonb) "
            "AS x(section_id text, student_id text, course_id text, source text, locked boolean, "
            "request_rank int)",
            trial.calendar_id, trial.trial_id, add.dump())
          .affected_rows();
  return counts;
}

void PgScheduleStore::RefreshPlannerStatistics(pqxx::work& tx) {
  tx.exec0("ANALYZE sections, section_meetings, section_teachers, enrollments, unmet_requests");
}

absl::Status PgScheduleStore::WriteUnmet(pqxx::work& tx, const TrialKey& trial,
                                         const std::vector<UnmetRow>& unmet) {
  if (absl::Status guard = GuardTrialWrite(tx, trial); !guard.ok()) return guard;
  tx.exec_params("DELETE FROM unmet_requests WHERE calendar_id = $1 AND trial_id = $2",
                 trial.calendar_id, trial.trial_id);
  json rows = json::array();
  for (const UnmetRow& u : unmet) {
    rows.push_back({{"student_id", u.student_id},
                    {"course_id", u.course_id},
                    {"required", u.required},
                    {"reason_code", u.reason_code},
                    {"reason", u.reason}});
  }
  tx.exec_params(
      "INSERT INTO unmet_requests (calendar_id, trial_id, student_id, course_id, required, "
      "reason_code, reason) SELECT $1, $2, x.student_id, x.course_id, x.required, "
      "x.reason_code, x.reason FROM jsonb_to_recordset($3::jsonb) AS x(student_id text, "
      "course_id text, required boolean, reason_code text, reason text) "
      "ON CONFLICT DO NOTHING",
      trial.calendar_id, trial.trial_id, rows.dump());
  return absl::OkStatus();
}

absl::Status PgScheduleStore::WriteBound(pqxx::work& tx, const TrialKey& trial,
                                         const LoadBound& bound) {
  if (absl::Status guard = GuardTrialWrite(tx, trial); !guard.ok()) return guard;
  tx.exec_params(
      "INSERT INTO load_bounds (calendar_id, trial_id, primary_requests, best_possible, "
      "proven_optimal, job_id) VALUES ($1, $2, $3, $4, $5, $6) "
      "ON CONFLICT (calendar_id, trial_id) DO UPDATE SET primary_requests = "
      "EXCLUDED.primary_requests, best_possible = EXCLUDED.best_possible, proven_optimal = "
      "EXCLUDED.proven_optimal, job_id = EXCLUDED.job_id, compute_time = now()",
      trial.calendar_id, trial.trial_id, bound.primary_requests, bound.best_possible,
      bound.proven_optimal, bound.job_id);
  return absl::OkStatus();
}

}  // namespace secsched::sectioning
