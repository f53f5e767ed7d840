// secsched-sectioning: trials, sections, rosters and the jobs that build and load them.
#include "common/access/catalog_calendar_schools.h"
#include "common/catalog/grpc_catalog_reader.h"
#include "common/grpc/client.h"
#include "common/jobs/job_queue.h"
#include "common/jobs/job_store.h"
#include "common/jobs/jobs_migration.h"
#include "common/service/service_main.h"
#include "services/sectioning/api/section_handler.h"
#include "services/sectioning/api/sectioning_handler.h"
#include "services/sectioning/clients/grpc_course_rule_reader.h"
#include "services/sectioning/migrations/embedded_migrations.h"
#include "services/sectioning/storage/pg_section_repository.h"
#include "services/sectioning/storage/pg_trial_repository.h"
#include "services/sectioning/storage/redis_job_board.h"

int main(int argc, char** argv) {
  using namespace secsched;
  std::vector<pg::MigrationFile> migrations = sectioning::migrations::Migrations();
  migrations.push_back(jobs::JobsTableMigration(100));  // 001..099 are the service's own
  std::vector<Setting> settings = access::CrossServiceSettings();
  settings.push_back({.flag = "requests-address",
                      .env = "SECSCHED_REQUESTS_ADDR",
                      .default_value = "127.0.0.1:50053",
                      .help = "the requests service (course rules for section conflicts)",
                      .validate = HostPort()});
  return RunServiceMain(argc, argv, {
      .name = "sectioning",
      .migrations = std::move(migrations),
      .build = [](ServiceResources& r) -> absl::StatusOr<ServiceHandlers> {
        auto checker = access::AccessClientFromConfig(r.config, r.verifier, r.redis, "sectioning");
        if (!checker.ok()) return checker.status();
        auto lookup = access::CalendarSchoolsFromConfig(r.config, r.verifier, "sectioning");
        if (!lookup.ok()) return lookup.status();
        std::shared_ptr<access::AccessClient> access_client = *std::move(checker);
        std::shared_ptr<access::CatalogCalendarSchools> schools = *std::move(lookup);
        auto trial_repository = std::make_shared<sectioning::PgTrialRepository>(r.pool);
        auto store = std::make_shared<jobs::JobStore>(r.pool);
        auto queue = std::make_shared<jobs::JobQueue>(*r.redis);
        auto board = std::make_shared<sectioning::RedisJobBoard>(*store, *queue, *r.redis);
        auto trials =
            std::make_shared<sectioning::Trials>(*trial_repository, *schools, *access_client);
        auto trial_jobs = std::make_shared<sectioning::TrialJobs>(*trial_repository, *board,
                                                                  *schools, *access_client);
        auto handler = std::make_shared<sectioning::SectioningHandler>(*trials, *trial_jobs, r.verifier);
        // ---- Sections (SectionService): validated against the catalog service (cached 5 s per
        // calendar); MASTER course rules from the requests service (SECSCHED_REQUESTS_ADDR).
        auto service_token = access::ServiceTokenFromConfig(r.config, r.verifier, "sectioning");
        if (!service_token.ok()) return service_token.status();
        auto catalog = std::make_shared<catalog::GrpcCatalogReader>(
            MakeChannel(r.config.Get("catalog-address")), *service_token);
        auto course_rules = std::make_shared<sectioning::GrpcCourseRuleReader>(
            MakeChannel(r.config.Get("requests-address")), *service_token);
        auto section_repository = std::make_shared<sectioning::PgSectionRepository>(r.pool);
        auto sections = std::make_shared<sectioning::Sections>(
            *section_repository, *catalog, *course_rules, *schools, *access_client);
        auto section_handler = std::make_shared<sectioning::SectionHandler>(*sections, r.verifier);
        return ServiceHandlers{
            .services = {{handler, "secsched.sectioning.v1.SectioningService"},
                         {section_handler, "secsched.sectioning.v1.SectionService"}},
            .keep_alive = {access_client, schools, trial_repository, store, queue, board, trials,
                           trial_jobs, catalog, course_rules, section_repository, sections}};
      },
      .uses_redis = true,
      .extra_settings = std::move(settings)});
}
