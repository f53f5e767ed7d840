#include <map>
#include <nlohmann/json.hpp>

#include "common/pg/prepared.h"
#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"
#include "common/status/status.h"
#include "services/sectioning/storage/pg_roster_repository.h"
#include "services/sectioning/storage/pg_roster_rows.h"

namespace secsched::sectioning {
namespace roster_rows {

std::string EnrollmentColumns(std::string_view prefix) {
  const std::string p(prefix);
  return "e.section_id AS " + p + "section_id, e.student_id AS " + p +
         "student_id, e.course_id AS " + p + "course_id, COALESCE(e.start_date::text, '') AS " + p +
         "start_date, COALESCE(e.end_date::text, '') AS " + p +
         "end_date, e.credit_override::float8 AS " + p + "credit_override, e.repeat AS " + p +
         "repeat, e.source AS " + p + "source, e.locked AS " + p + "locked, e.request_rank AS " +
         p + "request_rank, e.overload AS " + p +
         "overload, (extract(epoch FROM e.create_time) * " + "1000000)::bigint AS " + p +
         "create_us";
}

const std::string kEnrollmentColumns = EnrollmentColumns();

const std::string kSectionColumns =
    "s.section_id, s.course_id, s.section_number, s.room_id, s.team_id, s.capacity, s.locked, "
    "s.source, s.enrolled, "
    "(SELECT json_agg(json_build_array(m.term_id, m.period, m.day_type) ORDER BY m.term_id, "
    "m.period, m.day_type) FROM section_meetings m WHERE m.calendar_id = s.calendar_id AND "
    "m.trial_id = s.trial_id AND m.section_id = s.section_id) AS meetings, "
    "(SELECT json_agg(json_build_array(t.teacher_id, t.role) ORDER BY t.teacher_id) FROM "
    "section_teachers t WHERE t.calendar_id = s.calendar_id AND t.trial_id = s.trial_id AND "
    "t.section_id = s.section_id) AS teachers";

namespace {

EnrollmentSource SourceOf(const std::string& name) {
  if (name == "ENGINE") return EnrollmentSource::kEngine;
  if (name == "WALK_IN") return EnrollmentSource::kWalkIn;
  if (name == "BATCH") return EnrollmentSource::kBatch;
  return EnrollmentSource::kManual;
}

}  // namespace

std::string_view SourceName(EnrollmentSource source) {
  switch (source) {
    case EnrollmentSource::kEngine:
      return "ENGINE";
    case EnrollmentSource::kWalkIn:
      return "WALK_IN";
    case EnrollmentSource::kBatch:
      return "BATCH";
    case EnrollmentSource::kManual:
      return "MANUAL";
  }
  return "MANUAL";
}

StoredEnrollment StoredEnrollmentOf(const pqxx::row& row, const TrialKey& trial,
                                    std::string_view prefix) {
  const std::string p(prefix);
  Enrollment e{.calendar_id = trial.calendar_id,
               .trial_id = trial.trial_id,
               .section_id = row[p + "section_id"].as<std::string>(),
               .student_id = row[p + "student_id"].as<std::string>(),
               .course_id = row[p + "course_id"].as<std::string>(),
               .start_date = row[p + "start_date"].as<std::string>(),
               .end_date = row[p + "end_date"].as<std::string>(),
               .repeat = row[p + "repeat"].as<bool>(),
               .source = SourceOf(row[p + "source"].as<std::string>()),
               .locked = row[p + "locked"].as<bool>(),
               .overload = row[p + "overload"].as<bool>()};
  if (!row[p + "credit_override"].is_null()) {
    e.credit_override = row[p + "credit_override"].as<double>();
  }
  if (!row[p + "request_rank"].is_null()) e.request_rank = row[p + "request_rank"].as<int>();
  return {std::move(e), pg::TimeOf(row[p + "create_us"])};
}

Section SectionOf(const pqxx::row& row, const TrialKey& trial) {
  Section s{.calendar_id = trial.calendar_id,
            .trial_id = trial.trial_id,
            .section_id = row["section_id"].as<std::string>(),
            .course_id = row["course_id"].as<std::string>(),
            .section_number = row["section_number"].as<int>(),
            .room_id = row["room_id"].as<std::string>(),
            .team_id = row["team_id"].as<std::string>(),
            .capacity = row["capacity"].as<int>(),
            .locked = row["locked"].as<bool>(),
            .source = row["source"].as<std::string>() == "ENGINE" ? SectionSource::kEngine
                                                                  : SectionSource::kManual,
            .enrolled = row["enrolled"].as<int>()};
  if (!row["meetings"].is_null()) {
    for (const nlohmann::json& m : nlohmann::json::parse(row["meetings"].c_str())) {
      s.meetings.push_back({m[0].get<std::string>(), m[1].get<int>(), m[2].get<std::string>()});
    }
  }
  if (!row["teachers"].is_null()) {
    for (const nlohmann::json& t : nlohmann::json::parse(row["teachers"].c_str())) {
      if (t[1].get<std::string>() == "PRIMARY") {
        s.primary_teacher_id = t[0].get<std::string>();
      } else {
        s.co_teacher_ids.push_back(t[0].get<std::string>());
      }
    }
  }
  return s;
}

// One statement: a section's meetings and teachers come along as JSON arrays, so reading a
// student's sections costs one round trip rather than three.
std::vector<Section> LoadSections(pqxx::transaction_base& tx, const TrialKey& trial,
                                  const std::string& id_subquery, const std::string& arg) {
  pqxx::result rows = pg::ExecPrepared(
      tx,
      "SELECT " + kSectionColumns +
          " FROM sections s WHERE s.calendar_id = $1 AND s.trial_id = $2 AND s.section_id IN (" +
          id_subquery + ") ORDER BY s.course_id, s.section_number, s.section_id",
      trial.calendar_id, trial.trial_id, arg);
  std::vector<Section> sections;
  sections.reserve(rows.size());
  for (const pqxx::row& row : rows) sections.push_back(SectionOf(row, trial));
  return sections;
}

TrialSchedule LoadTrialSchedule(pqxx::work& tx, const TrialKey& trial) {
  TrialSchedule out;
  out.sections = LoadSections(
      tx, trial,
      "SELECT section_id FROM sections WHERE calendar_id = $1 AND trial_id = $2 AND $3 = ''", "");
  pqxx::result rows = pg::ExecPrepared(tx,
                                       std::string("SELECT ") + kEnrollmentColumns +
                                           " FROM enrollments e WHERE e.calendar_id = $1 AND "
                                           "e.trial_id = $2 ORDER BY e.student_id, e.section_id",
                                       trial.calendar_id, trial.trial_id);
  out.enrollments.reserve(rows.size());
  for (const pqxx::row& row : rows) {
    out.enrollments.push_back(StoredEnrollmentOf(row, trial).enrollment);
  }
  return out;
}

}  // namespace roster_rows

using roster_rows::kEnrollmentColumns;
using roster_rows::LoadSections;
using roster_rows::SectionOf;
using roster_rows::StoredEnrollmentOf;

namespace {

// NOT_FOUND for an unknown trial: a read of one names the trial, and an empty answer would hide
// a typo.
absl::Status RequireTrial(pqxx::work& tx, const TrialKey& trial) {
  if (!pg::ExecPrepared(tx, "SELECT 1 FROM trials WHERE calendar_id = $1 AND trial_id = $2",
                        trial.calendar_id, trial.trial_id)
           .empty()) {
    return absl::OkStatus();
  }
  return absl::NotFoundError("Trial " + trial.trial_id + " not found in calendar " +
                             trial.calendar_id + ".");
}

}  // namespace

absl::StatusOr<Section> PgRosterRepository::GetSection(const SectionKey& key) {
  return pg::WithSingleStatementRead(
      pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<Section> {
        std::vector<Section> found = LoadSections(tx, key.trial(), "$3", key.section_id);
        if (found.empty()) {
          return absl::NotFoundError("Section " + key.section_id + " not found in trial " +
                                     key.trial_id + ".");
        }
        return found[0];
      });
}

absl::StatusOr<api::Page<StoredEnrollment>> PgRosterRepository::ListRoster(
    const SectionKey& key, const api::PageRequest& page) {
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<api::Page<StoredEnrollment>> {
        pqxx::result rows = pg::ExecPrepared(
            tx,
            std::string("SELECT ") + kEnrollmentColumns +
                " FROM enrollments e WHERE e.calendar_id = $1 AND e.trial_id = $2 AND "
                "e.section_id = $3 AND e.student_id > $4 ORDER BY e.student_id LIMIT $5",
            key.calendar_id, key.trial_id, key.section_id, page.after, page.size + 1);
        api::Page<StoredEnrollment> out;
        for (const pqxx::row& row : rows) out.items.push_back(StoredEnrollmentOf(row, key.trial()));
        out.next_after = api::TrimToPage(out.items, page.size, [](const StoredEnrollment& e) {
          return e.enrollment.student_id;
        });
        return out;
      });
}

// One statement, outside a transaction block (a statement reads one snapshot, so the sections,
// the enrollments and the unmet requests agree): whether the trial exists and the unmet
// requests come once, each enrolled section with its enrollment (columns prefixed e_) on a row
// of its own; a student with no sections still gets that one row, with NULL section columns.
absl::StatusOr<sectioning::StudentSchedule> PgRosterRepository::ReadStudentSchedule(
    const TrialKey& trial, std::string_view student_id) {
  static const std::string kSql =
      "SELECT d.trial_found, d.unmet, x.* FROM (SELECT EXISTS (SELECT 1 FROM trials WHERE "
      "calendar_id = $1 AND trial_id = $2) AS trial_found, (SELECT json_agg(json_build_array("
      "u.course_id, u.required, u.reason) ORDER BY u.course_id) FROM unmet_requests u WHERE "
      "u.calendar_id = $1 AND u.trial_id = $2 AND u.student_id = $3) AS unmet) d LEFT JOIN "
      "LATERAL (SELECT " +
      roster_rows::kSectionColumns + ", " + roster_rows::EnrollmentColumns("e_") +
      " FROM enrollments e JOIN sections s ON s.calendar_id = e.calendar_id AND s.trial_id = "
      "e.trial_id AND s.section_id = e.section_id WHERE e.calendar_id = $1 AND e.trial_id = $2 "
      "AND e.student_id = $3) x ON true ORDER BY x.course_id, x.section_number, x.section_id";
  return pg::WithSingleStatementRead(
      pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<sectioning::StudentSchedule> {
        pqxx::result rows =
            pg::ExecPrepared(tx, kSql, trial.calendar_id, trial.trial_id, std::string(student_id));
        if (rows.empty() || !rows[0]["trial_found"].as<bool>()) {
          return absl::NotFoundError("Trial " + trial.trial_id + " not found in calendar " +
                                     trial.calendar_id + ".");
        }
        sectioning::StudentSchedule out;
        for (const pqxx::row& row : rows) {
          if (row["section_id"].is_null()) continue;
          out.sections.push_back({.section = SectionOf(row, trial),
                                  .enrollment = StoredEnrollmentOf(row, trial, "e_")});
        }
        if (!rows[0]["unmet"].is_null()) {
          for (const nlohmann::json& u : nlohmann::json::parse(rows[0]["unmet"].c_str())) {
            out.unmet.push_back(
                {u[0].get<std::string>(), u[1].get<bool>(), u[2].get<std::string>()});
          }
        }
        return out;
      });
}

absl::StatusOr<std::vector<ScheduledSection>> PgRosterRepository::TeacherSections(
    const TrialKey& trial, std::string_view teacher_id) {
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<ScheduledSection>> {
        if (absl::Status found = RequireTrial(tx, trial); !found.ok()) return found;
        std::vector<ScheduledSection> out;
        for (Section& s : LoadSections(tx, trial,
                                       "SELECT section_id FROM section_teachers WHERE "
                                       "calendar_id = $1 AND trial_id = $2 AND teacher_id = $3",
                                       std::string(teacher_id))) {
          out.push_back({.section = std::move(s)});
        }
        return out;
      });
}

absl::StatusOr<api::Page<ScheduleChange>> PgRosterRepository::ListChanges(
    const ChangeQuery& query, const api::PageRequest& page) {
  int64_t before = 0;
  if (!page.after.empty()) {
    try {
      before = std::stoll(page.after);
    } catch (const std::exception&) {
      return InvalidField("page_token", "is not a token this server made");
    }
  }
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<api::Page<ScheduleChange>> {
        if (absl::Status found = RequireTrial(tx, query.trial); !found.ok()) return found;
        bool by_student = !query.student_id.empty();
        bool by_section = !query.section_id.empty();
        std::string who = by_student   ? "student_id = $3"
                          : by_section ? "(section_id = $3 OR from_section_id = $3)"
                                       : "$3 = ''";
        pqxx::result rows = pg::ExecPrepared(
            tx,
            "SELECT change_id, student_id, section_id, action, detail, reason, actor, overload, "
            "request_id, " +
                pg::MicrosOf("change_time") +
                " AS change_us FROM schedule_changes WHERE calendar_id = $1 AND trial_id = $2 "
                "AND " +
                who + " AND ($4 = 0 OR change_id < $4) ORDER BY change_id DESC LIMIT $5",
            query.trial.calendar_id, query.trial.trial_id,
            by_student ? query.student_id : query.section_id, before, page.size + 1);
        api::Page<ScheduleChange> out;
        for (const pqxx::row& row : rows) {
          out.items.push_back({.change_id = row["change_id"].as<int64_t>(),
                               .student_id = row["student_id"].as<std::string>(),
                               .section_id = row["section_id"].as<std::string>(),
                               .action = row["action"].as<std::string>(),
                               .detail = row["detail"].as<std::string>(),
                               .reason = row["reason"].as<std::string>(),
                               .actor = row["actor"].as<std::string>(),
                               .overload = row["overload"].as<bool>(),
                               .request_id = row["request_id"].as<std::string>(),
                               .change_time = pg::TimeOf(row["change_us"])});
        }
        std::string last = api::TrimToPage(out.items, page.size, [](const ScheduleChange& c) {
          return std::to_string(c.change_id);
        });
        out.next_after = last;
        return out;
      });
}

}  // namespace secsched::sectioning
