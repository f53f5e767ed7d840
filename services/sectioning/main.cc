// secsched-sectioning: trials, sections, rosters and the jobs that build and load them.
#include "common/access/catalog_calendar_schools.h"
#include "common/catalog/grpc_catalog_reader.h"
#include "common/grpc/client.h"
#include "common/jobs/job_queue.h"
#include "common/jobs/job_store.h"
#include "common/jobs/jobs_migration.h"
#include "common/service/service_main.h"
#include "services/sectioning/api/sectioning_handler.h"
#include "services/sectioning/migrations/embedded_migrations.h"
#include "services/sectioning/storage/pg_trial_repository.h"
#include "services/sectioning/storage/redis_job_board.h"

int main(int argc, char** argv) {
  using namespace secsched;
  std::vector<pg::MigrationFile> migrations = sectioning::migrations::Migrations();
  migrations.push_back(jobs::JobsTableMigration(100));  // 001..099 are the service's own
  return RunServiceMain(
      argc, argv,
      {.name = "sectioning",
       .migrations = std::move(migrations),
       .build = [](ServiceResources& r) -> absl::StatusOr<ServiceHandlers> {
         auto checker = access::AccessClientFromConfig(r.config, r.verifier, r.redis, "sectioning");
         if (!checker.ok()) return checker.status();
         auto lookup = access::CalendarSchoolsFromConfig(r.config, r.verifier, "sectioning");
         if (!lookup.ok()) return lookup.status();
         auto catalog_token = access::ServiceTokenFromConfig(r.config, r.verifier, "sectioning");
         if (!catalog_token.ok()) return catalog_token.status();
         std::shared_ptr<access::AccessClient> access_client = *std::move(checker);
         std::shared_ptr<access::CatalogCalendarSchools> schools = *std::move(lookup);
         // The calendar's state (writes need APPROVED) from the catalog service
         // (SECSCHED_CATALOG_ADDR), cached per calendar for 5 s (grpc_catalog_reader.h).
         auto catalog = std::make_shared<catalog::GrpcCatalogReader>(
             MakeChannel(r.config.Get("catalog-address")), *std::move(catalog_token));
         auto trial_repository = std::make_shared<sectioning::PgTrialRepository>(r.pool);
         auto store = std::make_shared<jobs::JobStore>(r.pool);
         auto queue = std::make_shared<jobs::JobQueue>(*r.redis);
         auto board = std::make_shared<sectioning::RedisJobBoard>(*store, *queue, *r.redis);
         auto trials = std::make_shared<sectioning::Trials>(*trial_repository, *catalog, *schools,
                                                            *access_client);
         auto trial_jobs = std::make_shared<sectioning::TrialJobs>(
             *trial_repository, *board, *catalog, *schools, *access_client);
         auto handler =
             std::make_shared<sectioning::SectioningHandler>(*trials, *trial_jobs, r.verifier);
         return ServiceHandlers{.services = {{handler, "secsched.sectioning.v1.SectioningService"}},
                                .keep_alive = {access_client, schools, catalog, trial_repository,
                                               store, queue, board, trials, trial_jobs}};
       },
       .uses_redis = true,
       .extra_settings = access::CrossServiceSettings()});
}
