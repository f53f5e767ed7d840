// AccessControl::Sweep: the periodic safety net. It expires access at the end of a cycle for
// everyone at once (one statement, idempotent: a second run finds nothing to expire), then
// re-evaluates anyone whose stored grants disagree with the rules (a lost evaluation job, a
// future-dated HR change that took effect today), granting and recording SLA breaches.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "common/access/authorize.h"
#include "common/status/strings.h"
#include "services/access/domain/access_control.h"

namespace secsched::access {
namespace {

void Count(const GrantPlan& plan, SweepReport& report) {
  for (const AuditEntry& e : plan.audit) {
    if (e.action == "GRANT_GRANTED") {
      ++report.granted;
      for (const Grant& g : plan.grants_to_save) {
        if (g.id == e.entity_id && g.sla_breached) ++report.sla_breaches;
      }
    } else if (e.action == "GRANT_REVOKED" || e.action == "GRANT_WITHDRAWN") {
      ++report.revoked;
    } else if (e.action == "GRANT_EXPIRED") {
      ++report.expired;
    }
  }
}

}  // namespace

absl::StatusOr<SweepReport> AccessControl::RunSweep(const auth::Caller& caller) {
  if (absl::Status s = RequireAnyScope(caller, {auth::kScopeAdmin}); !s.ok()) return s;
  return Sweep(caller.subject);
}

absl::StatusOr<SweepReport> AccessControl::Sweep(std::string_view actor) {
  const auto started = std::chrono::steady_clock::now();
  const Moment at = At();
  SweepReport report;
  absl::StatusOr<std::vector<Grant>> expired =
      repository_.ExpireGrantsBefore(at.today, at.now, actor);
  if (!expired.ok()) return expired.status();
  report.expired = static_cast<int>(expired->size());
  if (!expired->empty()) cache_.InvalidateAll();

  absl::StatusOr<std::vector<StaffFacts>> everyone = repository_.ReadAllFacts(at.today);
  if (!everyone.ok()) return everyone.status();
  report.staff_examined = static_cast<int>(everyone->size());
  // A dry run on the snapshot finds who needs work; the real evaluation then runs in the
  // person's own locked transaction, on current data, a few people at a time.
  std::vector<std::string> needs_work;
  for (const StaffFacts& facts : *everyone) {
    const GrantPlan probe = ReconcileGrants(options_.policy, facts, at, GrantMode::kGrantNow, actor,
                                            [] { return std::string("probe"); });
    if (!probe.grants_to_save.empty() || !probe.approvals_to_save.empty()) {
      needs_work.push_back(facts.staff.staff_id);
    }
  }
  report.staff_reevaluated = static_cast<int>(needs_work.size());
  std::atomic<size_t> next{0};
  std::mutex report_mutex;
  auto work = [&] {
    for (size_t i = next++; i < needs_work.size(); i = next++) {
      absl::StatusOr<GrantPlan> done = EvaluateStaff(needs_work[i], actor);
      if (!done.ok()) {
        spdlog::warn("sweep: evaluating {} failed: {}", needs_work[i],
                     ToStd(done.status().message()));
        continue;
      }
      std::lock_guard<std::mutex> lock(report_mutex);
      Count(*done, report);
    }
  };
  std::vector<std::thread> workers;
  const size_t threads =
      std::min<size_t>(std::max(1, options_.sweep_parallelism), (needs_work.size() + 63) / 64);
  for (size_t t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (std::thread& t : workers) t.join();
  report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  // Quiet sweeps (the usual case, every few minutes) only at debug level.
  const bool changed = report.granted + report.revoked + report.expired > 0;
  spdlog::log(changed ? spdlog::level::info : spdlog::level::debug,
              "sweep: {} staff, {} re-evaluated, {} granted ({} after the SLA), {} revoked, "
              "{} expired in {} ms",
              report.staff_examined, report.staff_reevaluated, report.granted, report.sla_breaches,
              report.revoked, report.expired, report.duration.count());
  return report;
}

}  // namespace secsched::access
