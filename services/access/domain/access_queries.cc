// AccessControl: the read side (grants, Explain, expiring access, audit) and CheckAccess.
#include <algorithm>
#include <string>

#include "absl/strings/numbers.h"
#include "common/access/authorize.h"
#include "common/status/status.h"
#include "common/status/strings.h"
#include "services/access/domain/access_control.h"
#include "services/access/domain/policy.h"

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

absl::StatusOr<api::Page<Grant>> AccessControl::ListGrants(const auth::Caller& caller,
                                                           const GrantQuery& filter,
                                                           const api::PageRequest& page) {
  if (absl::Status s = MayView(caller, filter.staff_id, filter.location_id); !s.ok()) return s;
  GrantQuery query = filter;
  query.after_id = page.after;
  query.limit = page.size + 1;
  absl::StatusOr<std::vector<Grant>> rows = repository_.ListGrants(query);
  if (!rows.ok()) return rows.status();
  api::Page<Grant> result{.items = *std::move(rows)};
  result.next_after = api::TrimToPage(result.items, page.size, [](const Grant& g) { return g.id; });
  return result;
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

absl::StatusOr<api::Page<Grant>> AccessControl::ListExpiring(const auth::Caller& caller,
                                                             int window_days,
                                                             const api::PageRequest& page) {
  if (absl::Status s =
          RequireAnyScope(caller, {auth::kScopeReader, auth::kScopeScheduler, auth::kScopeAdmin});
      !s.ok()) {
    return s;
  }
  const Date today = At().today;
  ExpiringQuery query{
      .from = today,
      .through = Date{std::chrono::sys_days(today) + std::chrono::days(window_days)},
      .limit = page.size + 1};
  if (!page.after.empty()) {  // the key is "<expires_on>/<grant_id>"
    const std::size_t slash = page.after.find('/');
    absl::StatusOr<Date> expires_on = ParseDate(page.after.substr(0, slash));
    if (slash == std::string::npos || !expires_on.ok()) {
      return InvalidField("page_token", "is not a page token returned by this method");
    }
    query.after_expires_on = *expires_on;
    query.after_grant_id = page.after.substr(slash + 1);
  }
  absl::StatusOr<std::vector<Grant>> rows = repository_.ListExpiring(query);
  if (!rows.ok()) return rows.status();
  api::Page<Grant> result{.items = *std::move(rows)};
  result.next_after = api::TrimToPage(result.items, page.size, [](const Grant& g) {
    return FormatDate(g.expires_on.value_or(Date{})) + "/" + g.id;
  });
  return result;
}

absl::StatusOr<api::Page<AuditEntry>> AccessControl::ListAudit(const auth::Caller& caller,
                                                               std::string_view staff_id,
                                                               const api::PageRequest& page) {
  if (!caller.HasScope(auth::kScopeAdmin) && !IsSelf(caller, staff_id)) {
    return absl::PermissionDeniedError(
        "People may read their own audit trail; other trails need the admin scope.");
  }
  AuditQuery query{.staff_id = std::string(staff_id), .limit = page.size + 1};
  if (!page.after.empty() &&
      (!absl::SimpleAtoi(ToAbsl(page.after), &query.after_id) || query.after_id < 0)) {
    return InvalidField("page_token", "is not a page token returned by this method");
  }
  absl::StatusOr<std::vector<AuditEntry>> rows = repository_.ListAudit(query);
  if (!rows.ok()) return rows.status();
  api::Page<AuditEntry> result{.items = *std::move(rows)};
  result.next_after = api::TrimToPage(result.items, page.size,
                                      [](const AuditEntry& e) { return std::to_string(e.id); });
  return result;
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
