// The access service's records as plain structs: what HR, the learning system and principals
// tell us (assignments, completions, approvals) and what we decide (grants, audit entries).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/access/domain/policy.h"
#include "services/access/domain/staff.h"

namespace secsched::access {

using Time = std::chrono::system_clock::time_point;

enum class Role {
  kOfficeProfessional,
  kSchoolCounselor,
  kPrincipal,
  kManager,
  kTeacher,
  kAssistantPrincipal,
  kRegistrar,
  kOtherSchoolBased,
  kDistrict,
};
std::string_view RoleName(Role role);  // "SCHOOL_COUNSELOR"
std::optional<Role> ParseRole(std::string_view name);
// Every role but DISTRICT works at a school and may be approved for scheduling there.
bool IsSchoolBasedRole(Role role);
// The roles whose holder may approve scheduling access at their own location.
bool IsApproverRole(Role role);

enum class CertificationType { kWalkInScheduling, kSecondaryScheduling };
std::string_view CertificationName(CertificationType type);
std::optional<CertificationType> ParseCertification(std::string_view name);

// One staff member's role at one location over a span of days (end: last day, inclusive).
struct Assignment {
  int64_t id = 0;
  std::string staff_id;
  std::string location_id;
  Role role = Role::kOtherSchoolBased;
  Date start_date;
  std::optional<Date> end_date;
  bool ActiveOn(Date day) const;
};

struct Completion {
  int64_t id = 0;
  std::string staff_id;
  CertificationType type = CertificationType::kWalkInScheduling;
  Time completed_at;
  Date completed_on;   // completed_at in the district's calendar
  std::string source;  // e.g. "learning-space"
};

enum class ApprovalState { kActive, kRevoked, kVoided };
std::string_view ApprovalStateName(ApprovalState state);
std::optional<ApprovalState> ParseApprovalState(std::string_view name);

struct Approval {
  std::string id;
  std::string staff_id;
  std::string location_id;
  std::string approver_id;
  Role approver_role = Role::kPrincipal;
  Time approved_at;
  Date approved_on;
  ApprovalState state = ApprovalState::kActive;
  std::optional<Time> ended_at;  // revoked or voided at
  std::string end_reason;
};

enum class GrantState { kPending, kGranted, kRevoked, kExpired };
std::string_view GrantStateName(GrantState state);
std::optional<GrantState> ParseGrantState(std::string_view name);
inline bool IsOpen(GrantState state) {
  return state == GrantState::kPending || state == GrantState::kGranted;
}

struct Grant {
  std::string id;
  std::string staff_id;
  std::string location_id;
  GrantState state = GrantState::kPending;
  Time requirements_met_at;
  Date requirements_met_on;
  std::optional<Time> granted_at;
  std::optional<Date> expires_on;  // last day of access (end of the certification's cycle)
  std::optional<Time> ended_at;    // revoked or expired at
  std::string end_reason;
  bool sla_breached = false;
};

// Everything the rules need about one staff member, read in one transaction.
struct StaffFacts {
  StaffMember staff;
  std::vector<Assignment> assignments;
  std::vector<Completion> completions;
  std::vector<Approval> approvals;
  std::vector<Grant> open_grants;  // PENDING or GRANTED
};

enum class AuditEntity { kStaff, kAssignment, kCertification, kApproval, kGrant };
std::string_view AuditEntityName(AuditEntity entity);

// One append-only audit row. before/after are JSON objects ("" = none).
struct AuditEntry {
  int64_t id = 0;
  Time occurred_at;
  std::string actor;  // caller subject, or "system:evaluator" / "system:sweep"
  std::string staff_id;
  std::string location_id;  // "" when not about one location
  AuditEntity entity = AuditEntity::kStaff;
  std::string entity_id;
  std::string action;  // "ASSIGNMENT_STARTED", "GRANT_REVOKED", ...
  std::string reason;
  std::string before_json;
  std::string after_json;
};

// JSON renderings for audit before/after.
std::string AuditJson(const StaffMember& staff);
std::string AuditJson(const Assignment& assignment);
std::string AuditJson(const Completion& completion);
std::string AuditJson(const Approval& approval);
std::string AuditJson(const Grant& grant);

}  // namespace secsched::access
