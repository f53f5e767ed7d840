#include "services/access/domain/access_control.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/access/authorize.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"
#include "common/status/strings.h"

namespace secsched::access {
namespace {

absl::Status ValidateAssignments(const std::vector<AssignmentSpec>& assignments) {
  FieldValidator v;
  for (size_t i = 0; i < assignments.size(); ++i) {
    v.Require(api::IsValidId(assignments[i].location_id),
              "assignments[" + std::to_string(i) + "].location_id",
              "is required: 1-63 characters of a-z, 0-9 and -");
  }
  return v.Finish("The assignments have invalid fields.");
}

bool SameStaffRecord(const StaffMember& a, const StaffMember& b) {
  return a.display_name == b.display_name && a.email == b.email &&
         a.employment_state == b.employment_state;
}

// Departure: every assignment still running after `last_day` ends that day; one that had not
// started yet is cancelled (ends the day before its start).
absl::Status EndAssignmentsAfter(StaffTransaction& tx, const StaffFacts& facts, Date last_day) {
  using std::chrono::days;
  using std::chrono::sys_days;
  for (const Assignment& a : facts.assignments) {
    if (a.end_date && sys_days(*a.end_date) <= sys_days(last_day)) continue;
    const Date end = sys_days(a.start_date) > sys_days(last_day)
                         ? Date(sys_days(a.start_date) - days(1))
                         : last_day;
    if (absl::Status s = tx.EndAssignment(a.id, end); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

AccessControl::AccessControl(AccessRepository& repository, DecisionCache& cache,
                             EvaluationQueue& queue, const DistrictClock& clock,
                             AccessControlOptions options)
    : repository_(repository),
      cache_(cache),
      queue_(queue),
      clock_(clock),
      options_(std::move(options)) {}

Moment AccessControl::At() const {
  const Time now = clock_.Now();
  return {.now = now, .today = clock_.LocalDate(now)};
}

absl::Status AccessControl::Change(
    std::string_view staff_id, std::string_view actor, GrantMode mode,
    const std::function<absl::Status(StaffTransaction&, StaffFacts&, Moment, GrantPlan&)>& change,
    GrantPlan* saved_plan) {
  const Moment at = At();
  GrantPlan plan;
  absl::Status status = repository_.InStaffTransaction(staff_id, [&](StaffTransaction& tx) {
    plan = GrantPlan{};  // the transaction may be retried: start from nothing each time
    StaffFacts facts;
    if (absl::StatusOr<StaffFacts> loaded = tx.LoadFacts(); loaded.ok()) {
      facts = *std::move(loaded);
    } else if (loaded.status().code() != absl::StatusCode::kNotFound) {
      return loaded.status();
    }
    if (absl::Status s = change(tx, facts, at, plan); !s.ok()) return s;
    // Reconcile against what is stored now. Every change that writes also appends an audit
    // entry, so an empty audit means nothing was written and the facts are still current (the
    // evaluator's and the sweep's case: half the queries).
    if (!plan.audit.empty()) {
      absl::StatusOr<StaffFacts> after = tx.LoadFacts();
      if (!after.ok()) return after.status();
      facts = *std::move(after);
    }
    MergePlan(plan, ReconcileGrants(options_.policy, facts, at, mode, actor,
                                    [] { return api::NewId("grant-"); }));
    for (const Approval& a : plan.approvals_to_save) {
      if (absl::Status s = tx.SaveApproval(a); !s.ok()) return s;
    }
    for (const Grant& g : plan.grants_to_save) {
      if (absl::Status s = tx.SaveGrant(g); !s.ok()) return s;
    }
    for (const AuditEntry& e : plan.audit) {
      if (absl::Status s = tx.AppendAudit(e); !s.ok()) return s;
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  // After the commit, never inside the transaction: a retried transaction must not queue twice,
  // and a cache entry invalidated before the commit could be refilled with the old answer.
  cache_.Invalidate(staff_id);
  if (plan.evaluation_needed) {
    if (absl::Status queued = queue_.Enqueue(staff_id); !queued.ok()) {
      spdlog::warn("evaluation job for {} not queued ({}); the sweep will grant it", staff_id,
                   ToStd(queued.message()));
    }
  }
  if (saved_plan) *saved_plan = std::move(plan);
  return absl::OkStatus();
}

absl::StatusOr<StaffMember> AccessControl::UpsertStaff(
    const auth::Caller& caller, const StaffMember& given,
    std::optional<EmploymentState> employment_state) {
  if (absl::Status s = RequireAnyScope(caller, {auth::kScopeHrFeed, auth::kScopeAdmin}); !s.ok()) {
    return s;
  }
  if (absl::Status valid = ValidateStaff(given); !valid.ok()) return valid;
  StaffMember saved;
  absl::Status status = Change(
      given.staff_id, caller.subject, GrantMode::kOnChange,
      [&](StaffTransaction& tx, StaffFacts& facts, Moment at, GrantPlan& plan) -> absl::Status {
        const bool existed = !facts.staff.staff_id.empty();
        StaffMember staff = given;
        staff.employment_state = employment_state.value_or(existed ? facts.staff.employment_state
                                                                   : EmploymentState::kActive);
        if (existed && SameStaffRecord(facts.staff, staff)) {  // the feed re-sent it: no news
          saved = facts.staff;
          return absl::OkStatus();
        }
        saved = staff;
        saved.update_time = at.now;
        if (absl::Status s = tx.SaveStaff(saved); !s.ok()) return s;
        std::string action = existed ? "STAFF_UPDATED" : "STAFF_CREATED";
        std::string reason = "HR feed";
        if (existed && facts.staff.employment_state != staff.employment_state) {
          const bool departs = staff.employment_state == EmploymentState::kDeparted;
          action = departs ? "STAFF_DEPARTED" : "STAFF_RETURNED";
          reason = departs ? "left the district" : "returned; every requirement must be met again";
          if (departs) {
            if (absl::Status s = EndAssignmentsAfter(tx, facts, at.today); !s.ok()) return s;
          }
        }
        plan.audit.push_back({.occurred_at = at.now,
                              .actor = caller.subject,
                              .staff_id = staff.staff_id,
                              .entity = AuditEntity::kStaff,
                              .entity_id = staff.staff_id,
                              .action = action,
                              .reason = reason,
                              .before_json = existed ? AuditJson(facts.staff) : "",
                              .after_json = AuditJson(saved)});
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return repository_.GetStaff(given.staff_id);
}

absl::StatusOr<StaffMember> AccessControl::GetStaff(const auth::Caller& caller,
                                                    std::string_view staff_id) {
  const bool self = !caller.service_account && caller.subject == staff_id;
  if (!self) {
    absl::Status allowed = RequireAnyScope(
        caller, {auth::kScopeReader, auth::kScopeScheduler, auth::kScopeHrFeed, auth::kScopeAdmin});
    if (!allowed.ok()) return allowed;
  }
  return repository_.GetStaff(staff_id);
}

absl::StatusOr<std::vector<Assignment>> AccessControl::SetAssignments(
    const auth::Caller& caller, std::string_view staff_id,
    const std::vector<AssignmentSpec>& assignments, Date effective) {
  if (absl::Status s = RequireAnyScope(caller, {auth::kScopeHrFeed, auth::kScopeAdmin}); !s.ok()) {
    return s;
  }
  if (absl::Status valid = ValidateAssignments(assignments); !valid.ok()) return valid;
  using std::chrono::days;
  using std::chrono::sys_days;
  absl::Status status = Change(
      staff_id, caller.subject, GrantMode::kOnChange,
      [&](StaffTransaction& tx, StaffFacts& facts, Moment at, GrantPlan& plan) -> absl::Status {
        if (facts.staff.staff_id.empty()) {
          return absl::NotFoundError("Staff member " + std::string(staff_id) + " not found.");
        }
        if (facts.staff.employment_state == EmploymentState::kDeparted) {
          return absl::FailedPreconditionError(
              "The staff member has left the district; record the return first.");
        }
        auto audit = [&](const Assignment* before, const Assignment& after, const char* action) {
          plan.audit.push_back({.occurred_at = at.now,
                                .actor = caller.subject,
                                .staff_id = after.staff_id,
                                .location_id = after.location_id,
                                .entity = AuditEntity::kAssignment,
                                .entity_id = std::to_string(after.id),
                                .action = action,
                                .reason = "HR feed, effective " + FormatDate(effective),
                                .before_json = before ? AuditJson(*before) : "",
                                .after_json = AuditJson(after)});
        };
        auto wanted = [&](const Assignment& a) {
          for (const AssignmentSpec& spec : assignments) {
            if (spec.location_id == a.location_id && spec.role == a.role) return true;
          }
          return false;
        };
        for (const Assignment& a : facts.assignments) {
          if (!a.ActiveOn(effective) || wanted(a)) continue;
          Assignment ended = a;
          ended.end_date = Date(sys_days(effective) - days(1));
          if (absl::Status s = tx.EndAssignment(a.id, *ended.end_date); !s.ok()) return s;
          audit(&a, ended, "ASSIGNMENT_ENDED");
        }
        for (const AssignmentSpec& spec : assignments) {
          bool held = false;
          for (const Assignment& a : facts.assignments) {
            held = held || (a.ActiveOn(effective) && a.location_id == spec.location_id &&
                            a.role == spec.role);
          }
          if (held) continue;
          Assignment started{.staff_id = std::string(staff_id),
                             .location_id = spec.location_id,
                             .role = spec.role,
                             .start_date = effective};
          absl::StatusOr<int64_t> id = tx.InsertAssignment(started);
          if (!id.ok()) return id.status();
          started.id = *id;
          audit(nullptr, started, "ASSIGNMENT_STARTED");
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  absl::StatusOr<StaffFacts> facts = repository_.ReadFacts(staff_id);
  if (!facts.ok()) return facts.status();
  std::vector<Assignment> current;
  for (const Assignment& a : facts->assignments) {
    if (!a.end_date || sys_days(*a.end_date) >= sys_days(effective)) current.push_back(a);
  }
  return current;
}

absl::StatusOr<StaffMember> AccessControl::RecordDeparture(const auth::Caller& caller,
                                                           std::string_view staff_id, Date last_day,
                                                           std::string_view reason) {
  if (absl::Status s = RequireAnyScope(caller, {auth::kScopeHrFeed, auth::kScopeAdmin}); !s.ok()) {
    return s;
  }
  absl::Status status = Change(
      staff_id, caller.subject, GrantMode::kOnChange,
      [&](StaffTransaction& tx, StaffFacts& facts, Moment at, GrantPlan& plan) -> absl::Status {
        if (facts.staff.staff_id.empty()) {
          return absl::NotFoundError("Staff member " + std::string(staff_id) + " not found.");
        }
        const bool ends_later = std::any_of(
            facts.assignments.begin(), facts.assignments.end(), [&](const Assignment& a) {
              return !a.end_date ||
                     std::chrono::sys_days(*a.end_date) > std::chrono::sys_days(last_day);
            });
        if (facts.staff.employment_state == EmploymentState::kDeparted && !ends_later) {
          return absl::OkStatus();  // a repeated report: already recorded
        }
        StaffMember departed = facts.staff;
        departed.employment_state = EmploymentState::kDeparted;
        departed.update_time = at.now;
        if (absl::Status s = tx.SaveStaff(departed); !s.ok()) return s;
        if (absl::Status s = EndAssignmentsAfter(tx, facts, last_day); !s.ok()) return s;
        plan.audit.push_back({.occurred_at = at.now,
                              .actor = caller.subject,
                              .staff_id = departed.staff_id,
                              .entity = AuditEntity::kStaff,
                              .entity_id = departed.staff_id,
                              .action = "STAFF_DEPARTED",
                              .reason = reason.empty() ? "left the district" : std::string(reason),
                              .before_json = AuditJson(facts.staff),
                              .after_json = AuditJson(departed)});
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return repository_.GetStaff(staff_id);
}

}  // namespace secsched::access
