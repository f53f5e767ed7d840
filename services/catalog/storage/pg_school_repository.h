// SchoolRepository on PostgreSQL (schema `catalog`).
#pragma once

#include "common/pg/pool.h"
#include "services/catalog/domain/school.h"

namespace secsched::catalog {

class PgSchoolRepository final : public SchoolRepository {
 public:
  explicit PgSchoolRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<School> Create(const School& school, std::string_view request_id) override;
  absl::StatusOr<School> Get(std::string_view id) override;
  absl::StatusOr<std::vector<School>> List(std::string_view after_id, int limit) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::catalog
