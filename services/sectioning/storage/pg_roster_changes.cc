// Reading the rosters a set of walk-in changes touches, and writing back what RosterChanges
// made of them: a few set-based statements whatever the number of rows.
#include <nlohmann/json.hpp>
#include <set>

#include "common/pg/prepared.h"
#include "services/sectioning/storage/pg_roster_rows.h"

namespace secsched::sectioning::roster_rows {
namespace {

using json = nlohmann::json;

std::string Detail(const WalkIn& change, const std::string& course, const Enrollment& written) {
  json detail = {{"course", course}};
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

json Row(const Enrollment& e) {
  json row = {{"section_id", e.section_id},
              {"student_id", e.student_id},
              {"course_id", e.course_id},
              {"start_date", e.start_date.empty() ? json(nullptr) : json(e.start_date)},
              {"end_date", e.end_date.empty() ? json(nullptr) : json(e.end_date)},
              {"credit_override", e.credit_override ? json(*e.credit_override) : json(nullptr)},
              {"repeat", e.repeat},
              {"source", std::string(SourceName(e.source))},
              {"locked", e.locked},
              {"request_rank", e.request_rank ? json(*e.request_rank) : json(nullptr)},
              {"overload", e.overload}};
  return row;
}

json Rows(const std::vector<Enrollment>& enrollments) {
  json rows = json::array();
  for (const Enrollment& e : enrollments) rows.push_back(Row(e));
  return rows;
}

constexpr char kRecordColumns[] =
    "x(section_id text, student_id text, course_id text, start_date date, end_date date, "
    "credit_override numeric, repeat boolean, source text, locked boolean, request_rank int, "
    "overload boolean)";

std::set<std::string> StudentsOf(const std::vector<Enrollment>& rows) {
  std::set<std::string> students;
  for (const Enrollment& e : rows) students.insert(e.student_id);
  return students;
}

// `student_id = ANY(...)` beside the join on the rows lets PostgreSQL find the rows through the
// students' index: the planner cannot see how few rows a JSON parameter holds and would
// otherwise scan the trial's enrollments.
void Update(pqxx::work& tx, const TrialKey& trial, const std::vector<Enrollment>& rows,
            bool new_create_time) {
  if (rows.empty()) return;
  pg::ExecPrepared(
      tx,
      std::string("UPDATE enrollments AS e SET course_id = x.course_id, start_date = x.start_date, "
                  "end_date = x.end_date, credit_override = x.credit_override, repeat = x.repeat, "
                  "source = x.source, locked = x.locked, request_rank = x.request_rank, "
                  "overload = x.overload, update_time = now(), create_time = CASE WHEN $4 THEN "
                  "now() ELSE e.create_time END FROM jsonb_to_recordset($3::jsonb) AS ") +
          kRecordColumns +
          " WHERE e.calendar_id = $1 AND e.trial_id = $2 AND e.student_id = ANY($5::text[]) AND "
          "e.section_id = x.section_id AND e.student_id = x.student_id",
      trial.calendar_id, trial.trial_id, Rows(rows).dump(), new_create_time,
      TextArray(StudentsOf(rows)));
}

}  // namespace

RosterState ReadRosterState(pqxx::work& tx, const TrialKey& trial,
                            const std::set<std::string>& students,
                            const std::set<std::string>& sections) {
  RosterState state;
  pqxx::result rows =
      pg::ExecPrepared(tx,
                       std::string("SELECT ") + kEnrollmentColumns +
                           " FROM enrollments e WHERE e.calendar_id = $1 AND e.trial_id = $2 AND "
                           "e.student_id = ANY($3::text[])",
                       trial.calendar_id, trial.trial_id, TextArray(students));
  std::set<std::string> section_ids = sections;
  for (const pqxx::row& row : rows) {
    StoredEnrollment e = StoredEnrollmentOf(row, trial);
    section_ids.insert(e.enrollment.section_id);
    std::string student = e.enrollment.student_id;
    std::string section = e.enrollment.section_id;
    state.enrollments[student][section] = std::move(e);
  }
  for (Section& s : LoadSections(tx, trial, "SELECT unnest($3::text[])", TextArray(section_ids))) {
    std::string id = s.section_id;
    state.sections[id] = std::move(s);
  }
  return state;
}

void WriteRosterChanges(pqxx::work& tx, const TrialKey& trial, const RosterChanges& changes) {
  RosterDiff diff = changes.Diff();
  if (!diff.deleted.empty()) {
    json keys = json::array();
    std::set<std::string> students;
    for (const auto& [student, section] : diff.deleted) {
      keys.push_back({{"student_id", student}, {"section_id", section}});
      students.insert(student);
    }
    pg::ExecPrepared(tx,
                     "DELETE FROM enrollments e USING jsonb_to_recordset($3::jsonb) AS "
                     "x(student_id text, section_id text) WHERE e.calendar_id = $1 AND "
                     "e.trial_id = $2 AND e.student_id = ANY($4::text[]) AND "
                     "e.student_id = x.student_id AND e.section_id = x.section_id",
                     trial.calendar_id, trial.trial_id, keys.dump(), TextArray(students));
  }
  Update(tx, trial, diff.updated, false);
  Update(tx, trial, diff.recreated, true);
  if (!diff.inserted.empty()) {
    pg::ExecPrepared(
        tx,
        std::string("INSERT INTO enrollments (calendar_id, trial_id, section_id, student_id, "
                    "course_id, start_date, end_date, credit_override, repeat, source, locked, "
                    "request_rank, overload) SELECT $1, $2, x.section_id, x.student_id, "
                    "x.course_id, x.start_date, x.end_date, x.credit_override, x.repeat, "
                    "x.source, x.locked, x.request_rank, x.overload FROM "
                    "jsonb_to_recordset($3::jsonb) AS ") +
            kRecordColumns,
        trial.calendar_id, trial.trial_id, Rows(diff.inserted).dump());
  }
  if (changes.applied().empty()) return;
  json audit = json::array();
  for (const AppliedChange& applied : changes.applied()) {
    const WalkIn& change = *applied.change;
    audit.push_back(
        {{"student_id", change.student_id},
         {"section_id", applied.section_id},
         {"from_section_id",
          change.action == ChangeAction::kMove ? change.from_section_id : std::string()},
         {"action", std::string(ChangeActionName(change.action))},
         {"detail", Detail(change, applied.course_id, applied.written)},
         {"reason", change.reason},
         {"actor", change.actor},
         {"overload", applied.overload},
         {"request_id", change.request_id}});
  }
  // In the changes' order: change ids follow it.
  pg::ExecPrepared(
      tx,
      "INSERT INTO schedule_changes (calendar_id, trial_id, student_id, section_id, "
      "from_section_id, action, detail, reason, actor, overload, request_id) SELECT $1, $2, "
      "r->>'student_id', r->>'section_id', r->>'from_section_id', r->>'action', r->>'detail', "
      "r->>'reason', r->>'actor', (r->>'overload')::boolean, r->>'request_id' FROM "
      "jsonb_array_elements($3::jsonb) WITH ORDINALITY AS a(r, n) ORDER BY n",
      trial.calendar_id, trial.trial_id, audit.dump());
}

std::string TextArray(const std::set<std::string>& ids) {
  std::string out = "{";
  for (const std::string& id : ids) {
    if (out.size() > 1) out += ",";
    out += id;
  }
  return out + "}";
}

}  // namespace secsched::sectioning::roster_rows
