// secsched-requests: students, course requests, rules and request analysis. `migrate` or `serve`.
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
        auto repository = std::make_shared<requests::PgStudentRepository>(r.pool);
        auto students = std::make_shared<requests::Students>(*repository);
        auto handler = std::make_shared<requests::RequestsHandler>(*students, r.verifier);
        return ServiceHandlers{.services = {{handler, "secsched.requests.v1.RequestsService"}},
                               .keep_alive = {repository, students}};
      }});
}
