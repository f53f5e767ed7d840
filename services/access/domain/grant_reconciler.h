// Turns evaluations into grant changes: the one place that decides PENDING → GRANTED, REVOKED
// and EXPIRED, and which approvals no longer stand. Pure: the caller saves the plan.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "services/access/domain/eligibility.h"

namespace secsched::access {

enum class GrantMode {
  // After an HR, certification or approval change: revoke/expire at once, extend expiries,
  // but only mark newly eligible locations PENDING and ask for an evaluation job.
  kOnChange,
  // The evaluation job and the sweep: additionally grant what is eligible.
  kGrantNow,
};

struct Moment {
  Time now;
  Date today;  // `now` in the district's calendar
};

struct GrantPlan {
  std::vector<Grant> grants_to_save;        // created or changed
  std::vector<Approval> approvals_to_save;  // voided
  std::vector<AuditEntry> audit;
  bool evaluation_needed = false;  // some grant is PENDING and waits for the evaluator
  bool decisions_changed = false;  // CheckAccess answers may differ: drop cached answers
};

// `actor` is recorded on every audit entry the plan makes.
GrantPlan ReconcileGrants(const AccessPolicy& policy, const StaffFacts& facts, Moment at,
                          GrantMode mode, std::string_view actor,
                          const std::function<std::string()>& new_grant_id);

// Voids every active approval (departure). Audit entries carry `reason`.
GrantPlan VoidAllApprovals(const StaffFacts& facts, Moment at, std::string_view actor,
                           std::string_view reason);

// Appends `more` to `plan`.
void MergePlan(GrantPlan& plan, GrantPlan more);

}  // namespace secsched::access
