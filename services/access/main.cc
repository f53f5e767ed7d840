// secsched-access: who may schedule (staff, roles, certifications, approvals, grants).
#include "common/service/service_main.h"
#include "services/access/api/access_handler.h"
#include "services/access/migrations/embedded_migrations.h"
#include "services/access/storage/pg_staff_repository.h"

int main(int argc, char** argv) {
  using namespace secsched;
  return RunServiceMain(argc, argv, {
      .name = "access",
      .migrations = access::migrations::Migrations(),
      .build = [](ServiceResources& r) -> absl::StatusOr<ServiceHandlers> {
        auto repository = std::make_shared<access::PgStaffRepository>(r.pool);
        auto staff = std::make_shared<access::StaffDirectory>(*repository);
        auto handler = std::make_shared<access::AccessHandler>(*staff, r.verifier);
        return ServiceHandlers{.services = {{handler, "secsched.access.v1.AccessService"}},
                               .keep_alive = {repository, staff}};
      }});
}
