#include "services/access/access_runtime.h"

#include <unistd.h>

#include "common/access/decision_cache.h"
#include "services/access/access_settings.h"
#include "services/access/api/access_handler.h"
#include "services/access/domain/district_clock.h"
#include "services/access/jobs/evaluation_jobs.h"
#include "services/access/storage/pg_access_repository.h"
#include "services/access/storage/redis_decision_cache.h"

namespace secsched::access {
namespace {

// Members are destroyed in reverse order: the background threads stop first, while everything
// they use still exists.
struct AccessRuntime {
  AccessRuntime(ServiceResources& r, AccessRuntimeSettings settings, absl::TimeZone zone)
      : clock(zone),
        repository(r.pool),
        shared_cache(*r.redis),
        cache(shared_cache),
        store(r.pool),
        queue(*r.redis),
        evaluations(store, queue),
        control(repository, cache, evaluations, clock, settings.control),
        background(control, store, queue, *r.redis,
                   {.consumer = "access-" + std::to_string(getpid()),
                    .sweep_interval = settings.sweep_interval}) {}

  ZonedDistrictClock clock;
  PgAccessRepository repository;
  RedisDecisionCache shared_cache;
  RedisDecisionCacheAdapter cache;
  jobs::JobStore store;
  jobs::JobQueue queue;
  JobEvaluationQueue evaluations;
  AccessControl control;
  AccessBackground background;
};

}  // namespace

absl::StatusOr<ServiceHandlers> BuildAccessService(ServiceResources& r) {
  absl::StatusOr<AccessRuntimeSettings> settings = AccessSettingsFromConfig(r.config);
  if (!settings.ok()) return settings.status();
  absl::StatusOr<absl::TimeZone> zone = LoadDistrictTimeZone(settings->time_zone);
  if (!zone.ok()) return zone.status();
  auto runtime = std::make_shared<AccessRuntime>(r, *std::move(settings), *zone);
  auto handler = std::make_shared<AccessHandler>(runtime->control, r.verifier);
  return ServiceHandlers{.services = {{handler, "secsched.access.v1.AccessService"}},
                         .keep_alive = {runtime}};
}

}  // namespace secsched::access
