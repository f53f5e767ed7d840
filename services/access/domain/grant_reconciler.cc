#include "services/access/domain/grant_reconciler.h"

#include <utility>

namespace secsched::access {
namespace {

using std::chrono::sys_days;

AuditEntry GrantAudit(const Grant& after, const Grant* before, Moment at, std::string_view actor,
                      std::string action, std::string reason) {
  return {.occurred_at = at.now,
          .actor = std::string(actor),
          .staff_id = after.staff_id,
          .location_id = after.location_id,
          .entity = AuditEntity::kGrant,
          .entity_id = after.id,
          .action = std::move(action),
          .reason = std::move(reason),
          .before_json = before ? AuditJson(*before) : "",
          .after_json = AuditJson(after)};
}

void MarkGranted(access::Grant& grant, const AccessPolicy& policy, const Evaluation& e, Moment at) {
  grant.state = GrantState::kGranted;
  grant.granted_at = at.now;
  grant.expires_on = e.access_until;
  grant.sla_breached = BreaksGrantSla(policy, grant.requirements_met_on, at.today);
}

std::string GrantedReason(const Grant& grant, const Evaluation& e) {
  std::string reason = "all requirements are met; access until " + FormatDate(*e.access_until);
  if (grant.sla_breached) reason += "; granted after the two-business-day SLA";
  return reason;
}

// One location: what happens to its open grant (if any) given the evaluation.
void ReconcileLocation(const AccessPolicy& policy, const StaffFacts& facts, const Evaluation& e,
                       Moment at, GrantMode mode, std::string_view actor,
                       const std::function<std::string()>& new_grant_id, GrantPlan& plan) {
  const access::Grant* open = nullptr;
  for (const access::Grant& g : facts.open_grants) {
    if (g.location_id == e.location_id) open = &g;
  }
  if (e.eligible) {
    if (!open) {
      access::Grant fresh{.id = new_grant_id(),
                          .staff_id = facts.staff.staff_id,
                          .location_id = e.location_id,
                          .state = GrantState::kPending,
                          .requirements_met_at = at.now,
                          .requirements_met_on = at.today};
      if (mode == GrantMode::kGrantNow) {
        MarkGranted(fresh, policy, e, at);
        plan.audit.push_back(
            GrantAudit(fresh, nullptr, at, actor, "GRANT_GRANTED", GrantedReason(fresh, e)));
        plan.decisions_changed = true;
      } else {
        plan.audit.push_back(GrantAudit(fresh, nullptr, at, actor, "GRANT_PENDING",
                                        "all requirements are met; access is being granted"));
        plan.evaluation_needed = true;
      }
      plan.grants_to_save.push_back(std::move(fresh));
      return;
    }
    access::Grant changed = *open;
    if (open->state == GrantState::kPending) {
      if (mode != GrantMode::kGrantNow) {
        plan.evaluation_needed = true;
        return;
      }
      MarkGranted(changed, policy, e, at);
      plan.audit.push_back(
          GrantAudit(changed, open, at, actor, "GRANT_GRANTED", GrantedReason(changed, e)));
    } else if (open->expires_on != e.access_until) {
      changed.expires_on = e.access_until;
      plan.audit.push_back(GrantAudit(changed, open, at, actor, "GRANT_EXTENDED",
                                      "recertified; access until " + FormatDate(*e.access_until)));
    } else {
      return;
    }
    plan.grants_to_save.push_back(std::move(changed));
    plan.decisions_changed = true;
    return;
  }
  if (!open) return;
  access::Grant ended = *open;
  const bool expires = open->state == GrantState::kGranted && e.only_certification_expired;
  ended.state = expires ? GrantState::kExpired : GrantState::kRevoked;
  ended.ended_at = at.now;
  ended.end_reason = e.Reason();
  const char* action = expires                               ? "GRANT_EXPIRED"
                       : open->state == GrantState::kPending ? "GRANT_WITHDRAWN"
                                                             : "GRANT_REVOKED";
  plan.audit.push_back(GrantAudit(ended, open, at, actor, action, ended.end_reason));
  plan.grants_to_save.push_back(std::move(ended));
  plan.decisions_changed = true;
}

// Approvals that can never count again: the person no longer works at the location in a
// school-based role, or started a new job there after the approval.
void VoidStaleApprovals(const StaffFacts& facts, const std::string& location_id,
                        const Requirement& role, Moment at, std::string_view actor,
                        GrantPlan& plan) {
  for (const Approval& a : facts.approvals) {
    if (a.location_id != location_id || a.state != ApprovalState::kActive) continue;
    std::string reason;
    if (!role.met) {
      reason = "no longer holds a school-based role at " + location_id;
    } else if (role.since && sys_days(a.approved_on) < sys_days(*role.since)) {
      reason = "role at " + location_id + " changed after the approval";
    } else {
      continue;
    }
    Approval voided = a;
    voided.state = ApprovalState::kVoided;
    voided.ended_at = at.now;
    voided.end_reason = reason;
    plan.audit.push_back({.occurred_at = at.now,
                          .actor = std::string(actor),
                          .staff_id = a.staff_id,
                          .location_id = a.location_id,
                          .entity = AuditEntity::kApproval,
                          .entity_id = a.id,
                          .action = "APPROVAL_VOIDED",
                          .reason = reason,
                          .before_json = AuditJson(a),
                          .after_json = AuditJson(voided)});
    plan.approvals_to_save.push_back(std::move(voided));
  }
}

}  // namespace

GrantPlan ReconcileGrants(const AccessPolicy& policy, const StaffFacts& facts, Moment at,
                          GrantMode mode, std::string_view actor,
                          const std::function<std::string()>& new_grant_id) {
  GrantPlan plan;
  for (const std::string& location : LocationsToEvaluate(facts, at.today)) {
    const Evaluation e = Evaluate(policy, facts, location, at.today);
    ReconcileLocation(policy, facts, e, at, mode, actor, new_grant_id, plan);
    if (e.requirements[0].met) {
      VoidStaleApprovals(facts, location, e.requirements[1], at, actor, plan);
    }
  }
  if (facts.staff.employment_state == EmploymentState::kDeparted) {
    MergePlan(plan, VoidAllApprovals(facts, at, actor, "left the district"));
  }
  return plan;
}

GrantPlan VoidAllApprovals(const StaffFacts& facts, Moment at, std::string_view actor,
                           std::string_view reason) {
  GrantPlan plan;
  for (const Approval& a : facts.approvals) {
    if (a.state != ApprovalState::kActive) continue;
    Approval voided = a;
    voided.state = ApprovalState::kVoided;
    voided.ended_at = at.now;
    voided.end_reason = std::string(reason);
    plan.audit.push_back({.occurred_at = at.now,
                          .actor = std::string(actor),
                          .staff_id = a.staff_id,
                          .location_id = a.location_id,
                          .entity = AuditEntity::kApproval,
                          .entity_id = a.id,
                          .action = "APPROVAL_VOIDED",
                          .reason = std::string(reason),
                          .before_json = AuditJson(a),
                          .after_json = AuditJson(voided)});
    plan.approvals_to_save.push_back(std::move(voided));
  }
  return plan;
}

void MergePlan(GrantPlan& plan, GrantPlan more) {
  for (auto& g : more.grants_to_save) plan.grants_to_save.push_back(std::move(g));
  for (auto& a : more.approvals_to_save) plan.approvals_to_save.push_back(std::move(a));
  for (auto& e : more.audit) plan.audit.push_back(std::move(e));
  plan.evaluation_needed = plan.evaluation_needed || more.evaluation_needed;
  plan.decisions_changed = plan.decisions_changed || more.decisions_changed;
}

}  // namespace secsched::access
