// StaffRepository on PostgreSQL (schema `access`).
#pragma once

#include "common/pg/pool.h"
#include "services/access/domain/staff.h"

namespace secsched::access {

class PgStaffRepository final : public StaffRepository {
 public:
  explicit PgStaffRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<StaffMember> Upsert(const StaffMember& staff) override;
  absl::StatusOr<StaffMember> Get(std::string_view staff_id) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::access
