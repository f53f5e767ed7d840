#include "common/service/service_main.h"

#include <grpcpp/grpcpp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>
#include <utility>

#include "common/grpc/call.h"
#include "common/grpc/server_runner.h"
#include "common/log/log.h"
#include "common/pg/request_ids.h"
#include "common/redis/redis_client.h"
#include "common/redis/redis_connections.h"
#include "common/redis/redis_options.h"
#include "common/service/readiness.h"
#include "common/status/strings.h"
#include "common/version/build_info.h"

namespace secsched {
namespace {

constexpr char kUsage[] =
    "Subcommands:\n"
    "  migrate   apply this service's database migrations, then exit\n"
    "  migrate --status  list applied and pending migrations; exit 0 up to date, 3 behind\n"
    "  serve     run the gRPC server until SIGTERM/SIGINT\n"
    "  --version print the version (git describe) and build type, then exit\n";

std::optional<std::string> ReadableFile(std::string_view path) {
  if (path.empty()) return std::nullopt;
  std::ifstream in{std::string(path)};
  if (!in) return "cannot be read";
  return std::nullopt;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError("cannot read " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

int Migrate(const ServiceDefinition& definition, pg::PgPool& pool) {
  absl::Status status = MigrateSchema(pool, definition.name, definition.migrations);
  if (!status.ok()) {
    spdlog::error("migration of schema {} failed: {}", definition.name, ToStd(status.message()));
    return 1;
  }
  return 0;
}

int MigrateStatus(const ServiceDefinition& definition, pg::PgPool& pool) {
  absl::StatusOr<pg::SchemaStatus> status =
      pg::ReadSchemaStatus(pool, definition.name, definition.migrations);
  if (!status.ok()) {
    spdlog::error("cannot read schema {}: {}", definition.name, ToStd(status.status().message()));
    return 1;
  }
  std::cout << "schema " << definition.name << ": " << status->applied << " applied, "
            << status->pending.size() << " pending\n";
  for (const std::string& name : status->pending) std::cout << "pending  " << name << "\n";
  for (const std::string& name : status->changed) std::cout << "CHANGED  " << name << "\n";
  for (const std::string& name : status->unknown) {
    std::cout << "ahead    " << name << " (applied by a newer release)\n";
  }
  return status->up_to_date() ? 0 : 3;
}

// True when the schema is current (or ahead); logs what is wrong otherwise.
bool SchemaIsCurrent(const ServiceDefinition& definition, pg::PgPool& pool) {
  absl::StatusOr<pg::SchemaStatus> status =
      pg::ReadSchemaStatus(pool, definition.name, definition.migrations);
  if (!status.ok()) {
    spdlog::error("cannot read schema {} ({}); health stays NOT_SERVING until it can be read",
                  definition.name, ToStd(status.status().message()));
    return false;
  }
  if (!status->unknown.empty()) {
    spdlog::warn(
        "schema {} is ahead of this binary ({} migration(s) it does not know, e.g. {}): "
        "serving, as after a rollback",
        definition.name, status->unknown.size(), status->unknown.front());
  }
  if (!status->changed.empty()) {
    spdlog::error(
        "schema {}: migration {} was changed after it was applied; health stays "
        "NOT_SERVING (fix the release, then run `migrate`)",
        definition.name, status->changed.front());
    return false;
  }
  if (!status->pending.empty()) {
    spdlog::error(
        "schema {} is behind: {} migration(s) not applied (first {}); health stays "
        "NOT_SERVING until `{} migrate` has run",
        definition.name, status->pending.size(), status->pending.front(),
        "secsched-" + definition.name);
    return false;
  }
  return true;
}

// The first schema check logs what is wrong in detail (SchemaIsCurrent); later ones only
// re-read the ledger, and the watch logs the change when the schema becomes current.
ReadinessChecks ReadinessChecksFor(const ServiceDefinition& definition, pg::PgPool& pool,
                                   const std::optional<redis::RedisOptions>& redis_options) {
  ReadinessChecks checks;
  checks.schema = [&definition, &pool, first = true]() mutable -> absl::Status {
    if (std::exchange(first, false)) {
      return SchemaIsCurrent(definition, pool)
                 ? absl::OkStatus()
                 : absl::FailedPreconditionError("not current (see the log at start)");
    }
    absl::StatusOr<pg::SchemaStatus> status =
        pg::ReadSchemaStatus(pool, definition.name, definition.migrations);
    if (!status.ok()) return status.status();
    if (!status->pending.empty() || !status->changed.empty()) {
      return absl::FailedPreconditionError("migrations pending or changed");
    }
    return absl::OkStatus();
  };
  checks.postgres = PostgresPing(pool.url());
  if (redis_options && !definition.redis_services.empty()) {
    checks.redis = [options = *redis_options,
                    client = std::shared_ptr<redis::RedisClient>()]() mutable -> absl::Status {
      if (client == nullptr) {
        absl::StatusOr<std::unique_ptr<redis::RedisClient>> connected =
            redis::RedisClient::Connect(options);
        if (!connected.ok()) return connected.status();
        client = *std::move(connected);
      }
      absl::StatusOr<redis::RedisReply> pong = client->Command({"PING"});
      if (!pong.ok()) client.reset();
      return pong.status();
    };
  }
  return checks;
}

int Serve(const ServiceDefinition& definition, const Config& config, pg::PgPool& pool) {
  absl::StatusOr<auth::JwtVerifier> verifier = VerifierFromConfig(config);
  if (!verifier.ok()) ExitOnConfigError(definition.name, verifier.status());

  std::unique_ptr<redis::RedisConnections> redis;
  std::optional<redis::RedisOptions> redis_options;
  if (definition.uses_redis) {
    absl::StatusOr<redis::RedisOptions> options = RedisOptionsFromConfig(config);
    if (!options.ok()) ExitOnConfigError(definition.name, options.status());
    // Refused credentials will not fix themselves: fail the start (the pod shows the reason)
    // rather than serve and answer UNAVAILABLE. An unreachable Redis may still come up.
    absl::StatusOr<std::unique_ptr<redis::RedisClient>> probe =
        redis::RedisClient::Connect(*options);
    if (!probe.ok()) {
      const std::optional<std::string> code = redis::RedisErrorCode(probe.status());
      if (code == "WRONGPASS" || code == "NOAUTH") {
        ExitOnConfigError(definition.name, probe.status());
      }
      spdlog::warn("Redis is not reachable yet ({}); calls that need it answer UNAVAILABLE",
                   ToStd(probe.status().message()));
    }
    redis = std::make_unique<redis::RedisConnections>(*options);
    redis_options = *options;
  }

  ServerRunner runner(
      {.listen_address = config.Get("listen"),
       .metrics_address = config.Get("metrics-listen"),
       .not_serving_grace = config.GetDuration("not-serving-grace"),
       .drain_timeout = config.GetDuration("drain-timeout"),
       // ReadinessWatch (below) decides once the server is up.
       .start_not_serving = true,
       .max_receive_message_bytes = config.GetInt("max-receive-message-mib") << 20});
  ServiceResources resources{config, pool, *verifier, runner, redis.get()};
  absl::StatusOr<ServiceHandlers> handlers = definition.build(resources);
  if (!handlers.ok()) {
    spdlog::error("cannot start {}: {}", definition.name, ToStd(handlers.status().message()));
    return 1;
  }
  for (auto& [service, health_name] : handlers->services) {
    runner.AddService(service.get(), health_name);
  }
  if (absl::Status started = runner.Start(); !started.ok()) {
    spdlog::error("cannot start {}: {}", definition.name, ToStd(started.message()));
    return 1;
  }
  spdlog::info("{} serving gRPC on port {}, metrics on port {}", definition.name, runner.port(),
               runner.metrics_port());
  // Claims of idempotent creates are kept for a retention period, then purged (request_ids.h).
  std::unique_ptr<pg::RequestIdPurger> purger;
  if (pg::HasRequestIdsTable(definition.migrations)) {
    purger = std::make_unique<pg::RequestIdPurger>(pool, config.GetDuration("request-id-retention"),
                                                   config.GetDuration("request-id-purge-interval"));
  }
  ReadinessWatch readiness(
      ReadinessChecksFor(definition, pool, redis_options),
      {.set_all = [&](bool serving) { runner.SetAllServing(serving); },
       .set_one = [&](const std::string& name, bool serving) { runner.SetServing(name, serving); },
       .redis_services = definition.redis_services},
      config.GetDuration("readiness-check-interval"), config.GetDuration("schema-check-interval"));
  runner.RunUntilSignal();
  purger.reset();
  spdlog::info("{} stopped", definition.name);
  return 0;
}

}  // namespace

std::vector<Setting> RequestIdSettings() {
  return {
      {.flag = "request-id-retention",
       .env = "SECSCHED_REQUEST_ID_RETENTION",
       .default_value = "168h",
       .help = "how long a create's request_id claim is kept (a retry within it gets the first "
               "result, a different body under it is refused); older claims are purged",
       .validate = Duration()},
      {.flag = "request-id-purge-interval",
       .env = "SECSCHED_REQUEST_ID_PURGE_INTERVAL",
       .default_value = "1h",
       .help = "how often expired request_id claims are purged",
       .validate = Duration()},
  };
}

std::vector<Setting> StandardServiceSettings() {
  return {
      {.flag = "listen",
       .env = "SECSCHED_LISTEN",
       .default_value = "0.0.0.0:50051",
       .help = "gRPC listen address host:port (port 0 picks a free port)",
       .validate = HostPort()},
      {.flag = "metrics-listen",
       .env = "SECSCHED_METRICS_LISTEN",
       .default_value = "0.0.0.0:9464",
       .help = "Prometheus /metrics address host:port; empty disables it",
       .validate = HostPort()},
      {.flag = "pg-url",
       .env = "SECSCHED_PG_URL",
       .required = true,
       .help = "PostgreSQL connection URL (libpq form)",
       .validate = NonEmpty(),
       .secret = true},
      {.flag = "pg-pool-size",
       .env = "SECSCHED_PG_POOL_SIZE",
       .default_value = "8",
       .help = "PostgreSQL connections in the pool",
       .validate = IntInRange(1, 256)},
      {.flag = "redis-url",
       .env = "SECSCHED_REDIS_URL",
       .default_value = "redis://127.0.0.1:6379",
       .help = "Redis URL redis://[user:password@]host:port[/db] or host:port (no TLS: see "
               "docs/deploy-kubernetes.md)",
       .validate = NonEmpty(),
       .secret = true},
      {.flag = "redis-username",
       .env = "SECSCHED_REDIS_USERNAME",
       .default_value = "",
       .help = "Redis ACL user (needs --redis-password); overrides the URL's user"},
      {.flag = "redis-password",
       .env = "SECSCHED_REDIS_PASSWORD",
       .default_value = "",
       .help = "Redis password (AUTH); overrides the URL's password",
       .secret = true},
      {.flag = "jwt-algorithm",
       .env = "SECSCHED_JWT_ALGORITHM",
       .default_value = "HS256",
       .help = "bearer token algorithm: HS256 (shared secret) or RS256 (public key)",
       .validate = OneOf({"HS256", "RS256"})},
      {.flag = "jwt-key",
       .env = "SECSCHED_JWT_KEY",
       .default_value = "",
       .help = "HS256 secret (>= 32 bytes) or RS256 public key PEM",
       .secret = true},
      {.flag = "jwt-key-file",
       .env = "SECSCHED_JWT_KEY_FILE",
       .default_value = "",
       .help = "file holding the key instead of --jwt-key (a mounted Kubernetes secret)",
       .validate = ReadableFile},
      {.flag = "jwt-issuer",
       .env = "SECSCHED_JWT_ISSUER",
       .default_value = "",
       .help = "required `iss` claim, when set"},
      {.flag = "jwt-audience",
       .env = "SECSCHED_JWT_AUDIENCE",
       .default_value = "",
       .help = "required `aud` claim, when set"},
      {.flag = "log-format",
       .env = "SECSCHED_LOG_FORMAT",
       .default_value = "human",
       .help = "human or json (one JSON object per line)",
       .validate = OneOf({"human", "json"})},
      {.flag = "log-level",
       .env = "SECSCHED_LOG_LEVEL",
       .default_value = "info",
       .help = "trace, debug, info, warn, error",
       .validate = OneOf({"trace", "debug", "info", "warn", "error"})},
      {.flag = "log-call-sample-rate",
       .env = "SECSCHED_LOG_CALL_SAMPLE_RATE",
       .default_value = "1.0",
       .help = "share of successful calls logged with their one info line (failures always are)",
       .validate = DoubleInRange(0.0, 1.0)},
      {.flag = "max-receive-message-mib",
       .env = "SECSCHED_MAX_RECEIVE_MESSAGE_MIB",
       .default_value = "32",
       .help = "largest request accepted, in MiB (bounds CSV imports; gRPC's default is 4)",
       .validate = IntInRange(1, 1024)},
      {.flag = "schema-check-interval",
       .env = "SECSCHED_SCHEMA_CHECK_INTERVAL",
       .default_value = "10s",
       .help = "while the database schema is behind (health NOT_SERVING), how often to re-check",
       .validate = Duration()},
      {.flag = "readiness-check-interval",
       .env = "SECSCHED_READINESS_CHECK_INTERVAL",
       .default_value = "1s",
       .help = "how often health re-checks PostgreSQL (and Redis, for services whose calls need "
               "it); NOT_SERVING while one does not answer",
       .validate = Duration()},
      {.flag = "not-serving-grace",
       .env = "SECSCHED_NOT_SERVING_GRACE",
       .default_value = "0s",
       .help = "time between health NOT_SERVING and refusing calls on SIGTERM (k8s: ~5s)",
       .validate = Duration()},
      {.flag = "drain-timeout",
       .env = "SECSCHED_DRAIN_TIMEOUT",
       .default_value = "10s",
       .help = "time in-flight calls get to finish on SIGTERM",
       .validate = Duration()},
  };
}

absl::StatusOr<redis::RedisOptions> RedisOptionsFromConfig(const Config& config) {
  absl::StatusOr<redis::RedisOptions> options =
      redis::RedisOptions::FromUrl(config.Get("redis-url"));
  if (!options.ok()) return options.status();
  if (!config.Get("redis-password").empty()) {
    options->password = config.Get("redis-password");
    options->username = config.Get("redis-username");
  } else if (!config.Get("redis-username").empty()) {
    if (options->password.empty()) {
      return absl::InvalidArgumentError(
          "SECSCHED_REDIS_USERNAME (--redis-username) needs SECSCHED_REDIS_PASSWORD.");
    }
    options->username = config.Get("redis-username");
  }
  return options;
}

std::vector<Setting> SelectSettings(const std::vector<Setting>& settings,
                                    const std::vector<std::string>& flags) {
  std::vector<Setting> selected;
  for (const std::string& flag : flags) {
    for (const Setting& s : settings) {
      if (s.flag == flag) selected.push_back(s);
    }
  }
  return selected;
}

absl::StatusOr<auth::JwtVerifier> VerifierFromConfig(const Config& config) {
  auth::JwtConfig jwt;
  absl::StatusOr<auth::JwtConfig::Algorithm> algorithm =
      auth::ParseAlgorithm(config.Get("jwt-algorithm"));
  if (!algorithm.ok()) return algorithm.status();
  jwt.algorithm = *algorithm;
  jwt.key = config.Get("jwt-key");
  if (!config.Get("jwt-key-file").empty()) {
    absl::StatusOr<std::string> key = ReadFile(config.Get("jwt-key-file"));
    if (!key.ok()) return key.status();
    jwt.key = *key;
  }
  if (jwt.key.empty()) {
    return absl::InvalidArgumentError(
        "SECSCHED_JWT_KEY (--jwt-key) or SECSCHED_JWT_KEY_FILE (--jwt-key-file): one is required");
  }
  jwt.issuer = config.Get("jwt-issuer");
  jwt.audience = config.Get("jwt-audience");
  return auth::JwtVerifier::Create(std::move(jwt));
}

std::string UrlWithSearchPath(std::string_view url, std::string_view schema) {
  // Key/value connection strings ("host=... dbname=...") take a plain option; URLs a query
  // parameter (%3D is '=' inside the options value).
  if (url.find("://") == std::string_view::npos) {
    return std::string(url) + " options=-csearch_path=" + std::string(schema);
  }
  const char separator = url.find('?') == std::string_view::npos ? '?' : '&';
  return std::string(url) + separator + "options=-csearch_path%3D" + std::string(schema);
}

absl::Status MigrateSchema(pg::PgPool& pool, const std::string& schema,
                           const std::vector<pg::MigrationFile>& migrations) {
  absl::StatusOr<pg::MigrationReport> report = pg::ApplyMigrations(pool, schema, migrations);
  if (!report.ok()) return report.status();
  spdlog::info("schema {}: {} migration(s) applied, {} already applied", schema,
               report->applied.size(), report->already_applied);
  return absl::OkStatus();
}

int RunServiceMain(int argc, char** argv, ServiceDefinition definition) {
  BlockShutdownSignals();  // before any thread starts, so SIGTERM reaches the drain thread
  const std::string program = "secsched-" + definition.name;
  std::vector<std::string> args(argv + 1, argv + argc);

  std::vector<Setting> settings = StandardServiceSettings();
  settings.insert(settings.end(), definition.extra_settings.begin(),
                  definition.extra_settings.end());
  if (AsksForVersion(args)) {
    std::cout << VersionLine(program) << "\n";
    return 0;
  }
  if (pg::HasRequestIdsTable(definition.migrations)) {
    std::vector<Setting> purge = RequestIdSettings();
    settings.insert(settings.end(), purge.begin(), purge.end());
  }
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << Config::Usage(program + " migrate|serve", settings) << "\n" << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  if (command != "migrate" && command != "serve") {
    std::cerr << program << ": unknown subcommand \"" << command << "\"\n" << kUsage;
    return 2;
  }
  args.erase(args.begin());
  bool status_only = false;
  if (command == "migrate") {
    auto flag = std::find(args.begin(), args.end(), std::string("--status"));
    if (flag != args.end()) {
      status_only = true;
      args.erase(flag);
    }
  }

  absl::StatusOr<Config> config = Config::Load(settings, args);
  if (!config.ok()) ExitOnConfigError(program, config.status());
  InitLogging(definition.name, *ParseLogFormat(config->Get("log-format")),
              config->Get("log-level"));
  for (const std::string& line : config->Describe()) spdlog::debug("config {}", line);
  SetCallLogSampleRate(config->GetDouble("log-call-sample-rate"));

  absl::StatusOr<std::unique_ptr<pg::PgPool>> pool =
      pg::PgPool::Create({.url = UrlWithSearchPath(config->Get("pg-url"), definition.name),
                          .size = config->GetInt("pg-pool-size")});
  if (!pool.ok()) {
    spdlog::error("cannot reach PostgreSQL: {}", ToStd(pool.status().message()));
    return 1;
  }
  if (command == "migrate") {
    return status_only ? MigrateStatus(definition, **pool) : Migrate(definition, **pool);
  }
  return Serve(definition, *config, **pool);
}

}  // namespace secsched
