// secsched-sectioning-worker: runs the sectioning service's queued trial jobs (build sections,
// build the master, load, reload, explain, bound, count). Scale it horizontally: every replica
// joins the same Redis consumer group of the one trial-job stream; a replica that dies leaves its
// job to be reclaimed by another after the visibility timeout. It reads the school through the
// catalog's and the requests service's APIs with a service token, like the sectioning service.
#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/registry.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "common/access/access_client.h"
#include "common/access/catalog_calendar_schools.h"
#include "common/catalog/grpc_catalog_reader.h"
#include "common/grpc/build_info_metric.h"
#include "common/grpc/client.h"
#include "common/jobs/worker_loop.h"
#include "common/log/log.h"
#include "common/redis/redis_options.h"
#include "common/requests/grpc_requests_reader.h"
#include "common/service/service_main.h"
#include "common/status/strings.h"
#include "common/version/build_info.h"
#include "services/sectioning/domain/trial_jobs.h"
#include "services/sectioning/storage/pg_schedule_store.h"
#include "services/sectioning/worker/count_sections_job.h"
#include "services/sectioning/worker/engine_jobs.h"
#include "services/sectioning/worker/read_school.h"

namespace secsched::sectioning {
namespace {

std::vector<Setting> WorkerSettings() {
  std::vector<Setting> settings = SelectSettings(
      StandardServiceSettings(),
      {"pg-url", "pg-pool-size", "redis-url", "redis-username", "redis-password", "log-format",
       "log-level", "jwt-algorithm", "jwt-key", "jwt-key-file", "jwt-issuer", "jwt-audience"});
  for (Setting& s : access::CrossServiceSettings()) settings.push_back(std::move(s));
  for (Setting& s : requests::RequestsClientSettings()) settings.push_back(std::move(s));
  settings.push_back({.flag = "engine-time-limit",
                      .env = "SECSCHED_ENGINE_TIME_LIMIT",
                      .default_value = "20s",
                      .help = "time the engine may spend per build or load step",
                      .validate = Duration()});
  settings.push_back({.flag = "bound-time-limit",
                      .env = "SECSCHED_BOUND_TIME_LIMIT",
                      .default_value = "60s",
                      .help = "time CBC may spend on a BOUND job",
                      .validate = Duration()});
  settings.push_back(
      {.flag = "engine-seed",
       .env = "SECSCHED_ENGINE_SEED",
       .default_value = "1",
       .help = "the engine's random seed (same seed and school: same schedule, unless the time "
               "limit cuts the search short)",
       .validate = IntInRange(1, 1000000000)});
  settings.push_back({.flag = "metrics-listen",
                      .env = "SECSCHED_METRICS_LISTEN",
                      .default_value = "0.0.0.0:9464",
                      .help = "Prometheus /metrics address host:port; empty disables it",
                      .validate = HostPort()});
  settings.push_back({.flag = "consumer",
                      .env = "SECSCHED_WORKER_CONSUMER",
                      .default_value = "",
                      .help = "this replica's consumer name (default: hostname-pid)"});
  settings.push_back({.flag = "visibility-timeout",
                      .env = "SECSCHED_JOB_VISIBILITY_TIMEOUT",
                      .default_value = "30s",
                      .help = "a job unacknowledged this long is reclaimed by another worker",
                      .validate = Duration()});
  settings.push_back({.flag = "max-deliveries",
                      .env = "SECSCHED_JOB_MAX_DELIVERIES",
                      .default_value = "5",
                      .help = "deliveries before a job is dead-lettered",
                      .validate = IntInRange(1, 100)});
  return settings;
}

// read-school: the worker's connection settings (no queue or metrics) and what to read.
std::vector<Setting> ReadSchoolSettings() {
  std::vector<Setting> settings = SelectSettings(
      StandardServiceSettings(), {"pg-url", "log-format", "log-level", "jwt-algorithm", "jwt-key",
                                  "jwt-key-file", "jwt-issuer", "jwt-audience"});
  for (Setting& s : settings) {
    if (s.flag != "pg-url") continue;
    s.required = false;  // only --trial reads the sectioning schema
    s.validate = nullptr;
  }
  for (Setting& s : access::CrossServiceSettings()) settings.push_back(std::move(s));
  for (Setting& s : requests::RequestsClientSettings()) settings.push_back(std::move(s));
  settings.push_back({.flag = "calendar",
                      .env = "SECSCHED_READ_SCHOOL_CALENDAR",
                      .required = true,
                      .help = "the calendar id whose school is read"});
  settings.push_back(
      {.flag = "trial",
       .env = "SECSCHED_READ_SCHOOL_TRIAL",
       .default_value = "",
       .help = "a trial of the calendar: its sections and enrollments are read too"});
  settings.push_back({.flag = "out",
                      .env = "SECSCHED_READ_SCHOOL_OUT",
                      .required = true,
                      .help = "where the engine's JSON school is written"});
  return settings;
}

std::atomic<bool> stop_requested{false};

// The clients a job reads its school through: the catalog's and the requests service's APIs, with
// a service token. Fatal on bad configuration.
struct SchoolReaders {
  explicit SchoolReaders(const Config& config) : SchoolReaders(config, Token(config)) {}
  catalog::GrpcCatalogReader catalog;
  requests::GrpcRequestsReader requests;

 private:
  SchoolReaders(const Config& config, const access::TokenSource& token)
      : catalog(MakeChannel(config.Get("catalog-address")), token),
        requests(MakeChannel(config.Get("requests-address")), token) {}
  static access::TokenSource Token(const Config& config) {
    absl::StatusOr<auth::JwtVerifier> verifier = VerifierFromConfig(config);
    if (!verifier.ok()) ExitOnConfigError("secsched-sectioning-worker", verifier.status());
    absl::StatusOr<access::TokenSource> token =
        access::ServiceTokenFromConfig(config, *verifier, "sectioning-worker");
    if (!token.ok()) ExitOnConfigError("secsched-sectioning-worker", token.status());
    return *std::move(token);
  }
};

// `read-school --calendar C [--trial T] --out FILE`: the school a job on C would read, as the
// engine's JSON; with --trial, the trial's sections and enrollments too.
int ReadSchool(const Config& config) {
  SchoolReaders readers(config);
  const TrialKey trial{.calendar_id = config.Get("calendar"), .trial_id = config.Get("trial")};
  absl::Status written;
  if (trial.trial_id.empty()) {
    NoTrialSchedule schedule;
    ServicesSchoolSource source(readers.catalog, readers.requests, schedule);
    written = WriteSchoolFromServices(source, trial, config.Get("out"));
  } else {
    if (config.Get("pg-url").empty()) {
      std::cerr << "secsched-sectioning-worker read-school: --trial needs --pg-url "
                   "(SECSCHED_PG_URL)\n";
      return 2;
    }
    absl::StatusOr<std::unique_ptr<pg::PgPool>> pool = pg::PgPool::Create(
        {.url = UrlWithSearchPath(config.Get("pg-url"), "sectioning"), .size = 1});
    if (!pool.ok()) {
      std::cerr << "cannot reach PostgreSQL: " << pool.status().message() << "\n";
      return 1;
    }
    PgScheduleStore schedule(**pool);
    ServicesSchoolSource source(readers.catalog, readers.requests, schedule);
    written = WriteSchoolFromServices(source, trial, config.Get("out"));
  }
  if (!written.ok()) {
    std::cerr << "secsched-sectioning-worker read-school: " << written.message() << "\n";
    return 1;
  }
  return 0;
}

int Run(const Config& config) {
  absl::StatusOr<std::unique_ptr<pg::PgPool>> pool =
      pg::PgPool::Create({.url = UrlWithSearchPath(config.Get("pg-url"), "sectioning"),
                          .size = config.GetInt("pg-pool-size")});
  if (!pool.ok()) {
    spdlog::error("cannot reach PostgreSQL: {}", ToStd(pool.status().message()));
    return 1;
  }
  absl::StatusOr<redis::RedisOptions> redis_options = RedisOptionsFromConfig(config);
  if (!redis_options.ok()) ExitOnConfigError("secsched-sectioning-worker", redis_options.status());
  redis::RedisConnections redis(*redis_options);

  jobs::JobStore store(**pool);
  jobs::JobQueue queue(redis, {.visibility_timeout = config.GetDuration("visibility-timeout"),
                               .max_deliveries = config.GetInt("max-deliveries")});
  PgSectionCounts counts(**pool);

  SchoolReaders readers(config);
  PgScheduleStore schedule(**pool);
  ServicesSchoolSource source(readers.catalog, readers.requests, schedule);
  const EngineJobOptions engine_options{
      .engine_time_limit = config.GetDuration("engine-time-limit"),
      .bound_time_limit = config.GetDuration("bound-time-limit"),
      .seed = static_cast<std::uint64_t>(config.GetInt("engine-seed"))};
  std::string consumer = config.Get("consumer");
  if (consumer.empty()) {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    consumer = std::string(host) + "-" + std::to_string(getpid());
  }
  // Jobs handled by this replica, by outcome of the handler (ok / the status code name).
  auto registry = std::make_shared<prometheus::Registry>();
  auto& handled = prometheus::BuildCounter()
                      .Name("secsched_worker_jobs_handled_total")
                      .Help("Job deliveries handled by this worker, by job type and outcome")
                      .Register(*registry);
  std::unique_ptr<prometheus::Exposer> exposer;
  if (!config.Get("metrics-listen").empty()) {
    exposer = std::make_unique<prometheus::Exposer>(config.Get("metrics-listen"));
    exposer->RegisterCollectable(registry);
  }
  RegisterBuildInfoMetric(*registry);
  const std::string queue_name(kTrialJobQueue);
  jobs::JobWorker worker(
      store, queue, redis, {.type = queue_name, .consumer = consumer},
      [&](const jobs::Job& job, jobs::JobContext& context) -> absl::StatusOr<std::string> {
        absl::StatusOr<std::string> outcome =
            RunTrialJob(counts, source, engine_options, job, context);
        const std::string code =
            outcome.ok() ? "ok" : absl::StatusCodeToString(outcome.status().code());
        handled.Add({{"type", job.payload}, {"outcome", code}}).Increment();
        if (!outcome.ok()) {
          spdlog::warn("job {} ({}) ended {}: {}", job.id, job.payload, code,
                       ToStd(outcome.status().message()));
        }
        return outcome;
      });
  spdlog::info("worker {} consuming {} jobs", consumer, queue_name);
  worker.Run(stop_requested);
  spdlog::info("worker {} stopped", consumer);
  return 0;
}

}  // namespace
}  // namespace secsched::sectioning

int main(int argc, char** argv) {
  using namespace secsched;
  // SIGTERM/SIGINT are waited for on a dedicated thread, which asks the loop to stop after the
  // current job (its entry stays pending if it cannot finish, and another replica reclaims it).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread([signals] {
    int received = 0;
    sigwait(&signals, &received);
    sectioning::stop_requested = true;
  }).detach();

  const std::vector<Setting> settings = sectioning::WorkerSettings();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (AsksForVersion(args)) {
    std::cout << VersionLine("secsched-sectioning-worker") << "\n";
    return 0;
  }
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << Config::Usage("secsched-sectioning-worker", settings);
    return 0;
  }
  if (!args.empty() && args[0] == "read-school") {
    args.erase(args.begin());
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      std::cout << Config::Usage("secsched-sectioning-worker read-school",
                                 sectioning::ReadSchoolSettings());
      return 0;
    }
    absl::StatusOr<Config> config = Config::Load(sectioning::ReadSchoolSettings(), args);
    if (!config.ok()) ExitOnConfigError("secsched-sectioning-worker read-school", config.status());
    InitLogging("sectioning-worker", *ParseLogFormat(config->Get("log-format")),
                config->Get("log-level"));
    return sectioning::ReadSchool(*config);
  }
  absl::StatusOr<Config> config = Config::Load(settings, args);
  if (!config.ok()) ExitOnConfigError("secsched-sectioning-worker", config.status());
  InitLogging("sectioning-worker", *ParseLogFormat(config->Get("log-format")),
              config->Get("log-level"));
  return sectioning::Run(*config);
}
