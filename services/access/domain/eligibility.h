// Eligibility for Secondary Scheduling access at one location, as one named rule per
// requirement (docs/access.md, "Rules"). Pure: facts and a date in, requirements out; the same
// evaluation drives grants, revocations, the sweep and Explain.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/access/domain/model.h"
#include "services/access/domain/policy.h"

namespace secsched::access {

enum class RequirementKind { kEmployment, kRole, kCertification, kApproval };
std::string_view RequirementKindName(RequirementKind kind);  // "ROLE", ...

struct Requirement {
  RequirementKind kind;
  bool met = false;
  std::string detail;         // "needs approval from a principal or manager of east-high"
  std::optional<Date> since;  // when it was met (assignment start, completion, approval)
  std::optional<Date> until;  // when it stops being met (assignment end, certification end)
};

struct Evaluation {
  std::string location_id;
  std::vector<Requirement> requirements;  // employment, role, certification, approval
  bool eligible = false;
  std::optional<Date> access_until;  // eligible: the certification's last valid day
  // Everything but the certification holds and the certification has run out: an open grant
  // EXPIRES (end of cycle) rather than being REVOKED.
  bool only_certification_expired = false;

  // The first unmet requirement's detail, or "all requirements are met".
  std::string Reason() const;
};

// Rule 1: only people currently employed may hold access.
Requirement EmploymentRequirement(const StaffFacts& facts);

// Rule 2: a school-based role (anything but DISTRICT) at the location today. `stint_start` is
// set to the start of the earliest such assignment still running: approvals older than it
// belong to an earlier job there and no longer count.
Requirement RoleRequirement(const StaffFacts& facts, std::string_view location_id, Date today,
                            std::optional<Date>* stint_start);

// Rule 3: a Secondary Scheduling completion preceded by a Walk-In Scheduling completion (strictly
// earlier), still valid today under the cycle rule; the latest-valid such completion counts.
Requirement CertificationRequirement(const AccessPolicy& policy, const StaffFacts& facts,
                                     Date today);

// Rule 4: an active approval for the location by a principal or manager there, given on or
// after the current stint at the location began.
Requirement ApprovalRequirement(const StaffFacts& facts, std::string_view location_id,
                                std::optional<Date> stint_start);

// All four rules together.
Evaluation Evaluate(const AccessPolicy& policy, const StaffFacts& facts,
                    std::string_view location_id, Date today);

// The locations worth evaluating: current assignments, active approvals and open grants.
std::vector<std::string> LocationsToEvaluate(const StaffFacts& facts, Date today);

}  // namespace secsched::access
