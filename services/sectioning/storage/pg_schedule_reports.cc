#include "services/sectioning/storage/pg_schedule_reports.h"

#include <pqxx/pqxx>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "common/pg/transaction.h"
#include "common/status/status.h"

namespace secsched::sectioning {
namespace {

// Separators inside aggregated text columns and page keys (ids never hold control characters).
constexpr char kUnit = '\x1f';
constexpr char kRecord = '\x1e';

absl::Status RequireTrial(pqxx::work& tx, const TrialKey& trial) {
  pqxx::result rows =
      tx.exec_params("SELECT 1 FROM trials WHERE calendar_id = $1 AND trial_id = $2",
                     trial.calendar_id, trial.trial_id);
  if (!rows.empty()) return absl::OkStatus();
  return absl::NotFoundError("Trial " + trial.trial_id + " not found in calendar " +
                             trial.calendar_id + ".");
}

std::vector<std::string> SplitList(const std::string& text) {
  if (text.empty()) return {};
  return absl::StrSplit(text, kUnit);
}

std::vector<Meeting> ParseMeetings(const std::string& text) {
  std::vector<Meeting> meetings;
  for (const std::string& item : SplitList(text)) {
    std::vector<std::string> parts = absl::StrSplit(item, kRecord);
    Meeting m{.term_id = parts[0]};
    if (parts.size() > 1) (void)absl::SimpleAtoi(parts[1], &m.period);
    if (parts.size() > 2) m.day_type = parts[2];
    meetings.push_back(std::move(m));
  }
  return meetings;
}

// A MasterRowKey: (group, course, section number); INVALID_ARGUMENT for anything else.
absl::Status ParseMasterKey(const std::string& key, std::string& group, std::string& course,
                            int& number) {
  std::vector<std::string> parts = absl::StrSplit(key, kUnit);
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[2], &number)) {
    return InvalidField("page_token", "is not a token of this report");
  }
  group = parts[0];
  course = parts[1];
  return absl::OkStatus();
}

// The group each view lists a section under; BY_TEACHER joins section_teachers (LEFT: an
// unstaffed section is listed under "").
std::string GroupFrom(MasterView view) {
  switch (view) {
    case MasterView::kByTeacher:
      return "coalesce(st.teacher_id, '') AS grp FROM sections s "
             "LEFT JOIN section_teachers st ON st.calendar_id = s.calendar_id "
             "AND st.trial_id = s.trial_id AND st.section_id = s.section_id ";
    case MasterView::kByRoom:
      return "s.room_id AS grp FROM sections s ";
    case MasterView::kByCourse:
      return "s.course_id AS grp FROM sections s ";
  }
  return "";
}

}  // namespace

absl::StatusOr<api::Page<MasterScheduleRow>> PgScheduleReports::MasterSchedule(
    const TrialKey& trial, MasterView view, const api::PageRequest& page) {
  std::string after_group, after_course;
  int after_number = 0;
  if (!page.after.empty()) {
    if (absl::Status s = ParseMasterKey(page.after, after_group, after_course, after_number);
        !s.ok()) {
      return s;
    }
  }
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<api::Page<MasterScheduleRow>> {
        if (absl::Status s = RequireTrial(tx, trial); !s.ok()) return s;
        // The page's rows first (LIMIT), then per row its teachers and meetings through LATERAL
        // subqueries on their indexes: one statement, no query per row. The enrolled count is
        // the section's own (kept by triggers, migration 008).
        pqxx::result rows = tx.exec_params(
            "WITH listed AS ("
            "  SELECT s.calendar_id, s.trial_id, s.section_id, s.course_id, s.section_number, "
            "    s.room_id, s.capacity, s.enrolled, " +
                GroupFrom(view) +
                "  WHERE s.calendar_id = $1 AND s.trial_id = $2), "
                "page AS (SELECT * FROM listed "
                "  WHERE $3::bool OR (grp, course_id, section_number) > ($4, $5, $6::int) "
                "  ORDER BY grp, course_id, section_number LIMIT $7) "
                "SELECT p.grp, p.section_id, p.course_id, p.section_number, p.room_id, "
                "  p.capacity, t.teachers, m.meetings, p.enrolled "
                "FROM page p "
                "CROSS JOIN LATERAL (SELECT coalesce(string_agg(x.teacher_id, E'\\x1f' "
                "    ORDER BY (x.role = 'PRIMARY') DESC, x.teacher_id), '') AS teachers "
                "  FROM section_teachers x WHERE x.calendar_id = p.calendar_id "
                "  AND x.trial_id = p.trial_id AND x.section_id = p.section_id) t "
                "CROSS JOIN LATERAL (SELECT coalesce(string_agg(y.term_id || E'\\x1e' || "
                "    y.period || E'\\x1e' || y.day_type, E'\\x1f' "
                "    ORDER BY y.term_id, y.period, y.day_type), '') AS meetings "
                "  FROM section_meetings y WHERE y.calendar_id = p.calendar_id "
                "  AND y.trial_id = p.trial_id AND y.section_id = p.section_id) m "
                "ORDER BY p.grp, p.course_id, p.section_number",
            trial.calendar_id, trial.trial_id, page.after.empty(), after_group, after_course,
            after_number, page.size + 1);
        api::Page<MasterScheduleRow> out;
        for (const pqxx::row& row : rows) {
          out.items.push_back(
              MasterScheduleRow{.group = row["grp"].as<std::string>(),
                                .section_id = row["section_id"].as<std::string>(),
                                .course_id = row["course_id"].as<std::string>(),
                                .section_number = row["section_number"].as<int>(),
                                .teacher_ids = SplitList(row["teachers"].as<std::string>()),
                                .room_id = row["room_id"].as<std::string>(),
                                .meetings = ParseMeetings(row["meetings"].as<std::string>()),
                                .enrolled = row["enrolled"].as<int>(),
                                .capacity = row["capacity"].as<int>()});
        }
        out.next_after = api::TrimToPage(out.items, page.size, MasterRowKey);
        return out;
      });
}

absl::StatusOr<api::Page<SectionBalanceRow>> PgScheduleReports::SectionBalance(
    const TrialKey& trial, const api::PageRequest& page) {
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<api::Page<SectionBalanceRow>> {
        if (absl::Status s = RequireTrial(tx, trial); !s.ok()) return s;
        pqxx::result rows = tx.exec_params(
            "WITH per_section AS ("
            "  SELECT s.course_id, s.capacity, s.enrolled AS n FROM sections s "
            "  WHERE s.calendar_id = $1 AND s.trial_id = $2 AND s.course_id > $3) "
            "SELECT course_id, count(*)::int AS sections, min(n)::int AS min_n, "
            "  max(n)::int AS max_n, avg(n)::float8 AS mean_n, sum(n)::int AS enrolled, "
            "  sum(capacity)::int AS capacity "
            "FROM per_section GROUP BY course_id ORDER BY course_id LIMIT $4",
            trial.calendar_id, trial.trial_id, page.after, page.size + 1);
        api::Page<SectionBalanceRow> out;
        for (const pqxx::row& row : rows) {
          out.items.push_back(SectionBalanceRow{.course_id = row["course_id"].as<std::string>(),
                                                .sections = row["sections"].as<int>(),
                                                .min_enrolled = row["min_n"].as<int>(),
                                                .max_enrolled = row["max_n"].as<int>(),
                                                .mean_enrolled = row["mean_n"].as<double>(),
                                                .enrolled = row["enrolled"].as<int>(),
                                                .capacity = row["capacity"].as<int>()});
        }
        out.next_after = api::TrimToPage(out.items, page.size,
                                         [](const SectionBalanceRow& r) { return r.course_id; });
        return out;
      });
}

absl::StatusOr<api::Page<UnscheduledRequestRow>> PgScheduleReports::UnscheduledRequests(
    const TrialKey& trial, const api::PageRequest& page) {
  std::string after_student, after_course;
  if (!page.after.empty()) {
    std::vector<std::string> parts = absl::StrSplit(page.after, kUnit);
    if (parts.size() != 2) return InvalidField("page_token", "is not a token of this report");
    after_student = parts[0];
    after_course = parts[1];
  }
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<api::Page<UnscheduledRequestRow>> {
        if (absl::Status s = RequireTrial(tx, trial); !s.ok()) return s;
        pqxx::result rows = tx.exec_params(
            "SELECT student_id, course_id, required, reason FROM unmet_requests "
            "WHERE calendar_id = $1 AND trial_id = $2 "
            "AND ($3::bool OR (student_id, course_id) > ($4, $5)) "
            "ORDER BY student_id, course_id LIMIT $6",
            trial.calendar_id, trial.trial_id, page.after.empty(), after_student, after_course,
            page.size + 1);
        api::Page<UnscheduledRequestRow> out;
        for (const pqxx::row& row : rows) {
          out.items.push_back(UnscheduledRequestRow{.student_id = row[0].as<std::string>(),
                                                    .course_id = row[1].as<std::string>(),
                                                    .required = row[2].as<bool>(),
                                                    .reason = row[3].as<std::string>()});
        }
        out.next_after = api::TrimToPage(out.items, page.size, UnscheduledRowKey);
        return out;
      });
}

absl::StatusOr<LoadMetrics> PgScheduleReports::Metrics(const TrialKey& trial) {
  return pg::WithTransaction(
      pool_,
      [&](pqxx::work& tx) -> absl::StatusOr<LoadMetrics> {
        if (absl::Status s = RequireTrial(tx, trial); !s.ok()) return s;
        pqxx::row row = tx.exec_params1(
            "WITH e AS ("
            "  SELECT count(*) FILTER (WHERE request_rank = 0)::int AS primary_met, "
            "    count(*) FILTER (WHERE request_rank > 0)::int AS alternates, "
            "    count(*) FILTER (WHERE request_rank IS NULL)::int AS by_hand, "
            "    count(*)::int AS seats_used "
            "  FROM enrollments WHERE calendar_id = $1 AND trial_id = $2), "
            "u AS ("
            "  SELECT count(*)::int AS unmet, count(*) FILTER (WHERE required)::int AS req_unmet "
            "  FROM unmet_requests WHERE calendar_id = $1 AND trial_id = $2), "
            "st AS ("
            "  SELECT student_id FROM enrollments WHERE calendar_id = $1 AND trial_id = $2 "
            "  UNION "
            "  SELECT student_id FROM unmet_requests WHERE calendar_id = $1 AND trial_id = $2), "
            "c AS ("
            "  SELECT count(*)::int AS students, count(*) FILTER (WHERE NOT EXISTS ("
            "    SELECT 1 FROM unmet_requests x WHERE x.calendar_id = $1 AND x.trial_id = $2 "
            "    AND x.student_id = st.student_id))::int AS complete FROM st), "
            "s AS ("
            "  SELECT coalesce(sum(capacity), 0)::int AS offered FROM sections "
            "  WHERE calendar_id = $1 AND trial_id = $2), "
            "b AS ("
            "  SELECT coalesce(max(best_possible), 0)::int AS best, "
            "    coalesce(bool_or(proven_optimal), false) AS proven "
            "  FROM load_bounds WHERE calendar_id = $1 AND trial_id = $2) "
            "SELECT e.primary_met, e.alternates, e.by_hand, e.seats_used, u.unmet, u.req_unmet, "
            "  c.students, c.complete, s.offered, b.best, b.proven FROM e, u, c, s, b",
            trial.calendar_id, trial.trial_id);
        return LoadMetrics{.primary_requests_met = row["primary_met"].as<int>(),
                           .alternates_used = row["alternates"].as<int>(),
                           .enrollments_without_request = row["by_hand"].as<int>(),
                           .requests_unmet = row["unmet"].as<int>(),
                           .required_requests_unmet = row["req_unmet"].as<int>(),
                           .students = row["students"].as<int>(),
                           .students_complete = row["complete"].as<int>(),
                           .seats_used = row["seats_used"].as<int>(),
                           .seats_offered = row["offered"].as<int>(),
                           .best_possible_primary_met = row["best"].as<int>(),
                           .bound_proven_optimal = row["proven"].as<bool>()};
      },
      {.isolation = pg::Isolation::kRepeatableRead});
}

absl::StatusOr<api::Page<TrialEnrollmentRow>> PgScheduleReports::Enrollments(
    const TrialKey& trial, const api::PageRequest& page) {
  std::string after_student, after_section;
  if (!page.after.empty()) {
    std::vector<std::string> parts = absl::StrSplit(page.after, kUnit);
    if (parts.size() != 2) return InvalidField("page_token", "is not a token of this report");
    after_student = parts[0];
    after_section = parts[1];
  }
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<api::Page<TrialEnrollmentRow>> {
        if (absl::Status s = RequireTrial(tx, trial); !s.ok()) return s;
        pqxx::result rows = tx.exec_params(
            "SELECT student_id, section_id, course_id, request_rank FROM enrollments "
            "WHERE calendar_id = $1 AND trial_id = $2 "
            "AND ($3::bool OR (student_id, section_id) > ($4, $5)) "
            "ORDER BY student_id, section_id LIMIT $6",
            trial.calendar_id, trial.trial_id, page.after.empty(), after_student, after_section,
            page.size + 1);
        api::Page<TrialEnrollmentRow> out;
        for (const pqxx::row& row : rows) {
          TrialEnrollmentRow item{.student_id = row[0].as<std::string>(),
                                  .section_id = row[1].as<std::string>(),
                                  .course_id = row[2].as<std::string>()};
          if (!row[3].is_null()) item.request_rank = row[3].as<int>();
          out.items.push_back(std::move(item));
        }
        out.next_after = api::TrimToPage(out.items, page.size, TrialEnrollmentKey);
        return out;
      });
}

}  // namespace secsched::sectioning
