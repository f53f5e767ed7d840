#include "services/requests/storage/pg_constraint_repository.h"

#include <pqxx/pqxx>

#include "common/api/paging.h"
#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"
#include "services/requests/storage/pg_snapshot_reads.h"

namespace secsched::requests {
namespace {

constexpr char kColumns[] =
    "calendar_id, student_number, constraint_id, kind, teacher_id, period, term_id, note, "
    "entered_by, (extract(epoch FROM create_time) * 1000000)::bigint AS create_us";

StudentConstraint FromRow(const pqxx::row& row) {
  return StudentConstraint{
      .calendar_id = row["calendar_id"].as<std::string>(),
      .student_number = row["student_number"].as<std::string>(),
      .constraint_id = row["constraint_id"].as<std::string>(),
      .kind = row["kind"].as<std::string>() == "AVOID_TEACHER" ? ConstraintKind::kAvoidTeacher
                                                               : ConstraintKind::kKeepPeriodFree,
      .teacher_id = row["teacher_id"].as<std::string>(),
      .period = row["period"].as<int>(),
      .term_id = row["term_id"].as<std::string>(),
      .note = row["note"].as<std::string>(),
      .entered_by = row["entered_by"].as<std::string>(),
      .create_time = pg::TimeOf(row["create_us"]),
  };
}

absl::Status RequireStudent(pqxx::work& tx, std::string_view calendar_id,
                            std::string_view student_number) {
  pqxx::result found =
      tx.exec_params("SELECT 1 FROM students WHERE calendar_id = $1 AND student_number = $2",
                     std::string(calendar_id), std::string(student_number));
  if (found.empty()) {
    return absl::NotFoundError("Student " + std::string(student_number) +
                               " not found in calendar " + std::string(calendar_id) + ".");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<StudentConstraint> PgConstraintRepository::Create(const StudentConstraint& c) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<StudentConstraint> {
    if (absl::Status s = RequireStudent(tx, c.calendar_id, c.student_number); !s.ok()) return s;
    pqxx::result rows = tx.exec_params(
        std::string("INSERT INTO student_constraints (calendar_id, student_number, constraint_id, "
                    "kind, teacher_id, period, term_id, note, entered_by) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ") +
            kColumns,
        c.calendar_id, c.student_number, c.constraint_id, std::string(ConstraintKindName(c.kind)),
        c.teacher_id, c.period, c.term_id, c.note, c.entered_by);
    return FromRow(rows[0]);
  });
}

absl::StatusOr<api::Page<StudentConstraint>> PgConstraintRepository::List(
    std::string_view calendar_id, std::string_view student_number, std::string_view after,
    int page_size) {
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<api::Page<StudentConstraint>> {
        if (absl::Status s = RequireStudent(tx, calendar_id, student_number); !s.ok()) return s;
        pqxx::result rows = tx.exec_params(
            std::string("SELECT ") + kColumns +
                " FROM student_constraints WHERE calendar_id = $1 AND student_number = $2"
                " AND constraint_id > $3 ORDER BY constraint_id LIMIT $4",
            std::string(calendar_id), std::string(student_number), std::string(after),
            page_size + 1);
        api::Page<StudentConstraint> page;
        for (const pqxx::row& row : rows) page.items.push_back(FromRow(row));
        page.next_after = api::TrimToPage(page.items, page_size, [](const StudentConstraint& item) {
          return item.constraint_id;
        });
        return page;
      });
}

absl::Status PgConstraintRepository::Delete(std::string_view calendar_id,
                                            std::string_view student_number,
                                            std::string_view constraint_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result rows = tx.exec_params(
        "DELETE FROM student_constraints WHERE calendar_id = $1 AND student_number = $2 "
        "AND constraint_id = $3",
        std::string(calendar_id), std::string(student_number), std::string(constraint_id));
    if (rows.affected_rows() == 0) {
      return absl::NotFoundError("Constraint " + std::string(constraint_id) + " not found.");
    }
    return absl::OkStatus();
  });
}

std::vector<StudentConstraint> ReadCalendarConstraints(pqxx::work& tx,
                                                       std::string_view calendar_id) {
  pqxx::result rows = tx.exec_params(std::string("SELECT ") + kColumns +
                                         " FROM student_constraints WHERE calendar_id = $1"
                                         " ORDER BY student_number COLLATE \"C\", constraint_id",
                                     std::string(calendar_id));
  std::vector<StudentConstraint> out;
  out.reserve(rows.size());
  for (const pqxx::row& row : rows) out.push_back(FromRow(row));
  return out;
}

}  // namespace secsched::requests
