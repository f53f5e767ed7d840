#include "services/access/domain/eligibility.h"

#include <algorithm>
#include <set>

namespace secsched::access {
namespace {

using std::chrono::sys_days;

// The valid Secondary Scheduling completion with the latest end, if any has an earlier
// Walk-In completion.
struct CertificationStanding {
  std::optional<Date> walk_in_on;                // earliest Walk-In
  std::optional<Date> secondary_without_prereq;  // a Secondary with no earlier Walk-In
  std::optional<Date> best_completed_on;         // the qualifying Secondary that lasts longest
  std::optional<Date> best_valid_until;
};

CertificationStanding StandingOf(const AccessPolicy& policy, const StaffFacts& facts) {
  CertificationStanding standing;
  std::optional<Time> first_walk_in;
  for (const Completion& c : facts.completions) {
    if (c.type != CertificationType::kWalkInScheduling) continue;
    if (!first_walk_in || c.completed_at < *first_walk_in) {
      first_walk_in = c.completed_at;
      standing.walk_in_on = c.completed_on;
    }
  }
  for (const Completion& c : facts.completions) {
    if (c.type != CertificationType::kSecondaryScheduling) continue;
    if (!first_walk_in || !(*first_walk_in < c.completed_at)) {
      standing.secondary_without_prereq = c.completed_on;
      continue;
    }
    const Date until = CertificationValidUntil(policy, c.completed_on);
    if (!standing.best_valid_until || sys_days(until) > sys_days(*standing.best_valid_until)) {
      standing.best_valid_until = until;
      standing.best_completed_on = c.completed_on;
    }
  }
  return standing;
}

}  // namespace

std::string_view RequirementKindName(RequirementKind kind) {
  switch (kind) {
    case RequirementKind::kEmployment:
      return "EMPLOYMENT";
    case RequirementKind::kRole:
      return "ROLE";
    case RequirementKind::kCertification:
      return "CERTIFICATION";
    case RequirementKind::kApproval:
      return "APPROVAL";
  }
  return "UNSPECIFIED";
}

std::string Evaluation::Reason() const {
  for (const Requirement& r : requirements) {
    if (!r.met) return r.detail;
  }
  return "all requirements are met";
}

Requirement EmploymentRequirement(const StaffFacts& facts) {
  if (facts.staff.employment_state == EmploymentState::kActive) {
    return {
        .kind = RequirementKind::kEmployment, .met = true, .detail = "employed by the district"};
  }
  return {
      .kind = RequirementKind::kEmployment,
      .met = false,
      .detail = "has left the district; a returning employee must meet every requirement again"};
}

Requirement RoleRequirement(const StaffFacts& facts, std::string_view location_id, Date today,
                            std::optional<Date>* stint_start) {
  stint_start->reset();
  const Assignment* current = nullptr;
  bool district_role_here = false;
  for (const Assignment& a : facts.assignments) {
    if (a.location_id != location_id || !a.ActiveOn(today)) continue;
    if (!IsSchoolBasedRole(a.role)) {
      district_role_here = true;
      continue;
    }
    if (!current || sys_days(a.start_date) < sys_days(current->start_date)) current = &a;
  }
  if (current) {
    *stint_start = current->start_date;
    return {.kind = RequirementKind::kRole,
            .met = true,
            .detail = std::string(RoleName(current->role)) + " at " + std::string(location_id),
            .since = current->start_date,
            .until = current->end_date};
  }
  return {.kind = RequirementKind::kRole,
          .met = false,
          .detail = district_role_here
                        ? "a district role is not school-based and never qualifies"
                        : "needs a school-based role at " + std::string(location_id)};
}

Requirement CertificationRequirement(const AccessPolicy& policy, const StaffFacts& facts,
                                     Date today) {
  const CertificationStanding s = StandingOf(policy, facts);
  Requirement r{.kind = RequirementKind::kCertification};
  if (s.best_valid_until && StillValidOn(*s.best_valid_until, today)) {
    r.met = true;
    r.since = s.best_completed_on;
    r.until = s.best_valid_until;
    r.detail = "Secondary Scheduling certification expires " + FormatDate(*s.best_valid_until);
  } else if (s.best_valid_until) {
    r.until = s.best_valid_until;
    r.detail = "Secondary Scheduling certification expired " + FormatDate(*s.best_valid_until) +
               "; recertification is needed";
  } else if (!s.walk_in_on) {
    r.detail = "needs the Walk-In Scheduling certification, then Secondary Scheduling";
  } else {
    r.detail = "needs the Secondary Scheduling certification (Walk-In completed " +
               FormatDate(*s.walk_in_on) + ")";
  }
  return r;
}

Requirement ApprovalRequirement(const StaffFacts& facts, std::string_view location_id,
                                std::optional<Date> stint_start) {
  const Approval* best = nullptr;
  for (const Approval& a : facts.approvals) {
    if (a.location_id != location_id || a.state != ApprovalState::kActive) continue;
    if (!IsApproverRole(a.approver_role)) continue;
    if (!stint_start || sys_days(a.approved_on) < sys_days(*stint_start)) continue;
    if (!best || a.approved_at > best->approved_at) best = &a;
  }
  if (best) {
    return {.kind = RequirementKind::kApproval,
            .met = true,
            .detail = "approved by " + best->approver_id + " (" +
                      std::string(RoleName(best->approver_role)) + ")",
            .since = best->approved_on};
  }
  return {.kind = RequirementKind::kApproval,
          .met = false,
          .detail = "needs approval from a principal or manager of " + std::string(location_id)};
}

Evaluation Evaluate(const AccessPolicy& policy, const StaffFacts& facts,
                    std::string_view location_id, Date today) {
  Evaluation e{.location_id = std::string(location_id)};
  std::optional<Date> stint_start;
  e.requirements.push_back(EmploymentRequirement(facts));
  e.requirements.push_back(RoleRequirement(facts, location_id, today, &stint_start));
  e.requirements.push_back(CertificationRequirement(policy, facts, today));
  e.requirements.push_back(ApprovalRequirement(facts, location_id, stint_start));
  e.eligible = std::all_of(e.requirements.begin(), e.requirements.end(),
                           [](const Requirement& r) { return r.met; });
  const Requirement& certification = e.requirements[2];
  if (e.eligible) e.access_until = certification.until;
  e.only_certification_expired = !certification.met && certification.until.has_value() &&
                                 e.requirements[0].met && e.requirements[1].met &&
                                 e.requirements[3].met;
  return e;
}

std::vector<std::string> LocationsToEvaluate(const StaffFacts& facts, Date today) {
  std::set<std::string> locations;
  for (const Assignment& a : facts.assignments) {
    if (a.ActiveOn(today)) locations.insert(a.location_id);
  }
  for (const Approval& a : facts.approvals) {
    if (a.state == ApprovalState::kActive) locations.insert(a.location_id);
  }
  for (const Grant& g : facts.open_grants) locations.insert(g.location_id);
  return {locations.begin(), locations.end()};
}

}  // namespace secsched::access
