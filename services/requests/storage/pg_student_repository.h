// StudentRepository on PostgreSQL (the service's schema, via the connection's search_path).
#pragma once

#include <pqxx/pqxx>

#include "common/pg/pool.h"
#include "services/requests/domain/student.h"

namespace secsched::requests {

class PgStudentRepository final : public StudentRepository {
 public:
  explicit PgStudentRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<Student> Create(const Student& student, std::string_view request_id) override;
  absl::StatusOr<Student> Get(std::string_view calendar_id,
                              std::string_view student_number) override;
  absl::StatusOr<api::Page<Student>> List(std::string_view calendar_id, const StudentFilter& filter,
                                          std::string_view after, int page_size) override;
  absl::StatusOr<Student> Update(const Student& student, const StudentFieldMask& fields) override;
  absl::Status Delete(std::string_view calendar_id, std::string_view student_number) override;

 private:
  pg::PgPool& pool_;
};

// Shared with the request repository.
extern const char kStudentColumns[];
Student StudentFromRow(const pqxx::row& row);
// FAILED_PRECONDITION unless the team exists (locked FOR SHARE until the transaction ends, so it
// cannot be deleted under a student being assigned to it). "" passes.
absl::Status RequireTeam(pqxx::work& tx, std::string_view calendar_id, std::string_view team);

}  // namespace secsched::requests
