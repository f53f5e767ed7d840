// The one main() every service binary runs: `<binary> migrate` applies the service's embedded
// migrations to its schema, `<binary> serve` starts the gRPC server (health, reflection, /metrics,
// SIGTERM drain). A service's main.cc only describes itself:
//
//   int main(int argc, char** argv) {
//     return secsched::RunServiceMain(argc, argv, {
//         .name = "catalog",
//         .migrations = secsched::catalog::migrations::Migrations(),
//         .build = [](secsched::ServiceResources& r) -> absl::StatusOr<secsched::ServiceHandlers> {
//           ...construct repositories → domain → handlers from r.pool, r.verifier...
//         }});
//   }
#pragma once

#include <any>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/jwt.h"
#include "common/config/config.h"
#include "common/pg/migrations.h"
#include "common/pg/pool.h"

namespace grpc {
class Service;
}
namespace secsched::redis {
class RedisConnections;
struct RedisOptions;
}  // namespace secsched::redis

namespace secsched {

class ServerRunner;

// What `build` gets to construct a service's layers. Everything outlives the handlers.
struct ServiceResources {
  const Config& config;
  pg::PgPool& pool;
  const auth::JwtVerifier& verifier;
  ServerRunner& runner;            // for registering service metrics (runner.registry())
  redis::RedisConnections* redis;  // null unless the service declared uses_redis
};

struct ServiceHandlers {
  // gRPC services with their health names ("secsched.catalog.v1.CatalogService").
  std::vector<std::pair<std::shared_ptr<grpc::Service>, std::string>> services;
  // Anything else that must live as long as the server (repositories, domain objects).
  std::vector<std::shared_ptr<void>> keep_alive;
};

struct ServiceDefinition {
  std::string name;  // "catalog": the PostgreSQL schema, the logger name, the binary's purpose
  std::vector<pg::MigrationFile> migrations;
  std::function<absl::StatusOr<ServiceHandlers>(ServiceResources&)> build;
  bool uses_redis = false;
  // Health names of the gRPC services whose calls cannot be answered without Redis (a job
  // queue): their health is NOT_SERVING while Redis is unreachable (common/service/readiness.h).
  // A service that uses Redis only as a cache is not listed: it answers correctly without it.
  std::vector<std::string> redis_services;
  std::vector<Setting> extra_settings;  // service-specific settings
};

// Settings shared by every server binary (listen, metrics, PostgreSQL, Redis, JWT, logging).
std::vector<Setting> StandardServiceSettings();

// Settings of services whose schema has the request_ids table (idempotent creates): the claims'
// retention and how often expired ones are purged. Added by RunServiceMain for those services.
std::vector<Setting> RequestIdSettings();

// The named settings out of `settings`, in the order given (for binaries that need only some of
// the standard ones, like the worker).
std::vector<Setting> SelectSettings(const std::vector<Setting>& settings,
                                    const std::vector<std::string>& flags);

// Redis from --redis-url, with --redis-username / --redis-password (a Secret) taking the place
// of the URL's credentials when set. A binary that selects its settings (SelectSettings) needs
// "redis-url", "redis-username" and "redis-password".
absl::StatusOr<redis::RedisOptions> RedisOptionsFromConfig(const Config& config);

// Loads the verifier from --jwt-algorithm / --jwt-key / --jwt-key-file.
absl::StatusOr<auth::JwtVerifier> VerifierFromConfig(const Config& config);

// Parses argv for `migrate` / `serve` / `--help`, loads and validates config (fatal on error),
// sets up logging, and runs the subcommand. Returns the process exit code.
int RunServiceMain(int argc, char** argv, ServiceDefinition definition);

// `url` with the session's search_path set to `schema` (libpq `options=-csearch_path=...`), so a
// service's unqualified SQL (and common/jobs' `jobs` table) lands in its own schema.
std::string UrlWithSearchPath(std::string_view url, std::string_view schema);

// Shared by `migrate` and by tests that need a migrated schema.
absl::Status MigrateSchema(pg::PgPool& pool, const std::string& schema,
                           const std::vector<pg::MigrationFile>& migrations);

}  // namespace secsched
