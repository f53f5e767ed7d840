// ConstraintRepository on PostgreSQL.
#pragma once

#include "common/pg/pool.h"
#include "services/requests/domain/student_constraint.h"

namespace secsched::requests {

class PgConstraintRepository final : public ConstraintRepository {
 public:
  explicit PgConstraintRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<StudentConstraint> Create(const StudentConstraint& constraint) override;
  absl::StatusOr<api::Page<StudentConstraint>> List(std::string_view calendar_id,
                                                    std::string_view student_number,
                                                    std::string_view after, int page_size) override;
  absl::Status Delete(std::string_view calendar_id, std::string_view student_number,
                      std::string_view constraint_id) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::requests
