// secsched-requests: students, course requests, rules and request analysis. `migrate` or `serve`.
#include "common/access/catalog_calendar_schools.h"
#include "common/catalog/grpc_catalog_reader.h"
#include "common/grpc/client.h"
#include "common/pg/request_ids.h"
#include "common/service/service_main.h"
#include "services/requests/api/planning_handler.h"
#include "services/requests/api/requests_handler.h"
#include "services/requests/migrations/embedded_migrations.h"
#include "services/requests/storage/pg_constraint_repository.h"
#include "services/requests/storage/pg_planning_repository.h"
#include "services/requests/storage/pg_request_repository.h"
#include "services/requests/storage/pg_student_repository.h"
#include "services/requests/storage/pg_team_repository.h"

int main(int argc, char** argv) {
  using namespace secsched;
  std::vector<pg::MigrationFile> migrations = requests::migrations::Migrations();
  // 001..099 are the service's own; 100 would be the jobs table (unused here).
  migrations.push_back(pg::RequestIdsTableMigration(101));
  return RunServiceMain(
      argc, argv,
      {.name = "requests",
       .migrations = std::move(migrations),
       .build = [](ServiceResources& r) -> absl::StatusOr<ServiceHandlers> {
         auto checker = access::AccessClientFromConfig(r.config, r.verifier, r.redis, "requests");
         if (!checker.ok()) return checker.status();
         auto lookup = access::CalendarSchoolsFromConfig(r.config, r.verifier, "requests");
         if (!lookup.ok()) return lookup.status();
         auto catalog_token = access::ServiceTokenFromConfig(r.config, r.verifier, "requests");
         if (!catalog_token.ok()) return catalog_token.status();
         std::shared_ptr<access::AccessClient> access_client = *std::move(checker);
         std::shared_ptr<access::CatalogCalendarSchools> schools = *std::move(lookup);
         // Courses and teachers from the catalog service (SECSCHED_CATALOG_ADDR), cached per
         // calendar for 5 s (grpc_catalog_reader.h).
         auto catalog = std::make_shared<catalog::GrpcCatalogReader>(
             MakeChannel(r.config.Get("catalog-address")), *std::move(catalog_token));
         auto student_repository = std::make_shared<requests::PgStudentRepository>(r.pool);
         auto team_repository = std::make_shared<requests::PgTeamRepository>(r.pool);
         auto request_repository = std::make_shared<requests::PgRequestRepository>(r.pool);
         auto constraint_repository = std::make_shared<requests::PgConstraintRepository>(r.pool);
         auto students =
             std::make_shared<requests::Students>(*student_repository, *schools, *access_client);
         auto teams = std::make_shared<requests::Teams>(*team_repository, *schools, *access_client);
         auto course_requests = std::make_shared<requests::CourseRequests>(
             *request_repository, *catalog, *schools, *access_client);
         auto bulk = std::make_shared<requests::BulkRequests>(*request_repository, *catalog,
                                                              *schools, *access_client);
         auto constraints = std::make_shared<requests::StudentConstraints>(
             *constraint_repository, *catalog, *schools, *access_client);
         auto handler = std::make_shared<requests::RequestsHandler>(
             requests::RequestsDomain{.students = *students,
                                      .teams = *teams,
                                      .requests = *course_requests,
                                      .bulk = *bulk,
                                      .constraints = *constraints},
             r.verifier);
         // Request planning: course rules, auto-load, verification, tally, conflict matrix.
         auto planning_repository = std::make_shared<requests::PgPlanningRepository>(r.pool);
         auto planning = std::make_shared<requests::RequestPlanning>(
             *planning_repository, *request_repository, *catalog, *schools, *access_client);
         auto planning_handler = std::make_shared<requests::PlanningHandler>(*planning, r.verifier);
         return ServiceHandlers{
             .services = {{handler, "secsched.requests.v1.RequestsService"},
                          {planning_handler, "secsched.requests.v1.RequestPlanningService"}},
             .keep_alive = {access_client, schools, catalog, student_repository, team_repository,
                            request_repository, constraint_repository, students, teams,
                            course_requests, bulk, constraints, planning_repository, planning}};
       },
       .uses_redis = true,
       .extra_settings = access::CrossServiceSettings()});
}
