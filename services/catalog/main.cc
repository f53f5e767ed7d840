// secsched-catalog: calendars, courses, teachers and rooms. `migrate` or `serve`.
#include "common/access/access_client.h"
#include "common/pg/request_ids.h"
#include "common/service/service_main.h"
#include "services/catalog/api/catalog_handler.h"
#include "services/catalog/api/course_handler.h"
#include "services/catalog/api/report_handler.h"
#include "services/catalog/api/resource_handler.h"
#include "services/catalog/catalog_settings.h"
#include "services/catalog/migrations/embedded_migrations.h"
#include "services/catalog/storage/pg_calendar_repository.h"
#include "services/catalog/storage/pg_course_repository.h"
#include "services/catalog/storage/pg_report_repository.h"
#include "services/catalog/storage/pg_resource_repository.h"
#include "services/catalog/storage/pg_school_repository.h"

namespace secsched::catalog {
namespace {

// Each catalog gRPC service adds its layers here: construct them from `r`, `checker` and
// `calendar_schools`, keep_alive what the handler references, and add the handler to `out`.
absl::StatusOr<ServiceHandlers> Build(ServiceResources& r) {
  auto checker_or = access::AccessClientFromConfig(r.config, r.verifier, r.redis, "catalog");
  if (!checker_or.ok()) return checker_or.status();
  std::shared_ptr<access::AccessClient> checker = *std::move(checker_or);
  ServiceHandlers out;
  out.keep_alive.push_back(checker);
  auto keep = [&out](auto object) {
    out.keep_alive.push_back(object);
    return object;
  };

  // CatalogService: schools, calendars, setup, roll-over, submission.
  auto calendar_repository = keep(std::make_shared<PgCalendarRepository>(r.pool));
  auto calendar_schools = keep(std::make_shared<RepositoryCalendarSchools>(*calendar_repository));
  auto school_repository = keep(std::make_shared<PgSchoolRepository>(r.pool));
  auto schools = keep(std::make_shared<Schools>(*school_repository));
  auto calendars = keep(std::make_shared<Calendars>(*calendar_repository, *checker,
                                                    SubmissionMinimumsFromConfig(r.config)));
  auto setups = keep(std::make_shared<CalendarSetups>(*calendar_repository, *checker));
  out.services.push_back(
      {std::make_shared<CatalogHandler>(
           CatalogDomain{.schools = *schools, .calendars = *calendars, .setups = *setups},
           r.verifier),
       "secsched.catalog.v1.CatalogService"});

  // CourseService: course masters, a calendar's courses, mass set, CSV.
  auto course_repository = keep(std::make_shared<PgCourseRepository>(r.pool));
  auto courses =
      keep(std::make_shared<Courses>(*course_repository, *calendar_repository, *checker));
  auto masters = keep(std::make_shared<CourseMasters>(*course_repository, *calendar_repository));
  out.services.push_back({std::make_shared<CourseHandler>(*courses, *masters, r.verifier),
                          "secsched.catalog.v1.CourseService"});

  // ResourceService (teachers, rooms, CSV) and ReportService (ad hoc reports).
  auto resource_repository = keep(std::make_shared<PgResourceRepository>(r.pool));
  auto resources =
      keep(std::make_shared<Resources>(*calendar_schools, *resource_repository, *checker));
  out.services.push_back({std::make_shared<ResourceHandler>(*resources, r.verifier),
                          "secsched.catalog.v1.ResourceService"});
  auto report_repository = keep(std::make_shared<PgReportRepository>(r.pool));
  auto reports = keep(std::make_shared<Reports>(*calendar_schools, *report_repository, *checker));
  out.services.push_back(
      {std::make_shared<ReportHandler>(*reports, r.verifier), "secsched.catalog.v1.ReportService"});

  return out;
}

std::vector<Setting> Settings() {
  std::vector<Setting> settings = access::AccessClientSettings();
  for (Setting& s : CatalogSettings()) settings.push_back(std::move(s));
  return settings;
}

}  // namespace
}  // namespace secsched::catalog

int main(int argc, char** argv) {
  std::vector<secsched::pg::MigrationFile> migrations = secsched::catalog::migrations::Migrations();
  // 001..099 are the service's own; 100 would be the jobs table (unused here).
  migrations.push_back(secsched::pg::RequestIdsTableMigration(101));
  return secsched::RunServiceMain(argc, argv,
                                  {.name = "catalog",
                                   .migrations = std::move(migrations),
                                   .build = secsched::catalog::Build,
                                   .uses_redis = true,
                                   .extra_settings = secsched::catalog::Settings()});
}
