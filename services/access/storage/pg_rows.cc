#include "services/access/storage/pg_rows.h"

namespace secsched::access::storage {
namespace {

Date DateOf(const pqxx::field& field) { return *ParseDate(field.as<std::string>()); }
std::optional<Date> OptionalDateOf(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return DateOf(field);
}

}  // namespace

std::optional<std::string> DateText(const std::optional<Date>& day) {
  if (!day) return std::nullopt;
  return FormatDate(*day);
}

const char kStaffColumns[] =
    "staff_id, display_name, email, employment_state, "
    "(extract(epoch FROM update_time) * 1000000)::bigint AS update_us";
const char kAssignmentColumns[] =
    "assignment_id, staff_id, location_id, role, start_date::text AS start_date, "
    "end_date::text AS end_date";
const char kCompletionColumns[] =
    "completion_id, staff_id, certification, "
    "(extract(epoch FROM completed_at) * 1000000)::bigint AS completed_us, "
    "completed_on::text AS completed_on, source";
const char kApprovalColumns[] =
    "approval_id, staff_id, location_id, approver_id, approver_role, "
    "(extract(epoch FROM approved_at) * 1000000)::bigint AS approved_us, "
    "approved_on::text AS approved_on, state, "
    "(extract(epoch FROM ended_at) * 1000000)::bigint AS ended_us, end_reason";
const char kGrantColumns[] =
    "grant_id, staff_id, location_id, state, "
    "(extract(epoch FROM requirements_met_at) * 1000000)::bigint AS met_us, "
    "requirements_met_on::text AS met_on, "
    "(extract(epoch FROM granted_at) * 1000000)::bigint AS granted_us, "
    "expires_on::text AS expires_on, "
    "(extract(epoch FROM ended_at) * 1000000)::bigint AS ended_us, end_reason, sla_breached";
const char kAuditColumns[] =
    "audit_id, (extract(epoch FROM occurred_at) * 1000000)::bigint AS occurred_us, actor, "
    "staff_id, location_id, entity, entity_id, action, reason, "
    "coalesce(before::text, '') AS before_json, coalesce(after::text, '') AS after_json";

StaffMember StaffFromRow(const pqxx::row& row) {
  return {.staff_id = row["staff_id"].as<std::string>(),
          .display_name = row["display_name"].as<std::string>(),
          .email = row["email"].as<std::string>(),
          .employment_state = row["employment_state"].as<std::string>() == "DEPARTED"
                                  ? EmploymentState::kDeparted
                                  : EmploymentState::kActive,
          .update_time = TimeOf(row["update_us"])};
}

Assignment AssignmentFromRow(const pqxx::row& row) {
  return {.id = row["assignment_id"].as<int64_t>(),
          .staff_id = row["staff_id"].as<std::string>(),
          .location_id = row["location_id"].as<std::string>(),
          .role = ParseRole(row["role"].as<std::string>()).value_or(Role::kDistrict),
          .start_date = DateOf(row["start_date"]),
          .end_date = OptionalDateOf(row["end_date"])};
}

Completion CompletionFromRow(const pqxx::row& row) {
  return {.id = row["completion_id"].as<int64_t>(),
          .staff_id = row["staff_id"].as<std::string>(),
          .type = ParseCertification(row["certification"].as<std::string>())
                      .value_or(CertificationType::kWalkInScheduling),
          .completed_at = TimeOf(row["completed_us"]),
          .completed_on = DateOf(row["completed_on"]),
          .source = row["source"].as<std::string>()};
}

Approval ApprovalFromRow(const pqxx::row& row) {
  return {
      .id = row["approval_id"].as<std::string>(),
      .staff_id = row["staff_id"].as<std::string>(),
      .location_id = row["location_id"].as<std::string>(),
      .approver_id = row["approver_id"].as<std::string>(),
      .approver_role = ParseRole(row["approver_role"].as<std::string>()).value_or(Role::kDistrict),
      .approved_at = TimeOf(row["approved_us"]),
      .approved_on = DateOf(row["approved_on"]),
      .state = ParseApprovalState(row["state"].as<std::string>()).value_or(ApprovalState::kVoided),
      .ended_at = OptionalTimeOf(row["ended_us"]),
      .end_reason = row["end_reason"].as<std::string>()};
}

Grant GrantFromRow(const pqxx::row& row) {
  return {.id = row["grant_id"].as<std::string>(),
          .staff_id = row["staff_id"].as<std::string>(),
          .location_id = row["location_id"].as<std::string>(),
          .state = ParseGrantState(row["state"].as<std::string>()).value_or(GrantState::kRevoked),
          .requirements_met_at = TimeOf(row["met_us"]),
          .requirements_met_on = DateOf(row["met_on"]),
          .granted_at = OptionalTimeOf(row["granted_us"]),
          .expires_on = OptionalDateOf(row["expires_on"]),
          .ended_at = OptionalTimeOf(row["ended_us"]),
          .end_reason = row["end_reason"].as<std::string>(),
          .sla_breached = row["sla_breached"].as<bool>()};
}

AuditEntry AuditFromRow(const pqxx::row& row) {
  AuditEntry e;
  e.id = row["audit_id"].as<int64_t>();
  e.occurred_at = TimeOf(row["occurred_us"]);
  e.actor = row["actor"].as<std::string>();
  e.staff_id = row["staff_id"].as<std::string>();
  e.location_id = row["location_id"].as<std::string>();
  const std::string entity = row["entity"].as<std::string>();
  for (AuditEntity candidate :
       {AuditEntity::kStaff, AuditEntity::kAssignment, AuditEntity::kCertification,
        AuditEntity::kApproval, AuditEntity::kGrant}) {
    if (AuditEntityName(candidate) == entity) e.entity = candidate;
  }
  e.entity_id = row["entity_id"].as<std::string>();
  e.action = row["action"].as<std::string>();
  e.reason = row["reason"].as<std::string>();
  e.before_json = row["before_json"].as<std::string>();
  e.after_json = row["after_json"].as<std::string>();
  return e;
}

}  // namespace secsched::access::storage
