#include "services/access/storage/pg_staff_transaction.h"

#include "services/access/storage/pg_rows.h"

namespace secsched::access {

using namespace storage;

absl::StatusOr<StaffFacts> ReadStaffFacts(pqxx::work& tx, std::string_view staff_id) {
  const std::string id(staff_id);
  pqxx::result staff = tx.exec_params(
      std::string("SELECT ") + kStaffColumns + " FROM staff WHERE staff_id = $1", id);
  if (staff.empty()) return absl::NotFoundError("Staff member " + id + " not found.");
  StaffFacts facts{.staff = StaffFromRow(staff[0])};
  for (const pqxx::row& row : tx.exec_params(std::string("SELECT ") + kAssignmentColumns +
                                                 " FROM assignments WHERE staff_id = $1 "
                                                 "ORDER BY assignment_id",
                                             id)) {
    facts.assignments.push_back(AssignmentFromRow(row));
  }
  for (const pqxx::row& row : tx.exec_params(std::string("SELECT ") + kCompletionColumns +
                                                 " FROM completions WHERE staff_id = $1 "
                                                 "ORDER BY completed_at",
                                             id)) {
    facts.completions.push_back(CompletionFromRow(row));
  }
  for (const pqxx::row& row : tx.exec_params(std::string("SELECT ") + kApprovalColumns +
                                                 " FROM approvals WHERE staff_id = $1 "
                                                 "ORDER BY approved_at",
                                             id)) {
    facts.approvals.push_back(ApprovalFromRow(row));
  }
  for (const pqxx::row& row :
       tx.exec_params(std::string("SELECT ") + kGrantColumns +
                          " FROM grants WHERE staff_id = $1 AND state IN ('PENDING', 'GRANTED')",
                      id)) {
    facts.open_grants.push_back(GrantFromRow(row));
  }
  return facts;
}

absl::StatusOr<StaffFacts> PgStaffTransaction::LoadFacts() {
  // The lock that serializes changes to one person (a no-op when the row does not exist yet).
  tx_.exec_params("SELECT 1 FROM staff WHERE staff_id = $1 FOR UPDATE", staff_id_);
  return ReadStaffFacts(tx_, staff_id_);
}

absl::StatusOr<std::vector<Assignment>> PgStaffTransaction::AssignmentsOf(
    std::string_view staff_id) {
  std::vector<Assignment> out;
  for (const pqxx::row& row : tx_.exec_params(
           std::string("SELECT ") + kAssignmentColumns + " FROM assignments WHERE staff_id = $1",
           std::string(staff_id))) {
    out.push_back(AssignmentFromRow(row));
  }
  return out;
}

absl::Status PgStaffTransaction::SaveStaff(const StaffMember& staff) {
  tx_.exec_params(
      "INSERT INTO staff (staff_id, display_name, email, employment_state, update_time) "
      "VALUES ($1, $2, $3, $4, " +
          TimestampParam(5) +
          ") ON CONFLICT (staff_id) DO UPDATE SET "
          "display_name = EXCLUDED.display_name, email = EXCLUDED.email, "
          "employment_state = EXCLUDED.employment_state, update_time = EXCLUDED.update_time",
      staff.staff_id, staff.display_name, staff.email,
      std::string(staff.employment_state == EmploymentState::kDeparted ? "DEPARTED" : "ACTIVE"),
      ToMicros(staff.update_time));
  return absl::OkStatus();
}

absl::StatusOr<int64_t> PgStaffTransaction::InsertAssignment(const Assignment& a) {
  pqxx::result rows = tx_.exec_params(
      "INSERT INTO assignments (staff_id, location_id, role, start_date, end_date) "
      "VALUES ($1, $2, $3, $4::date, $5::date) RETURNING assignment_id",
      a.staff_id, a.location_id, std::string(RoleName(a.role)), FormatDate(a.start_date),
      OrNull(DateText(a.end_date)));
  return rows[0][0].as<int64_t>();
}

absl::Status PgStaffTransaction::EndAssignment(int64_t assignment_id, Date last_day) {
  tx_.exec_params("UPDATE assignments SET end_date = $2::date WHERE assignment_id = $1",
                  assignment_id, FormatDate(last_day));
  return absl::OkStatus();
}

absl::StatusOr<int64_t> PgStaffTransaction::InsertCompletion(const Completion& c) {
  pqxx::result rows = tx_.exec_params(
      "INSERT INTO completions (staff_id, certification, completed_at, completed_on, source) "
      "VALUES ($1, $2, " +
          TimestampParam(3) + ", $4::date, $5) RETURNING completion_id",
      c.staff_id, std::string(CertificationName(c.type)), ToMicros(c.completed_at),
      FormatDate(c.completed_on), c.source);
  return rows[0][0].as<int64_t>();
}

absl::Status PgStaffTransaction::SaveApproval(const Approval& a) {
  tx_.exec_params(
      "INSERT INTO approvals (approval_id, staff_id, location_id, approver_id, approver_role, "
      "approved_at, approved_on, state, ended_at, end_reason) VALUES ($1, $2, $3, $4, $5, " +
          TimestampParam(6) + ", $7::date, $8, " + TimestampParam(9) +
          ", $10) "
          "ON CONFLICT (approval_id) DO UPDATE SET state = EXCLUDED.state, "
          "ended_at = EXCLUDED.ended_at, end_reason = EXCLUDED.end_reason",
      a.id, a.staff_id, a.location_id, a.approver_id, std::string(RoleName(a.approver_role)),
      ToMicros(a.approved_at), FormatDate(a.approved_on), std::string(ApprovalStateName(a.state)),
      OrNull(AsText(ToMicros(a.ended_at))), a.end_reason);
  return absl::OkStatus();
}

absl::Status PgStaffTransaction::SaveGrant(const Grant& g) {
  tx_.exec_params(
      "INSERT INTO grants (grant_id, staff_id, location_id, state, requirements_met_at, "
      "requirements_met_on, granted_at, expires_on, ended_at, end_reason, sla_breached) "
      "VALUES ($1, $2, $3, $4, " +
          TimestampParam(5) + ", $6::date, " + TimestampParam(7) + ", $8::date, " +
          TimestampParam(9) +
          ", $10, $11) "
          "ON CONFLICT (grant_id) DO UPDATE SET state = EXCLUDED.state, "
          "granted_at = EXCLUDED.granted_at, expires_on = EXCLUDED.expires_on, "
          "ended_at = EXCLUDED.ended_at, end_reason = EXCLUDED.end_reason, "
          "sla_breached = EXCLUDED.sla_breached",
      g.id, g.staff_id, g.location_id, std::string(GrantStateName(g.state)),
      ToMicros(g.requirements_met_at), FormatDate(g.requirements_met_on),
      OrNull(AsText(ToMicros(g.granted_at))), OrNull(DateText(g.expires_on)),
      OrNull(AsText(ToMicros(g.ended_at))), g.end_reason, g.sla_breached);
  return absl::OkStatus();
}

absl::Status PgStaffTransaction::AppendAudit(const AuditEntry& e) {
  std::optional<std::string> before, after;
  if (!e.before_json.empty()) before = e.before_json;
  if (!e.after_json.empty()) after = e.after_json;
  tx_.exec_params(
      "INSERT INTO audit_log (occurred_at, actor, staff_id, location_id, entity, entity_id, "
      "action, reason, before, after) VALUES (" +
          TimestampParam(1) + ", $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb)",
      ToMicros(e.occurred_at), e.actor, e.staff_id, e.location_id,
      std::string(AuditEntityName(e.entity)), e.entity_id, e.action, e.reason, OrNull(before),
      OrNull(after));
  return absl::OkStatus();
}

}  // namespace secsched::access
