// secsched-sectioning: trials, sections, rosters and the jobs that build and load them.
#include "common/access/catalog_calendar_schools.h"
#include "common/catalog/grpc_catalog_reader.h"
#include "common/grpc/client.h"
#include "common/jobs/job_queue.h"
#include "common/jobs/job_store.h"
#include "common/jobs/jobs_migration.h"
#include "common/service/service_main.h"
#include "services/sectioning/api/grading_handler.h"
#include "services/sectioning/api/schedule_report_handler.h"
#include "services/sectioning/api/sectioning_handler.h"
#include "services/sectioning/migrations/embedded_migrations.h"
#include "services/sectioning/storage/pg_grading_repository.h"
#include "services/sectioning/storage/pg_schedule_reports.h"
#include "services/sectioning/storage/pg_trial_repository.h"
#include "services/sectioning/storage/redis_job_board.h"

int main(int argc, char** argv) {
  using namespace secsched;
  std::vector<pg::MigrationFile> migrations = sectioning::migrations::Migrations();
  migrations.push_back(jobs::JobsTableMigration(100));  // 001..099 are the service's own
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
        ServiceHandlers handlers{
            .services = {{handler, "secsched.sectioning.v1.SectioningService"}},
            .keep_alive = {access_client, schools, trial_repository, store, queue, board, trials,
                           trial_jobs}};

        // The catalog service (SECSCHED_CATALOG_ADDR): terms, teachers and the calendar's state
        // for grading windows, cached per calendar for 5 s (grpc_catalog_reader.h).
        auto catalog_token = access::ServiceTokenFromConfig(r.config, r.verifier, "sectioning");
        if (!catalog_token.ok()) return catalog_token.status();
        auto catalog = std::make_shared<catalog::GrpcCatalogReader>(
            MakeChannel(r.config.Get("catalog-address")), *std::move(catalog_token));
        handlers.keep_alive.push_back(catalog);

        // ---- Grading windows (GradingWindowService).
        auto grading_repository = std::make_shared<sectioning::PgGradingRepository>(r.pool);
        auto grading = std::make_shared<sectioning::GradingWindows>(*grading_repository, *catalog,
                                                                    *schools, *access_client);
        auto grading_handler = std::make_shared<sectioning::GradingHandler>(*grading, r.verifier);
        handlers.services.push_back(
            {grading_handler, "secsched.sectioning.v1.GradingWindowService"});
        handlers.keep_alive.insert(handlers.keep_alive.end(), {grading_repository, grading});

        // ---- Schedule reports (ScheduleReportService).
        auto report_repository = std::make_shared<sectioning::PgScheduleReports>(r.pool);
        auto reports = std::make_shared<sectioning::ScheduleReports>(*report_repository, *schools,
                                                                     *access_client);
        auto reports_handler =
            std::make_shared<sectioning::ScheduleReportHandler>(*reports, r.verifier);
        handlers.services.push_back(
            {reports_handler, "secsched.sectioning.v1.ScheduleReportService"});
        handlers.keep_alive.insert(handlers.keep_alive.end(), {report_repository, reports});
        return handlers;
      },
      .uses_redis = true,
      .extra_settings = access::CrossServiceSettings()});
}
