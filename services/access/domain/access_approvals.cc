// AccessControl: the learning-system feed, principals' approvals and the evaluator.
#include <algorithm>

#include "common/access/authorize.h"
#include "common/api/resource_name.h"
#include "services/access/domain/access_control.h"

namespace secsched::access {
namespace {

// The Walk-In prerequisite rule at record time: a Secondary completion needs a Walk-In
// completion strictly before it.
bool HasWalkInBefore(const StaffFacts& facts, Time completed_at) {
  return std::any_of(facts.completions.begin(), facts.completions.end(), [&](const Completion& c) {
    return c.type == CertificationType::kWalkInScheduling && c.completed_at < completed_at;
  });
}

}  // namespace

absl::StatusOr<Completion> AccessControl::RecordCompletion(const auth::Caller& caller,
                                                           std::string_view staff_id,
                                                           CertificationType type,
                                                           Time completed_at,
                                                           std::string_view source) {
  if (absl::Status s = RequireAnyScope(caller, {auth::kScopeLmsFeed, auth::kScopeAdmin}); !s.ok()) {
    return s;
  }
  Completion recorded;
  absl::Status status = Change(
      staff_id, caller.subject, GrantMode::kOnChange,
      [&](StaffTransaction& tx, StaffFacts& facts, Moment at, GrantPlan& plan) -> absl::Status {
        if (facts.staff.staff_id.empty()) {
          return absl::NotFoundError("Staff member " + std::string(staff_id) + " not found.");
        }
        if (completed_at > at.now) {
          return absl::InvalidArgumentError("A completion cannot be in the future.");
        }
        for (const Completion& c : facts.completions) {
          if (c.type == type && c.completed_at == completed_at) {  // a repeated report
            recorded = c;
            return absl::OkStatus();
          }
        }
        if (type == CertificationType::kSecondaryScheduling &&
            !HasWalkInBefore(facts, completed_at)) {
          return absl::FailedPreconditionError(
              "Secondary Scheduling does not count without an earlier Walk-In Scheduling "
              "completion.");
        }
        recorded = {.staff_id = std::string(staff_id),
                    .type = type,
                    .completed_at = completed_at,
                    .completed_on = clock_.LocalDate(completed_at),
                    .source = std::string(source)};
        absl::StatusOr<int64_t> id = tx.InsertCompletion(recorded);
        if (!id.ok()) return id.status();
        recorded.id = *id;
        std::string reason = "learning-system feed";
        if (type == CertificationType::kSecondaryScheduling) {
          reason += "; valid until " +
                    FormatDate(CertificationValidUntil(options_.policy, recorded.completed_on));
        }
        plan.audit.push_back({.occurred_at = at.now,
                              .actor = caller.subject,
                              .staff_id = recorded.staff_id,
                              .entity = AuditEntity::kCertification,
                              .entity_id = std::to_string(recorded.id),
                              .action = "CERTIFICATION_COMPLETED",
                              .reason = reason,
                              .after_json = AuditJson(recorded)});
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return recorded;
}

absl::Status AccessControl::RequireApproverAt(const auth::Caller& caller,
                                              std::string_view location_id, Date today,
                                              Role* approver_role) {
  const absl::Status denied = absl::PermissionDeniedError(
      "Only a principal or manager of " + std::string(location_id) + " may do this.");
  if (caller.service_account) return denied;
  absl::StatusOr<std::vector<Assignment>> held =
      repository_.ActiveAssignments(caller.subject, today);
  if (!held.ok()) return held.status();
  for (const Assignment& a : *held) {
    if (a.location_id == location_id && IsApproverRole(a.role)) {
      *approver_role = a.role;
      return absl::OkStatus();
    }
  }
  return denied;
}

absl::StatusOr<Approval> AccessControl::Approve(const auth::Caller& caller,
                                                std::string_view staff_id,
                                                std::string_view location_id) {
  Role approver_role = Role::kPrincipal;
  if (absl::Status s = RequireApproverAt(caller, location_id, At().today, &approver_role);
      !s.ok()) {
    return s;
  }
  if (caller.subject == staff_id) {
    return absl::PermissionDeniedError("Nobody may approve their own access.");
  }
  Approval approval;
  absl::Status status = Change(
      staff_id, caller.subject, GrantMode::kOnChange,
      [&](StaffTransaction& tx, StaffFacts& facts, Moment at, GrantPlan& plan) -> absl::Status {
        if (facts.staff.staff_id.empty()) {
          return absl::NotFoundError("Staff member " + std::string(staff_id) + " not found.");
        }
        std::optional<Date> stint_start;
        if (!EmploymentRequirement(facts).met ||
            !RoleRequirement(facts, location_id, at.today, &stint_start).met) {
          return absl::FailedPreconditionError("The staff member holds no school-based role at " +
                                               std::string(location_id) +
                                               ", so there is nothing to approve.");
        }
        if (ApprovalRequirement(facts, location_id, stint_start).met) {
          for (const Approval& a : facts.approvals) {  // already approved: return that one
            if (a.location_id == location_id && a.state == ApprovalState::kActive) approval = a;
          }
          return absl::OkStatus();
        }
        approval = {.id = api::NewId("approval-"),
                    .staff_id = std::string(staff_id),
                    .location_id = std::string(location_id),
                    .approver_id = caller.subject,
                    .approver_role = approver_role,
                    .approved_at = at.now,
                    .approved_on = at.today};
        if (absl::Status s = tx.SaveApproval(approval); !s.ok()) return s;
        plan.audit.push_back({.occurred_at = at.now,
                              .actor = caller.subject,
                              .staff_id = approval.staff_id,
                              .location_id = approval.location_id,
                              .entity = AuditEntity::kApproval,
                              .entity_id = approval.id,
                              .action = "APPROVAL_GRANTED",
                              .reason = "approved by the " + std::string(RoleName(approver_role)),
                              .after_json = AuditJson(approval)});
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return approval;
}

absl::StatusOr<Approval> AccessControl::RevokeApproval(const auth::Caller& caller,
                                                       std::string_view approval_id,
                                                       std::string_view reason) {
  absl::StatusOr<Approval> existing = repository_.GetApproval(approval_id);
  if (!existing.ok()) return existing.status();
  Role approver_role = Role::kPrincipal;
  if (absl::Status s = RequireApproverAt(caller, existing->location_id, At().today, &approver_role);
      !s.ok()) {
    return s;
  }
  Approval revoked;
  absl::Status status = Change(
      existing->staff_id, caller.subject, GrantMode::kOnChange,
      [&](StaffTransaction& tx, StaffFacts& facts, Moment at, GrantPlan& plan) -> absl::Status {
        for (const Approval& a : facts.approvals) {
          if (a.id != approval_id) continue;
          revoked = a;
          if (a.state != ApprovalState::kActive) return absl::OkStatus();  // nothing to do
          revoked.state = ApprovalState::kRevoked;
          revoked.ended_at = at.now;
          revoked.end_reason = reason.empty() ? "revoked by the approver" : std::string(reason);
          if (absl::Status s = tx.SaveApproval(revoked); !s.ok()) return s;
          plan.audit.push_back({.occurred_at = at.now,
                                .actor = caller.subject,
                                .staff_id = a.staff_id,
                                .location_id = a.location_id,
                                .entity = AuditEntity::kApproval,
                                .entity_id = a.id,
                                .action = "APPROVAL_REVOKED",
                                .reason = revoked.end_reason,
                                .before_json = AuditJson(a),
                                .after_json = AuditJson(revoked)});
          return absl::OkStatus();
        }
        return absl::NotFoundError("Approval " + std::string(approval_id) + " not found.");
      });
  if (!status.ok()) return status;
  return revoked;
}

absl::StatusOr<GrantPlan> AccessControl::EvaluateStaff(std::string_view staff_id,
                                                       std::string_view actor) {
  GrantPlan plan;
  absl::Status status = Change(
      staff_id, actor, GrantMode::kGrantNow,
      [&](StaffTransaction&, StaffFacts& facts, Moment, GrantPlan&) -> absl::Status {
        if (facts.staff.staff_id.empty()) {
          return absl::NotFoundError("Staff member " + std::string(staff_id) + " not found.");
        }
        return absl::OkStatus();
      },
      &plan);
  if (!status.ok()) return status;
  return plan;
}

}  // namespace secsched::access
