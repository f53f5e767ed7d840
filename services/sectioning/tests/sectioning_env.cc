#include "services/sectioning/tests/sectioning_env.h"

#include <stdexcept>

#include "common/jobs/jobs_migration.h"
#include "common/pg/request_ids.h"
#include "common/service/service_main.h"
#include "common/testing/servers.h"
#include "services/sectioning/migrations/embedded_migrations.h"

namespace secsched::sectioning::testing {
namespace {

// Two semesters, periods 1..7 every day: the smallest calendar that has terms to clash in.
catalog::CatalogCalendar ApprovedCalendar(std::string id, std::string school) {
  catalog::CatalogCalendar calendar{
      .id = std::move(id),
      .school_id = std::move(school),
      .state = catalog::CatalogCalendarState::kApproved,
      .terms = {{"s1", "2026-08-24", "2027-01-15"}, {"s2", "2027-01-19", "2027-06-04"}}};
  for (int period = 1; period <= 7; ++period) calendar.periods.push_back({period, ""});
  return calendar;
}

}  // namespace

SectioningEnv::SectioningEnv() {
  access_ = std::make_unique<access::testing::AccessEnv>();
  schema_ = secsched::testing::UniqueName("sectioning");
  auto pool = pg::PgPool::Create(
      {.url = UrlWithSearchPath(access::testing::SharedDatabaseUrl(), schema_), .size = 8});
  if (!pool.ok()) throw std::runtime_error(pool.status().ToString());
  pool_ = *std::move(pool);
  std::vector<pg::MigrationFile> migrations = migrations::Migrations();
  migrations.push_back(jobs::JobsTableMigration(100));
  migrations.push_back(pg::RequestIdsTableMigration(101));
  if (absl::Status s = MigrateSchema(*pool_, schema_, migrations); !s.ok()) {
    throw std::runtime_error(s.ToString());
  }
  schools_.Set(kCalendar, kSchool);
  schools_.Set(kOtherCalendar, kOtherSchool);
  catalog_.SetCalendar(ApprovedCalendar(kCalendar, kSchool));
  catalog_.SetCalendar(ApprovedCalendar(kOtherCalendar, kOtherSchool));
  checker_ = std::make_unique<access::AccessClient>(
      access_->channel(), access::MintingTokenSource(TestJwtConfig(), "sectioning"),
      &access_->redis(), access_->cache_options());
  std::vector<InProcessServer::ServiceToServe> services;

  // ---- Trials and jobs (SectioningService). Job streams get a per-test prefix.
  trial_repository_ = std::make_unique<PgTrialRepository>(*pool_);
  job_store_ = std::make_unique<jobs::JobStore>(*pool_);
  job_queue_ = std::make_unique<jobs::JobQueue>(
      access_->redis(), jobs::JobQueueOptions{.stream_prefix = schema_ + ":jobs"});
  job_board_ = std::make_unique<RedisJobBoard>(*job_store_, *job_queue_, access_->redis());
  trials_ = std::make_unique<Trials>(*trial_repository_, catalog_, schools_, *checker_);
  trial_jobs_ =
      std::make_unique<TrialJobs>(*trial_repository_, *job_board_, catalog_, schools_, *checker_);
  trials_handler_ = std::make_unique<SectioningHandler>(*trials_, *trial_jobs_, TestJwtVerifier());
  services.push_back({trials_handler_.get(), "secsched.sectioning.v1.SectioningService"});

  // ---- Sections (SectionService): validated against the static catalog.
  section_repository_ = std::make_unique<PgSectionRepository>(*pool_);
  sections_ = std::make_unique<Sections>(*section_repository_, catalog_, master_rules_,
                                         student_teams_, schools_, *checker_);
  sections_handler_ = std::make_unique<SectionHandler>(*sections_, TestJwtVerifier());
  services.push_back({sections_handler_.get(), "secsched.sectioning.v1.SectionService"});

  // ---- Grading windows (GradingWindowService): the catalog's terms and teachers are catalog_'s.
  grading_repository_ = std::make_unique<PgGradingRepository>(*pool_);
  grading_windows_ =
      std::make_unique<GradingWindows>(*grading_repository_, catalog_, schools_, *checker_);
  grading_handler_ = std::make_unique<GradingHandler>(*grading_windows_, TestJwtVerifier());
  services.push_back({grading_handler_.get(), "secsched.sectioning.v1.GradingWindowService"});

  // ---- Schedule reports (ScheduleReportService).
  report_repository_ = std::make_unique<PgScheduleReports>(*pool_);
  reports_ = std::make_unique<ScheduleReports>(*report_repository_, schools_, *checker_);
  reports_handler_ = std::make_unique<ScheduleReportHandler>(*reports_, TestJwtVerifier());
  services.push_back({reports_handler_.get(), "secsched.sectioning.v1.ScheduleReportService"});

  // ---- Rosters and walk-ins (RosterService).
  roster_repository_ = std::make_unique<PgRosterRepository>(*pool_);
  rosters_ = std::make_unique<Rosters>(*roster_repository_, students_, course_rules_, catalog_,
                                       schools_, *checker_);
  rosters_handler_ = std::make_unique<RosterHandler>(*rosters_, TestJwtVerifier());
  services.push_back({rosters_handler_.get(), "secsched.sectioning.v1.RosterService"});

  // ---- Exports (ScheduleExportService): the static catalog and roster students.
  oneroster_repository_ = std::make_unique<PgOneRosterRepository>(*pool_);
  oneroster_ = std::make_unique<OneRosterExport>(*oneroster_repository_, catalog_, roster_students_,
                                                 schools_, *checker_);
  export_handler_ = std::make_unique<ExportHandler>(*oneroster_, TestJwtVerifier());
  services.push_back({export_handler_.get(), "secsched.sectioning.v1.ScheduleExportService"});

  server_ = std::make_unique<InProcessServer>(std::move(services));
  trials_stub_ = v1::SectioningService::NewStub(server_->channel());
  grading_stub_ = v1::GradingWindowService::NewStub(server_->channel());
  reports_stub_ = v1::ScheduleReportService::NewStub(server_->channel());
  rosters_stub_ = v1::RosterService::NewStub(server_->channel());
  sections_stub_ = v1::SectionService::NewStub(server_->channel());
  exports_stub_ = v1::ScheduleExportService::NewStub(server_->channel());
}

SectioningEnv::~SectioningEnv() {
  server_.reset();  // stop serving before the handlers go away
}

std::unique_ptr<grpc::ClientContext> SectioningEnv::As(const std::string& subject,
                                                       const std::vector<std::string>& scopes) {
  return access::testing::AccessEnv::As(subject, scopes);
}

}  // namespace secsched::sectioning::testing
