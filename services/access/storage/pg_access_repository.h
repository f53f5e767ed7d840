// AccessRepository on PostgreSQL (schema `access`; the pool's search_path selects it).
#pragma once

#include "common/pg/pool.h"
#include "services/access/domain/repository.h"

namespace secsched::access {

class PgAccessRepository final : public AccessRepository {
 public:
  explicit PgAccessRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::Status InStaffTransaction(
      std::string_view staff_id, const std::function<absl::Status(StaffTransaction&)>& fn) override;
  absl::StatusOr<StaffMember> GetStaff(std::string_view staff_id) override;
  absl::StatusOr<StaffFacts> ReadFacts(std::string_view staff_id) override;
  absl::StatusOr<Grant> GetGrant(std::string_view grant_id) override;
  absl::StatusOr<Approval> GetApproval(std::string_view approval_id) override;
  absl::StatusOr<std::optional<Grant>> OpenGrant(std::string_view staff_id,
                                                 std::string_view location_id) override;
  absl::StatusOr<std::vector<Grant>> ListGrants(const GrantQuery& query) override;
  absl::StatusOr<std::vector<Grant>> ListExpiring(const ExpiringQuery& query) override;
  absl::StatusOr<std::vector<AuditEntry>> ListAudit(const AuditQuery& query) override;
  absl::StatusOr<std::vector<Assignment>> ActiveAssignments(std::string_view staff_id,
                                                            Date day) override;
  absl::StatusOr<std::vector<Grant>> ExpireGrantsBefore(Date today, Time now,
                                                        std::string_view actor) override;
  absl::StatusOr<std::vector<StaffFacts>> ReadAllFacts(Date today) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::access
