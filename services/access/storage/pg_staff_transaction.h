// StaffTransaction on one pqxx::work: the person's staff row is locked FOR UPDATE first, so
// changes to one person are serialized while different people proceed in parallel.
#pragma once

#include <pqxx/pqxx>

#include "services/access/domain/repository.h"

namespace secsched::access {

class PgStaffTransaction final : public StaffTransaction {
 public:
  PgStaffTransaction(pqxx::work& tx, std::string staff_id)
      : tx_(tx), staff_id_(std::move(staff_id)) {}

  absl::StatusOr<StaffFacts> LoadFacts() override;
  absl::StatusOr<std::vector<Assignment>> AssignmentsOf(std::string_view staff_id) override;
  absl::Status SaveStaff(const StaffMember& staff) override;
  absl::StatusOr<int64_t> InsertAssignment(const Assignment& assignment) override;
  absl::Status EndAssignment(int64_t assignment_id, Date last_day) override;
  absl::StatusOr<int64_t> InsertCompletion(const Completion& completion) override;
  absl::Status SaveApproval(const Approval& approval) override;
  absl::Status SaveGrant(const Grant& grant) override;
  absl::Status AppendAudit(const AuditEntry& entry) override;

 private:
  pqxx::work& tx_;
  const std::string staff_id_;
};

// One person's facts read with `tx` (no locks; used by LoadFacts and snapshot reads).
absl::StatusOr<StaffFacts> ReadStaffFacts(pqxx::work& tx, std::string_view staff_id);

}  // namespace secsched::access
