// PgPlanningRepository: auto-load rules and the request snapshot.
#include <pqxx/pqxx>

#include "common/pg/request_ids.h"
#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"
#include "services/requests/storage/pg_planning_repository.h"
#include "services/requests/storage/pg_snapshot_reads.h"

namespace secsched::requests {
namespace {

const std::string kAutoLoadColumns =
    "calendar_id, rule_id, grade, team, course_id, required, priority, " +
    pg::MicrosOf("create_time") + " AS create_us, " + pg::MicrosOf("update_time") + " AS update_us";

AutoLoadRule AutoLoadFromRow(const pqxx::row& row) {
  return AutoLoadRule{
      .calendar_id = row["calendar_id"].as<std::string>(),
      .id = row["rule_id"].as<std::string>(),
      .grade = row["grade"].as<int>(),
      .team = row["team"].as<std::string>(),
      .course_id = row["course_id"].as<std::string>(),
      .required = row["required"].as<bool>(),
      .priority = row["priority"].as<int>(),
      .create_time = pg::TimeFromMicros(row["create_us"].as<int64_t>()),
      .update_time = pg::TimeFromMicros(row["update_us"].as<int64_t>()),
  };
}

absl::Status AutoLoadNotFound(std::string_view calendar_id, std::string_view id) {
  return absl::NotFoundError("Auto-load rule " + std::string(id) + " not found in calendar " +
                             std::string(calendar_id) + ".");
}

std::vector<AutoLoadRule> ListRules(pqxx::work& tx, std::string_view calendar_id,
                                    const api::PageRequest& page) {
  pqxx::result rows =
      tx.exec_params("SELECT " + kAutoLoadColumns +
                         " FROM auto_load_rules WHERE calendar_id = $1 AND rule_id > $2 "
                         "ORDER BY rule_id LIMIT $3",
                     std::string(calendar_id), page.after, page.size > 0 ? page.size + 1 : 1000000);
  std::vector<AutoLoadRule> out;
  for (const pqxx::row& row : rows) out.push_back(AutoLoadFromRow(row));
  return out;
}

}  // namespace

RequestSnapshot ReadRequestSnapshot(pqxx::work& tx, std::string_view calendar_id) {
  RequestSnapshot snapshot;
  pqxx::result students = tx.exec_params(
      "SELECT student_number, grade, team, active, display_name, gender FROM students WHERE "
      "calendar_id = $1 "
      "ORDER BY student_number COLLATE \"C\"",
      std::string(calendar_id));
  snapshot.students.reserve(students.size());
  for (const pqxx::row& row : students) {
    snapshot.students.push_back({.student_number = row[0].as<std::string>(),
                                 .grade = row[1].as<int>(),
                                 .team = row[2].as<std::string>(),
                                 .active = row[3].as<bool>(),
                                 .display_name = row[4].as<std::string>(),
                                 .gender = row[5].as<std::string>()});
  }
  pqxx::result requests = tx.exec_params(
      "SELECT student_number, request_id, course_id, kind = 'ALTERNATE', required, priority, "
      "coalesce(alternate_for, ''), coalesce(alternate_rank, 0) FROM course_requests "
      "WHERE calendar_id = $1 ORDER BY student_number COLLATE \"C\", request_id COLLATE \"C\"",
      std::string(calendar_id));
  snapshot.requests.reserve(requests.size());
  for (const pqxx::row& row : requests) {
    snapshot.requests.push_back({
        .student_number = row[0].as<std::string>(),
        .request_id = row[1].as<std::string>(),
        .course_id = row[2].as<std::string>(),
        .alternate = row[3].as<bool>(),
        .required = row[4].as<bool>(),
        .priority = row[5].as<int>(),
        .alternate_for = row[6].as<std::string>(),
        .alternate_rank = row[7].as<int>(),
    });
  }
  return snapshot;
}

absl::StatusOr<AutoLoadRule> PgPlanningRepository::CreateAutoLoadRule(const AutoLoadRule& rule,
                                                                      std::string_view request_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<AutoLoadRule> {
    if (!request_id.empty()) {
      if (absl::Status s = pg::ClaimRequestId(tx, "auto_load_rules", request_id); !s.ok()) return s;
      pqxx::result existing = tx.exec_params(
          "SELECT " + kAutoLoadColumns + " FROM auto_load_rules WHERE request_id = $1",
          std::string(request_id));
      if (!existing.empty()) return AutoLoadFromRow(existing[0]);
    }
    pqxx::result inserted = tx.exec_params(
        "INSERT INTO auto_load_rules (calendar_id, rule_id, grade, team, course_id, "
        "required, priority, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, '')) "
        "RETURNING " +
            kAutoLoadColumns,
        rule.calendar_id, rule.id, rule.grade, rule.team, rule.course_id, rule.required,
        rule.priority, std::string(request_id));
    return AutoLoadFromRow(inserted[0]);
  });
}

absl::StatusOr<AutoLoadRule> PgPlanningRepository::GetAutoLoadRule(std::string_view calendar_id,
                                                                   std::string_view id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<AutoLoadRule> {
    pqxx::result rows =
        tx.exec_params("SELECT " + kAutoLoadColumns +
                           " FROM auto_load_rules WHERE calendar_id = $1 AND rule_id = $2",
                       std::string(calendar_id), std::string(id));
    if (rows.empty()) return AutoLoadNotFound(calendar_id, id);
    return AutoLoadFromRow(rows[0]);
  });
}

absl::StatusOr<std::vector<AutoLoadRule>> PgPlanningRepository::ListAutoLoadRules(
    std::string_view calendar_id, const api::PageRequest& page) {
  return pg::WithTransaction(pool_,
                             [&](pqxx::work& tx) -> absl::StatusOr<std::vector<AutoLoadRule>> {
                               return ListRules(tx, calendar_id, page);
                             });
}

absl::StatusOr<AutoLoadRule> PgPlanningRepository::UpdateAutoLoadRule(const AutoLoadRule& rule) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<AutoLoadRule> {
    pqxx::result rows = tx.exec_params(
        "UPDATE auto_load_rules SET grade = $3, team = $4, course_id = $5, "
        "required = $6, priority = $7, update_time = now() "
        "WHERE calendar_id = $1 AND rule_id = $2 RETURNING " +
            kAutoLoadColumns,
        rule.calendar_id, rule.id, rule.grade, rule.team, rule.course_id, rule.required,
        rule.priority);
    if (rows.empty()) return AutoLoadNotFound(rule.calendar_id, rule.id);
    return AutoLoadFromRow(rows[0]);
  });
}

absl::Status PgPlanningRepository::DeleteAutoLoadRule(std::string_view calendar_id,
                                                      std::string_view id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result rows = tx.exec_params(
        "DELETE FROM auto_load_rules WHERE calendar_id = $1 AND rule_id = $2 RETURNING 1",
        std::string(calendar_id), std::string(id));
    if (rows.empty()) return AutoLoadNotFound(calendar_id, id);
    return absl::OkStatus();
  });
}

absl::StatusOr<RequestSnapshot> PgPlanningRepository::Snapshot(std::string_view calendar_id) {
  // Repeatable read: the students and the requests come from one moment.
  return pg::WithTransaction(pool_,
                             [&](pqxx::work& tx) -> absl::StatusOr<RequestSnapshot> {
                               return ReadRequestSnapshot(tx, calendar_id);
                             },
                             {.isolation = pg::Isolation::kRepeatableRead});
}

absl::StatusOr<SchedulingSnapshot> PgPlanningRepository::ReadSchedulingSnapshot(
    std::string_view calendar_id) {
  return pg::WithTransaction(pool_,
                             [&](pqxx::work& tx) -> absl::StatusOr<SchedulingSnapshot> {
                               return SchedulingSnapshot{
                                   .requests = ReadRequestSnapshot(tx, calendar_id),
                                   .constraints = ReadCalendarConstraints(tx, calendar_id),
                                   .rules = ReadCalendarRules(tx, calendar_id)};
                             },
                             {.isolation = pg::Isolation::kRepeatableRead});
}

}  // namespace secsched::requests
