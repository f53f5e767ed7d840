// secsched-catalog: calendars, courses, teachers and rooms. `migrate` or `serve`.
#include "common/access/access_client.h"
#include "common/service/service_main.h"
#include "services/catalog/api/catalog_handler.h"
#include "services/catalog/migrations/embedded_migrations.h"
#include "services/catalog/storage/pg_calendar_repository.h"

int main(int argc, char** argv) {
  using namespace secsched;
  return RunServiceMain(argc, argv, {
      .name = "catalog",
      .migrations = catalog::migrations::Migrations(),
      .build = [](ServiceResources& r) -> absl::StatusOr<ServiceHandlers> {
        auto checker = access::AccessClientFromConfig(r.config, r.verifier, r.redis, "catalog");
        if (!checker.ok()) return checker.status();
        std::shared_ptr<access::AccessClient> access_client = *std::move(checker);
        auto repository = std::make_shared<catalog::PgCalendarRepository>(r.pool);
        auto calendars = std::make_shared<catalog::Calendars>(*repository, *access_client);
        auto handler = std::make_shared<catalog::CatalogHandler>(*calendars, r.verifier);
        return ServiceHandlers{.services = {{handler, "secsched.catalog.v1.CatalogService"}},
                               .keep_alive = {access_client, repository, calendars}};
      },
      .uses_redis = true,
      .extra_settings = access::AccessClientSettings()});
}
