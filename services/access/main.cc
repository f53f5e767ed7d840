// secsched-access: who may schedule (staff, roles, certifications, approvals, grants).
// `serve` also runs the evaluation-job worker and the sweep timer as threads of the same
// process (no separate worker binary: evaluations are short and touch only this schema).
#include "common/jobs/jobs_migration.h"
#include "common/service/service_main.h"
#include "services/access/access_runtime.h"
#include "services/access/access_settings.h"
#include "services/access/migrations/embedded_migrations.h"

int main(int argc, char** argv) {
  using namespace secsched;
  std::vector<pg::MigrationFile> migrations = access::migrations::Migrations();
  migrations.push_back(jobs::JobsTableMigration(100));  // 001..099 are the service's own
  return RunServiceMain(argc, argv,
                        {.name = "access",
                         .migrations = std::move(migrations),
                         .build = access::BuildAccessService,
                         .uses_redis = true,
                         .extra_settings = access::AccessSettings()});
}
