#include "services/requests/storage/pg_student_repository.h"

#include <pqxx/pqxx>

#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"

namespace secsched::requests {
namespace {

constexpr char kColumns[] =
    "calendar_id, student_number, display_name, grade, team, active, "
    "(extract(epoch FROM create_time) * 1000000)::bigint AS create_us";

Student FromRow(const pqxx::row& row) {
  return Student{
      .calendar_id = row["calendar_id"].as<std::string>(),
      .student_number = row["student_number"].as<std::string>(),
      .display_name = row["display_name"].as<std::string>(),
      .grade = row["grade"].as<int>(),
      .team = row["team"].as<std::string>(),
      .active = row["active"].as<bool>(),
      .create_time = pg::TimeOf(row["create_us"]),
  };
}

}  // namespace

absl::StatusOr<Student> PgStudentRepository::Create(const Student& student,
                                                    std::string_view request_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Student> {
    if (!request_id.empty()) {
      pqxx::result existing = tx.exec_params(
          std::string("SELECT ") + kColumns + " FROM requests.students WHERE request_id = $1",
          std::string(request_id));
      if (!existing.empty()) return FromRow(existing[0]);
    }
    pqxx::result inserted = tx.exec_params(
        std::string("INSERT INTO requests.students (calendar_id, student_number, display_name, "
                    "grade, team, active, request_id) "
                    "VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, '')) RETURNING ") + kColumns,
        student.calendar_id, student.student_number, student.display_name, student.grade,
        student.team, student.active, std::string(request_id));
    return FromRow(inserted[0]);
  });
}

absl::StatusOr<Student> PgStudentRepository::Get(std::string_view calendar_id,
                                                 std::string_view student_number) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Student> {
    pqxx::result rows = tx.exec_params(
        std::string("SELECT ") + kColumns +
            " FROM requests.students WHERE calendar_id = $1 AND student_number = $2",
        std::string(calendar_id), std::string(student_number));
    if (rows.empty()) {
      return absl::NotFoundError("Student " + std::string(student_number) + " not found in calendar " +
                                 std::string(calendar_id) + ".");
    }
    return FromRow(rows[0]);
  });
}

}  // namespace secsched::requests
