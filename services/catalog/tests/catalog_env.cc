#include "services/catalog/tests/catalog_env.h"

#include <stdexcept>

#include "common/grpc/client.h"
#include "common/pg/request_ids.h"
#include "common/service/service_main.h"
#include "common/testing/servers.h"
#include "services/catalog/migrations/embedded_migrations.h"

namespace secsched::catalog::testing {

CatalogEnv::CatalogEnv(CatalogEnvOptions options) : options_(options) {
  access_env_ = std::make_unique<access::testing::AccessEnv>();
  checker_ = std::make_unique<access::AccessClient>(
      access_env_->channel(), access::MintingTokenSource(TestJwtConfig(), "catalog"),
      &access_env_->redis(), access_env_->cache_options());

  const std::string schema = "catalog";
  auto pool =
      pg::PgPool::Create({.url = UrlWithSearchPath(secsched::testing::FreshDatabaseUrl(), schema),
                          .size = options_.pool_size});
  if (!pool.ok()) throw std::runtime_error(pool.status().ToString());
  pool_ = *std::move(pool);
  std::vector<pg::MigrationFile> migrations = migrations::Migrations();
  migrations.push_back(pg::RequestIdsTableMigration(101));
  if (absl::Status s = MigrateSchema(*pool_, schema, migrations); !s.ok()) {
    throw std::runtime_error(s.ToString());
  }

  // Calendars and schools.
  calendar_repository_ = std::make_unique<PgCalendarRepository>(*pool_);
  school_repository_ = std::make_unique<PgSchoolRepository>(*pool_);
  calendar_schools_ = std::make_unique<RepositoryCalendarSchools>(*calendar_repository_);
  schools_ = std::make_unique<Schools>(*school_repository_);
  calendars_ = std::make_unique<Calendars>(*calendar_repository_, *checker_, options_.minimums);
  setups_ = std::make_unique<CalendarSetups>(*calendar_repository_, *checker_);
  catalog_handler_ = std::make_unique<CatalogHandler>(
      CatalogDomain{.schools = *schools_, .calendars = *calendars_, .setups = *setups_},
      TestJwtVerifier());
  std::vector<InProcessServer::ServiceToServe> served = {
      {catalog_handler_.get(), "secsched.catalog.v1.CatalogService"}};

  // Courses and course masters.
  course_repository_ = std::make_unique<PgCourseRepository>(*pool_);
  courses_ = std::make_unique<Courses>(*course_repository_, *calendar_repository_, *checker_);
  course_masters_ = std::make_unique<CourseMasters>(*course_repository_, *calendar_repository_);
  course_handler_ = std::make_unique<CourseHandler>(*courses_, *course_masters_, TestJwtVerifier());
  served.push_back({course_handler_.get(), "secsched.catalog.v1.CourseService"});

  // Teachers, rooms and ad hoc reports.
  resource_repository_ = std::make_unique<PgResourceRepository>(*pool_);
  resources_ = std::make_unique<Resources>(*calendar_schools_, *resource_repository_, *checker_);
  resource_handler_ = std::make_unique<ResourceHandler>(*resources_, TestJwtVerifier());
  served.push_back({resource_handler_.get(), "secsched.catalog.v1.ResourceService"});
  report_repository_ = std::make_unique<PgReportRepository>(*pool_);
  reports_ = std::make_unique<Reports>(*calendar_schools_, *report_repository_, *checker_);
  report_handler_ = std::make_unique<ReportHandler>(*reports_, TestJwtVerifier());
  served.push_back({report_handler_.get(), "secsched.catalog.v1.ReportService"});

  server_ = std::make_unique<InProcessServer>(std::move(served));
  catalog_stub_ = v1::CatalogService::NewStub(server_->channel());
  course_stub_ = v1::CourseService::NewStub(server_->channel());
  resource_stub_ = v1::ResourceService::NewStub(server_->channel());
  report_stub_ = v1::ReportService::NewStub(server_->channel());
}

CatalogEnv::~CatalogEnv() {
  server_.reset();  // stop serving before the handlers and what they use go away
}

std::unique_ptr<grpc::ClientContext> As(const std::string& subject,
                                        const std::vector<std::string>& scopes) {
  return access::testing::AccessEnv::As(subject, scopes);
}

}  // namespace secsched::catalog::testing
