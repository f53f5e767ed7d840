// AccessControl: the read side (grants, Explain, expiring access, audit) and CheckAccess.
#include <algorithm>

#include "common/access/authorize.h"
#include "services/access/domain/access_control.h"

namespace secsched::access {
namespace {

bool HasReadScope(const auth::Caller& caller) {
  return caller.HasScope(auth::kScopeReader) || caller.HasScope(auth::kScopeScheduler) ||
         caller.HasScope(auth::kScopeAdmin) || caller.HasScope(auth::kScopeHrFeed);
}

bool IsSelf(const auth::Caller& caller, std::string_view staff_id) {
  return !caller.service_account && !staff_id.empty() && caller.subject == staff_id;
}

}  // namespace

absl::Status AccessControl::MayView(const auth::Caller& caller, std::string_view staff_id,
                                    std::string_view location_id) {
  if (IsSelf(caller, staff_id) || HasReadScope(caller)) return absl::OkStatus();
  if (!location_id.empty()) {
    Role role;
    absl::Status approver = RequireApproverAt(caller, location_id, At().today, &role);
    if (approver.ok() || approver.code() != absl::StatusCode::kPermissionDenied) return approver;
  }
  return absl::PermissionDeniedError(
      "Only the person, a principal or manager of the location, or a reader may see this.");
}

absl::StatusOr<Grant> AccessControl::GetGrant(const auth::Caller& caller,
                                              std::string_view grant_id) {
  absl::StatusOr<Grant> grant = repository_.GetGrant(grant_id);
  if (!grant.ok()) return grant.status();
  if (absl::Status s = MayView(caller, grant->staff_id, grant->location_id); !s.ok()) return s;
  return grant;
}

absl::StatusOr<std::vector<Grant>> AccessControl::ListGrants(const auth::Caller& caller,
                                                             const GrantQuery& query) {
  if (absl::Status s = MayView(caller, query.staff_id, query.location_id); !s.ok()) return s;
  return repository_.ListGrants(query);
}

absl::StatusOr<ExplainResult> AccessControl::Explain(const auth::Caller& caller,
                                                     std::string_view staff_id,
                                                     std::string_view location_id) {
  if (absl::Status s = MayView(caller, staff_id, location_id); !s.ok()) return s;
  absl::StatusOr<StaffFacts> facts = repository_.ReadFacts(staff_id);
  if (!facts.ok()) return facts.status();
  ExplainResult result{.evaluation = Evaluate(options_.policy, *facts, location_id, At().today)};
  for (const Grant& g : facts->open_grants) {
    if (g.location_id == location_id) result.open_grant = g;
  }
  return result;
}

absl::StatusOr<std::vector<Grant>> AccessControl::ListExpiring(const auth::Caller& caller,
                                                               int window_days, int limit) {
  if (absl::Status s =
          RequireAnyScope(caller, {auth::kScopeReader, auth::kScopeScheduler, auth::kScopeAdmin});
      !s.ok()) {
    return s;
  }
  const Date today = At().today;
  const Date through{std::chrono::sys_days(today) + std::chrono::days(window_days)};
  return repository_.ListExpiring(today, through, limit);
}

absl::StatusOr<std::vector<AuditEntry>> AccessControl::ListAudit(const auth::Caller& caller,
                                                                 const AuditQuery& query) {
  if (!caller.HasScope(auth::kScopeAdmin) && !IsSelf(caller, query.staff_id)) {
    return absl::PermissionDeniedError(
        "People may read their own audit trail; other trails need the admin scope.");
  }
  return repository_.ListAudit(query);
}

absl::StatusOr<CachedDecision> AccessControl::CheckAccess(const auth::Caller& caller,
                                                          std::string_view staff_id,
                                                          std::string_view location_id) {
  if (!IsSelf(caller, staff_id)) {
    if (absl::Status s =
            RequireAnyScope(caller, {auth::kScopeReader, auth::kScopeScheduler, auth::kScopeAdmin});
        !s.ok()) {
      return s;
    }
  }
  if (std::optional<CachedDecision> hit = cache_.Lookup(staff_id, location_id)) return *hit;
  // Read the generation before the database (see DecisionCache::Generation).
  const std::optional<std::string> generation = cache_.Generation(staff_id);
  absl::StatusOr<std::optional<Grant>> grant = repository_.OpenGrant(staff_id, location_id);
  if (!grant.ok()) return grant.status();
  const Moment at = At();
  CachedDecision decision;
  std::chrono::seconds ttl = options_.decision_cache_ttl;
  if (!grant->has_value()) {
    decision.reason = "no Secondary Scheduling access at " + std::string(location_id);
  } else if ((*grant)->state == GrantState::kPending) {
    decision.reason = "access at " + std::string(location_id) + " is being granted";
  } else if (!(*grant)->expires_on || !StillValidOn(*(*grant)->expires_on, at.today)) {
    decision.reason = "access at " + std::string(location_id) + " has expired";
  } else {
    decision.allowed = true;
    decision.reason = "granted until " + FormatDate(*(*grant)->expires_on);
    // Never cache an allow past the end of the access' last day.
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(
        clock_.EndOfDay(*(*grant)->expires_on) - at.now);
    ttl = std::max(std::chrono::seconds(1), std::min(ttl, left));
  }
  if (generation) cache_.Store(staff_id, location_id, *generation, decision, ttl);
  return decision;
}

}  // namespace secsched::access
