// The access service's use cases: the HR feed, the learning-system feed, principals' approvals,
// the evaluator (job), the sweep, and the read side (grants, Explain, audit, CheckAccess).
//
// Each change runs in one StaffTransaction: load the person's facts, apply the change, reconcile
// grants (revocations and expiries at once, new grants PENDING), append audit rows; after the
// commit the person's cached CheckAccess answers are invalidated and, when a grant waits, an
// evaluation job is queued. Authorization is decided here, from the Caller.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/paging.h"
#include "common/auth/caller.h"
#include "services/access/domain/eligibility.h"
#include "services/access/domain/grant_reconciler.h"
#include "services/access/domain/repository.h"

namespace secsched::access {

struct AccessControlOptions {
  AccessPolicy policy;
  std::chrono::seconds decision_cache_ttl{30};
  // People the sweep re-evaluates at once (each holds a pool connection while it runs).
  int sweep_parallelism = 4;
};

struct AssignmentSpec {
  std::string location_id;
  Role role = Role::kOtherSchoolBased;
};

struct ExplainResult {
  Evaluation evaluation;
  std::optional<Grant> open_grant;
};

struct SweepReport {
  int staff_examined = 0;
  int staff_reevaluated = 0;
  int granted = 0;
  int revoked = 0;
  int expired = 0;
  int sla_breaches = 0;  // grants made by this sweep after their SLA deadline
  std::chrono::milliseconds duration{0};
};

class AccessControl {
 public:
  AccessControl(AccessRepository& repository, DecisionCache& cache, EvaluationQueue& queue,
                const DistrictClock& clock, AccessControlOptions options);

  const AccessPolicy& policy() const { return options_.policy; }

  // --- HR feed (scope hr-feed, or admin) ---
  // Creates or updates a person. ACTIVE → DEPARTED is a departure (see RecordDeparture);
  // DEPARTED → ACTIVE is a return: the person starts over. `employment_state` unset keeps the
  // stored state (a new person is ACTIVE): a feed that leaves it out never brings back someone
  // who left. staff.employment_state is not read.
  absl::StatusOr<StaffMember> UpsertStaff(const auth::Caller& caller, const StaffMember& staff,
                                          std::optional<EmploymentState> employment_state);
  // A person may read their own record; others need reader, scheduler, hr-feed or admin.
  absl::StatusOr<StaffMember> GetStaff(const auth::Caller& caller, std::string_view staff_id);
  // From `effective` on, the person's assignments are exactly `assignments`: others end the day
  // before, new ones start that day. FAILED_PRECONDITION for a departed person.
  absl::StatusOr<std::vector<Assignment>> SetAssignments(
      const auth::Caller& caller, std::string_view staff_id,
      const std::vector<AssignmentSpec>& assignments, Date effective);
  // Ends every assignment on `last_day`, revokes all access and voids all approvals.
  absl::StatusOr<StaffMember> RecordDeparture(const auth::Caller& caller, std::string_view staff_id,
                                              Date last_day, std::string_view reason);

  // --- learning-system feed (scope lms-feed, or admin) ---
  // FAILED_PRECONDITION for Secondary Scheduling without an earlier Walk-In completion. The same
  // completion reported twice is recorded once.
  absl::StatusOr<Completion> RecordCompletion(const auth::Caller& caller, std::string_view staff_id,
                                              CertificationType type, Time completed_at,
                                              std::string_view source);

  // --- principals and managers of the location (nobody else) ---
  // FAILED_PRECONDITION when the person holds no school-based role at the location.
  absl::StatusOr<Approval> Approve(const auth::Caller& caller, std::string_view staff_id,
                                   std::string_view location_id);
  absl::StatusOr<Approval> RevokeApproval(const auth::Caller& caller, std::string_view approval_id,
                                          std::string_view reason);

  // --- the evaluator: grants what is eligible now (evaluation jobs and the sweep) ---
  absl::StatusOr<GrantPlan> EvaluateStaff(std::string_view staff_id, std::string_view actor);

  // --- reads: the person, a principal/manager of the location, or reader/scheduler/admin ---
  absl::StatusOr<Grant> GetGrant(const auth::Caller& caller, std::string_view grant_id);
  // `filter`'s paging fields are ignored: `page` gives them.
  absl::StatusOr<api::Page<Grant>> ListGrants(const auth::Caller& caller, const GrantQuery& filter,
                                              const api::PageRequest& page);
  absl::StatusOr<ExplainResult> Explain(const auth::Caller& caller, std::string_view staff_id,
                                        std::string_view location_id);
  // GRANTED access ending within `window` days from today (reader, scheduler, admin).
  absl::StatusOr<api::Page<Grant>> ListExpiring(const auth::Caller& caller, int window_days,
                                                const api::PageRequest& page);
  // Own trail for anyone; any person's (`staff_id`, or everyone's when "") for admins.
  absl::StatusOr<api::Page<AuditEntry>> ListAudit(const auth::Caller& caller,
                                                  std::string_view staff_id,
                                                  const api::PageRequest& page);
  // Allowed + reason, from the cache when warm (services: reader/scheduler/admin; people: self).
  absl::StatusOr<CachedDecision> CheckAccess(const auth::Caller& caller, std::string_view staff_id,
                                             std::string_view location_id);

  // --- sweep (admins; also a timer in `serve`) ---
  absl::StatusOr<SweepReport> RunSweep(const auth::Caller& caller);
  absl::StatusOr<SweepReport> Sweep(std::string_view actor);

 private:
  Moment At() const;
  // Runs `change` (which records what it did in `plan`) in the person's transaction, reconciles
  // grants, saves the plan, then invalidates the cache and queues an evaluation if needed.
  absl::Status Change(
      std::string_view staff_id, std::string_view actor, GrantMode mode,
      const std::function<absl::Status(StaffTransaction&, StaffFacts&, Moment, GrantPlan&)>& change,
      GrantPlan* saved_plan = nullptr);
  absl::Status MayView(const auth::Caller& caller, std::string_view staff_id,
                       std::string_view location_id);
  absl::Status RequireApproverAt(const auth::Caller& caller, std::string_view location_id,
                                 Date today, Role* approver_role);

  AccessRepository& repository_;
  DecisionCache& cache_;
  EvaluationQueue& queue_;
  const DistrictClock& clock_;
  const AccessControlOptions options_;
};

}  // namespace secsched::access
