#include "services/requests/storage/pg_student_repository.h"

#include "common/api/paging.h"
#include "common/pg/prepared.h"
#include "common/pg/request_ids.h"
#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"

namespace secsched::requests {

const char kStudentColumns[] =
    "calendar_id, student_number, display_name, grade, team, gender, active, "
    "(extract(epoch FROM create_time) * 1000000)::bigint AS create_us, "
    "(extract(epoch FROM update_time) * 1000000)::bigint AS update_us";

Student StudentFromRow(const pqxx::row& row) {
  return Student{
      .calendar_id = row["calendar_id"].as<std::string>(),
      .student_number = row["student_number"].as<std::string>(),
      .display_name = row["display_name"].as<std::string>(),
      .grade = row["grade"].as<int>(),
      .team = row["team"].as<std::string>(),
      .gender = row["gender"].as<std::string>(),
      .active = row["active"].as<bool>(),
      .create_time = pg::TimeOf(row["create_us"]),
      .update_time = pg::TimeOf(row["update_us"]),
  };
}

absl::Status RequireTeam(pqxx::work& tx, std::string_view calendar_id, std::string_view team) {
  if (team.empty()) return absl::OkStatus();
  pqxx::result found =
      tx.exec_params("SELECT 1 FROM teams WHERE calendar_id = $1 AND team_id = $2 FOR SHARE",
                     std::string(calendar_id), std::string(team));
  if (found.empty()) {
    return absl::FailedPreconditionError("Team " + std::string(team) +
                                         " does not exist in calendar " + std::string(calendar_id) +
                                         "; create it first.");
  }
  return absl::OkStatus();
}

namespace {

absl::Status StudentNotFound(std::string_view calendar_id, std::string_view student_number) {
  return absl::NotFoundError("Student " + std::string(student_number) + " not found in calendar " +
                             std::string(calendar_id) + ".");
}

}  // namespace

absl::StatusOr<Student> PgStudentRepository::Create(const Student& student,
                                                    std::string_view request_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Student> {
    if (!request_id.empty()) {
      if (absl::Status s = pg::ClaimRequestId(tx, "students", request_id); !s.ok()) return s;
      pqxx::result existing = tx.exec_params(
          std::string("SELECT ") + kStudentColumns + " FROM students WHERE request_id = $1",
          std::string(request_id));
      if (!existing.empty()) return StudentFromRow(existing[0]);
    }
    if (absl::Status team = RequireTeam(tx, student.calendar_id, student.team); !team.ok()) {
      return team;
    }
    pqxx::result inserted = tx.exec_params(
        std::string("INSERT INTO students (calendar_id, student_number, display_name, grade, "
                    "team, gender, active, request_id) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, '')) RETURNING ") +
            kStudentColumns,
        student.calendar_id, student.student_number, student.display_name, student.grade,
        student.team, student.gender, student.active, std::string(request_id));
    return StudentFromRow(inserted[0]);
  });
}

absl::StatusOr<Student> PgStudentRepository::Get(std::string_view calendar_id,
                                                 std::string_view student_number) {
  return pg::WithSingleStatementRead(
      pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<Student> {
        pqxx::result rows =
            pg::ExecPrepared(tx,
                             std::string("SELECT ") + kStudentColumns +
                                 " FROM students WHERE calendar_id = $1 AND student_number = $2",
                             std::string(calendar_id), std::string(student_number));
        if (rows.empty()) return StudentNotFound(calendar_id, student_number);
        return StudentFromRow(rows[0]);
      });
}

absl::StatusOr<api::Page<Student>> PgStudentRepository::List(std::string_view calendar_id,
                                                             const StudentFilter& filter,
                                                             std::string_view after,
                                                             int page_size) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<api::Page<Student>> {
    // Absent filters are NULL parameters, so one statement serves every combination.
    pqxx::result rows =
        tx.exec_params(std::string("SELECT ") + kStudentColumns +
                           " FROM students WHERE calendar_id = $1 AND student_number > $2"
                           " AND ($3::int IS NULL OR grade = $3::int)"
                           " AND ($4::text IS NULL OR team = $4::text)"
                           " AND ($5::bool IS NULL OR active = $5::bool)"
                           " ORDER BY student_number LIMIT $6",
                       std::string(calendar_id), std::string(after), filter.grade, filter.team,
                       filter.active, page_size + 1);
    api::Page<Student> page;
    for (const pqxx::row& row : rows) page.items.push_back(StudentFromRow(row));
    page.next_after = api::TrimToPage(page.items, page_size,
                                      [](const Student& item) { return item.student_number; });
    return page;
  });
}

absl::StatusOr<Student> PgStudentRepository::Update(const Student& student,
                                                    const StudentFieldMask& fields) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Student> {
    if (fields.team) {
      if (absl::Status team = RequireTeam(tx, student.calendar_id, student.team); !team.ok()) {
        return team;
      }
    }
    pqxx::result rows =
        tx.exec_params(std::string("UPDATE students SET "
                                   "display_name = CASE WHEN $3 THEN $4 ELSE display_name END, "
                                   "grade = CASE WHEN $5 THEN $6 ELSE grade END, "
                                   "team = CASE WHEN $7 THEN $8 ELSE team END, "
                                   "gender = CASE WHEN $9 THEN $10 ELSE gender END, "
                                   "active = CASE WHEN $11 THEN $12 ELSE active END, "
                                   "update_time = now() "
                                   "WHERE calendar_id = $1 AND student_number = $2 RETURNING ") +
                           kStudentColumns,
                       student.calendar_id, student.student_number, fields.display_name,
                       student.display_name, fields.grade, student.grade, fields.team, student.team,
                       fields.gender, student.gender, fields.active, student.active);
    if (rows.empty()) return StudentNotFound(student.calendar_id, student.student_number);
    return StudentFromRow(rows[0]);
  });
}

absl::Status PgStudentRepository::Delete(std::string_view calendar_id,
                                         std::string_view student_number) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result rows =
        tx.exec_params("DELETE FROM students WHERE calendar_id = $1 AND student_number = $2",
                       std::string(calendar_id), std::string(student_number));
    if (rows.affected_rows() == 0) return StudentNotFound(calendar_id, student_number);
    return absl::OkStatus();
  });
}

}  // namespace secsched::requests
