// secsched-sectioning: trials, sections, rosters, grading windows, reports and the jobs that
// build and load them.
#include "common/access/catalog_calendar_schools.h"
#include "common/catalog/grpc_catalog_reader.h"
#include "common/grpc/client.h"
#include "common/grpc/server_runner.h"
#include "common/jobs/job_queue.h"
#include "common/jobs/job_store.h"
#include "common/jobs/jobs_migration.h"
#include "common/jobs/queue_metrics.h"
#include "common/pg/request_ids.h"
#include "common/requests/grpc_requests_reader.h"
#include "common/service/service_main.h"
#include "services/sectioning/api/export_handler.h"
#include "services/sectioning/api/grading_handler.h"
#include "services/sectioning/api/roster_handler.h"
#include "services/sectioning/api/schedule_report_handler.h"
#include "services/sectioning/api/section_handler.h"
#include "services/sectioning/api/sectioning_handler.h"
#include "services/sectioning/domain/roster_ports.h"
#include "services/sectioning/migrations/embedded_migrations.h"
#include "services/sectioning/storage/pg_grading_repository.h"
#include "services/sectioning/storage/pg_oneroster_repository.h"
#include "services/sectioning/storage/pg_roster_repository.h"
#include "services/sectioning/storage/pg_schedule_reports.h"
#include "services/sectioning/storage/pg_section_repository.h"
#include "services/sectioning/storage/pg_trial_repository.h"
#include "services/sectioning/storage/redis_job_board.h"

int main(int argc, char** argv) {
  using namespace secsched;
  std::vector<pg::MigrationFile> migrations = sectioning::migrations::Migrations();
  migrations.push_back(jobs::JobsTableMigration(100));  // 001..099 are the service's own
  migrations.push_back(pg::RequestIdsTableMigration(101));
  std::vector<Setting> settings = access::CrossServiceSettings();
  for (Setting& s : requests::RequestsClientSettings()) settings.push_back(std::move(s));
  return RunServiceMain(
      argc, argv,
      {.name = "sectioning",
       .migrations = std::move(migrations),
       .build = [](ServiceResources& r) -> absl::StatusOr<ServiceHandlers> {
         auto checker = access::AccessClientFromConfig(r.config, r.verifier, r.redis, "sectioning");
         if (!checker.ok()) return checker.status();
         auto lookup = access::CalendarSchoolsFromConfig(r.config, r.verifier, "sectioning");
         if (!lookup.ok()) return lookup.status();
         std::shared_ptr<access::AccessClient> access_client = *std::move(checker);
         std::shared_ptr<access::CatalogCalendarSchools> schools = *std::move(lookup);
         ServiceHandlers handlers{.keep_alive = {access_client, schools}};
         auto keep = [&](std::initializer_list<std::shared_ptr<void>> objects) {
           handlers.keep_alive.insert(handlers.keep_alive.end(), objects);
         };

         // The catalog (calendar state, terms, bell schedule, courses, teachers, rooms) and the
         // requests service (students, teams, course rules) over gRPC with a service token,
         // each cached per calendar for a few seconds.
         auto service_token = access::ServiceTokenFromConfig(r.config, r.verifier, "sectioning");
         if (!service_token.ok()) return service_token.status();
         auto catalog = std::make_shared<catalog::GrpcCatalogReader>(
             MakeChannel(r.config.Get("catalog-address")), *service_token);
         auto requests_reader = std::make_shared<requests::GrpcRequestsReader>(
             MakeChannel(r.config.Get("requests-address")), *service_token);
         keep({catalog, requests_reader});

         // ---- Trials and jobs (SectioningService).
         auto trial_repository = std::make_shared<sectioning::PgTrialRepository>(r.pool);
         auto store = std::make_shared<jobs::JobStore>(r.pool);
         auto queue = std::make_shared<jobs::JobQueue>(*r.redis);
         // Depth, oldest age and dead letters of every job queue (all services' types), on
         // this service's /metrics (docs/operations.md, alerts).
         r.runner.AddCollectable(std::make_shared<jobs::JobQueueMetrics>(*r.redis));
         auto board = std::make_shared<sectioning::RedisJobBoard>(*store, *queue, *r.redis);
         auto trials = std::make_shared<sectioning::Trials>(*trial_repository, *catalog, *schools,
                                                            *access_client);
         auto trial_jobs = std::make_shared<sectioning::TrialJobs>(
             *trial_repository, *board, *catalog, *schools, *access_client);
         auto trials_handler =
             std::make_shared<sectioning::SectioningHandler>(*trials, *trial_jobs, r.verifier);
         handlers.services.push_back({trials_handler, "secsched.sectioning.v1.SectioningService"});
         keep({trial_repository, store, queue, board, trials, trial_jobs});

         // ---- Sections (SectionService): validated against the catalog; MASTER course rules
         // (section conflicts) from the requests service.
         auto course_rules = std::make_shared<sectioning::RequestsMasterRules>(*requests_reader);
         auto section_repository = std::make_shared<sectioning::PgSectionRepository>(r.pool);
         auto student_teams = std::make_shared<sectioning::RequestsStudentTeams>(*requests_reader);
         auto sections =
             std::make_shared<sectioning::Sections>(*section_repository, *catalog, *course_rules,
                                                    *student_teams, *schools, *access_client);
         auto section_handler = std::make_shared<sectioning::SectionHandler>(*sections, r.verifier);
         handlers.services.push_back({section_handler, "secsched.sectioning.v1.SectionService"});
         keep({course_rules, student_teams, section_repository, sections});

         // ---- Rosters and walk-ins (RosterService).
         auto directory = std::make_shared<sectioning::RequestsStudentDirectory>(*requests_reader);
         auto roster_repository = std::make_shared<sectioning::PgRosterRepository>(r.pool);
         auto rosters = std::make_shared<sectioning::Rosters>(
             *roster_repository, *directory, *directory, *catalog, *schools, *access_client);
         auto roster_handler = std::make_shared<sectioning::RosterHandler>(*rosters, r.verifier);
         handlers.services.push_back({roster_handler, "secsched.sectioning.v1.RosterService"});
         keep({directory, roster_repository, rosters});

         // ---- Grading windows (GradingWindowService).
         auto grading_repository = std::make_shared<sectioning::PgGradingRepository>(r.pool);
         auto grading = std::make_shared<sectioning::GradingWindows>(*grading_repository, *catalog,
                                                                     *schools, *access_client);
         auto grading_handler = std::make_shared<sectioning::GradingHandler>(*grading, r.verifier);
         handlers.services.push_back(
             {grading_handler, "secsched.sectioning.v1.GradingWindowService"});
         keep({grading_repository, grading});

         // ---- Schedule reports (ScheduleReportService).
         auto report_repository = std::make_shared<sectioning::PgScheduleReports>(r.pool);
         auto reports = std::make_shared<sectioning::ScheduleReports>(*report_repository, *schools,
                                                                      *access_client);
         auto reports_handler =
             std::make_shared<sectioning::ScheduleReportHandler>(*reports, r.verifier);
         handlers.services.push_back(
             {reports_handler, "secsched.sectioning.v1.ScheduleReportService"});
         keep({report_repository, reports});

         // ---- Exports (ScheduleExportService): OneRoster from the catalog, the requests
         // service's students and the active trials.
         auto oneroster_repository = std::make_shared<sectioning::PgOneRosterRepository>(r.pool);
         auto calendar_students =
             std::make_shared<sectioning::RequestsCalendarStudents>(*requests_reader);
         auto oneroster = std::make_shared<sectioning::OneRosterExport>(
             *oneroster_repository, *catalog, *calendar_students, *schools, *access_client);
         auto export_handler = std::make_shared<sectioning::ExportHandler>(*oneroster, r.verifier);
         handlers.services.push_back(
             {export_handler, "secsched.sectioning.v1.ScheduleExportService"});
         keep({oneroster_repository, calendar_students, oneroster});
         return handlers;
       },
       .uses_redis = true,
       // Jobs are queued on Redis Streams; the other services answer from PostgreSQL.
       .redis_services = {"secsched.sectioning.v1.SectioningService"},
       .extra_settings = std::move(settings)});
}
