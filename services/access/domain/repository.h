// What the access domain needs from storage, Redis and the job queue. Implemented in storage/;
// tests of pure rules need none of it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/access/domain/model.h"

namespace secsched::access {

// One database transaction in which one staff member's rows are locked, so two changes to the
// same person are evaluated one after the other. The function given to InStaffTransaction may
// run more than once (serialization retries): no side effects outside these calls.
class StaffTransaction {
 public:
  virtual ~StaffTransaction() = default;
  // NOT_FOUND when the staff member does not exist (yet).
  virtual absl::StatusOr<StaffFacts> LoadFacts() = 0;
  // Another person's assignments (an approver's), unlocked.
  virtual absl::StatusOr<std::vector<Assignment>> AssignmentsOf(std::string_view staff_id) = 0;
  virtual absl::Status SaveStaff(const StaffMember& staff) = 0;  // insert or update
  virtual absl::StatusOr<int64_t> InsertAssignment(const Assignment& assignment) = 0;
  virtual absl::Status EndAssignment(int64_t assignment_id, Date last_day) = 0;
  virtual absl::StatusOr<int64_t> InsertCompletion(const Completion& completion) = 0;
  virtual absl::Status SaveApproval(const Approval& approval) = 0;  // insert or update by id
  virtual absl::Status SaveGrant(const Grant& grant) = 0;           // insert or update by id
  virtual absl::Status AppendAudit(const AuditEntry& entry) = 0;
};

// The `after_*` fields are the decoded keyset position (common/api/paging.h); `limit` rows at most.
struct AuditQuery {
  std::string staff_id;  // "" = everyone (admins only)
  int64_t after_id = 0;  // entries with a larger id
  int limit = 100;
};

struct GrantQuery {
  std::string staff_id;     // "" = any
  std::string location_id;  // "" = any
  bool open_only = false;   // PENDING or GRANTED only
  std::string after_id;     // grants with a larger id
  int limit = 100;
};

// GRANTED grants whose last day is in [from, through], ordered by (expires_on, grant_id).
struct ExpiringQuery {
  Date from;
  Date through;
  std::optional<Date> after_expires_on;  // with after_grant_id: grants after that pair
  std::string after_grant_id;
  int limit = 100;
};

class AccessRepository {
 public:
  virtual ~AccessRepository() = default;
  virtual absl::Status InStaffTransaction(
      std::string_view staff_id, const std::function<absl::Status(StaffTransaction&)>& fn) = 0;

  virtual absl::StatusOr<StaffMember> GetStaff(std::string_view staff_id) = 0;  // NOT_FOUND
  // A read-only snapshot of one person's facts (Explain). NOT_FOUND.
  virtual absl::StatusOr<StaffFacts> ReadFacts(std::string_view staff_id) = 0;
  virtual absl::StatusOr<Grant> GetGrant(std::string_view grant_id) = 0;           // NOT_FOUND
  virtual absl::StatusOr<Approval> GetApproval(std::string_view approval_id) = 0;  // NOT_FOUND
  // The PENDING or GRANTED grant of a person at a location, if any (CheckAccess).
  virtual absl::StatusOr<std::optional<Grant>> OpenGrant(std::string_view staff_id,
                                                         std::string_view location_id) = 0;
  virtual absl::StatusOr<std::vector<Grant>> ListGrants(const GrantQuery& query) = 0;
  virtual absl::StatusOr<std::vector<Grant>> ListExpiring(const ExpiringQuery& query) = 0;
  virtual absl::StatusOr<std::vector<AuditEntry>> ListAudit(const AuditQuery& query) = 0;
  // The locations where the person holds PRINCIPAL or MANAGER today (approver checks).
  virtual absl::StatusOr<std::vector<Assignment>> ActiveAssignments(std::string_view staff_id,
                                                                    Date day) = 0;

  // Sweep, in one statement each: GRANTED grants whose last day is before `today` become
  // EXPIRED, with their audit rows; returns them.
  virtual absl::StatusOr<std::vector<Grant>> ExpireGrantsBefore(Date today, Time now,
                                                                std::string_view actor) = 0;
  // Every staff member whose facts could change a grant: open grants, active approvals or
  // assignments active on `today`. With their facts, read in one snapshot.
  virtual absl::StatusOr<std::vector<StaffFacts>> ReadAllFacts(Date today) = 0;
};

// The cached CheckAccess answers (common/access/decision_cache.h).
struct CachedDecision {
  bool allowed = false;
  std::string reason;
};

class DecisionCache {
 public:
  virtual ~DecisionCache() = default;
  // A valid cached answer, or nullopt (miss, stale, or Redis unreachable).
  virtual std::optional<CachedDecision> Lookup(std::string_view staff_id,
                                               std::string_view location_id) = 0;
  // The generation to tag a fill with; read it BEFORE reading the database, so a change that
  // commits in between makes the fill stale instead of wrong.
  virtual std::optional<std::string> Generation(std::string_view staff_id) = 0;
  virtual void Store(std::string_view staff_id, std::string_view location_id,
                     const std::string& generation, const CachedDecision& decision,
                     std::chrono::seconds ttl) = 0;
  // Every cached answer about the person becomes stale (called after each commit).
  virtual void Invalidate(std::string_view staff_id) = 0;
  // Every cached answer becomes stale (end-of-cycle sweep, policy change).
  virtual void InvalidateAll() = 0;
};

// Asks for an evaluation job for a person ("the last requirement arrived").
class EvaluationQueue {
 public:
  virtual ~EvaluationQueue() = default;
  virtual absl::Status Enqueue(std::string_view staff_id) = 0;
};

// The district's clock and calendar.
class DistrictClock {
 public:
  virtual ~DistrictClock() = default;
  virtual Time Now() const = 0;
  virtual Date LocalDate(Time t) const = 0;
  // The first instant after `day` ends in the district (access "ends at the end of June 30").
  virtual Time EndOfDay(Date day) const = 0;
};

}  // namespace secsched::access
