// StudentRepository on PostgreSQL (schema `requests`).
#pragma once

#include "common/pg/pool.h"
#include "services/requests/domain/student.h"

namespace secsched::requests {

class PgStudentRepository final : public StudentRepository {
 public:
  explicit PgStudentRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<Student> Create(const Student& student, std::string_view request_id) override;
  absl::StatusOr<Student> Get(std::string_view calendar_id,
                              std::string_view student_number) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::requests
