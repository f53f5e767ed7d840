// secsched-requests: students, course requests, rules and request analysis. `migrate` or `serve`.
#include "common/access/catalog_calendar_schools.h"
#include "common/service/service_main.h"
#include "services/requests/api/requests_handler.h"
#include "services/requests/migrations/embedded_migrations.h"
#include "services/requests/storage/pg_student_repository.h"

int main(int argc, char** argv) {
  using namespace secsched;
  return RunServiceMain(argc, argv, {
      .name = "requests",
      .migrations = requests::migrations::Migrations(),
      .build = [](ServiceResources& r) -> absl::StatusOr<ServiceHandlers> {
        auto checker = access::AccessClientFromConfig(r.config, r.verifier, r.redis, "requests");
        if (!checker.ok()) return checker.status();
        auto lookup = access::CalendarSchoolsFromConfig(r.config, r.verifier, "requests");
        if (!lookup.ok()) return lookup.status();
        std::shared_ptr<access::AccessClient> access_client = *std::move(checker);
        std::shared_ptr<access::CatalogCalendarSchools> schools = *std::move(lookup);
        auto repository = std::make_shared<requests::PgStudentRepository>(r.pool);
        auto students =
            std::make_shared<requests::Students>(*repository, *schools, *access_client);
        auto handler = std::make_shared<requests::RequestsHandler>(*students, r.verifier);
        return ServiceHandlers{.services = {{handler, "secsched.requests.v1.RequestsService"}},
                               .keep_alive = {access_client, schools, repository, students}};
      },
      .uses_redis = true,
      .extra_settings = access::CrossServiceSettings()});
}
