#include "tests/e2e/suite_process.h"

#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <stdexcept>

#include "common/auth/jwt.h"
#include "common/grpc/client.h"
#include "common/testing/process.h"
#include "common/testing/servers.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace secsched::e2e {
namespace {

using testing::internal::LogTail;
using testing::internal::Run;
using testing::internal::Spawn;

std::string Binary(const std::string& service) {
  if (service == "sectioning-worker") return SECSCHED_WORKER_BINARY;
  return std::string(SECSCHED_SERVICES_DIR) + "/" + service + "/secsched-" + service;
}

std::vector<std::string> CommonFlags(const std::string& pg_url, const std::string& redis_url) {
  return {"--pg-url=" + pg_url, "--redis-url=" + redis_url, "--log-format=json"};
}

bool HealthIsServing(const std::shared_ptr<grpc::Channel>& channel,
                     const std::string& health_name = "") {
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(health_name);
  grpc::health::v1::HealthCheckResponse response;
  return stub->Check(&context, request, &response).ok() &&
         response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
}

}  // namespace

Suite::Suite(SuiteOptions options)
    : dir_(testing::internal::MakeTempDir("secsched-e2e", false)),
      pg_url_(options.pg_url.empty() ? testing::FreshDatabaseUrl() : options.pg_url),
      redis_url_(options.redis_url.empty() ? testing::SharedRedis().url() : options.redis_url),
      jwt_key_(testing::UniqueName("e2e_signing_key_for_hs256_tokens")),
      engine_time_limit_(options.engine_time_limit),
      listen_host_(options.listen_host) {
  const int workers = options.workers;
  // In dependency order: catalog asks access; requests and sectioning ask both.
  for (const std::string service : {"access", "catalog", "requests", "sectioning"}) {
    StartService(service);
  }
  for (int i = 1; i <= workers; ++i) StartWorker("e2e-worker-" + std::to_string(i));
}

Suite::~Suite() { StopAll(); }

// Where services that authorize by school find the access and catalog services.
std::vector<std::string> Suite::CrossServiceFlags(const std::string& service) const {
  if (service == "access") return {};
  std::vector<std::string> flags = {"--access-address=" + addresses_.at("access")};
  if (service != "catalog") flags.push_back("--catalog-address=" + addresses_.at("catalog"));
  if (service == "sectioning") flags.push_back("--requests-address=" + addresses_.at("requests"));
  return flags;
}

void Suite::StartService(const std::string& service) {
  const std::string log = dir_ + "/" + service + ".log";
  std::vector<std::string> migrate = {Binary(service), "migrate", "--jwt-key=" + jwt_key_};
  for (const std::string& flag : CommonFlags(pg_url_, redis_url_)) migrate.push_back(flag);
  if (Run(migrate, log) != 0) {
    throw std::runtime_error(service + " migrate failed: " + LogTail(log));
  }
  const std::string address = listen_host_ + ":" + std::to_string(testing::FreeTcpPort());
  std::vector<std::string> serve = {Binary(service), "serve", "--listen=" + address,
                                    "--metrics-listen=127.0.0.1:0", "--jwt-key=" + jwt_key_};
  for (const std::string& flag : CommonFlags(pg_url_, redis_url_)) serve.push_back(flag);
  for (const std::string& flag : CrossServiceFlags(service)) serve.push_back(flag);
  processes_[service] = {Spawn(serve, log), log};
  addresses_[service] = address;
  auto channel = MakeChannel(address);
  if (!testing::WaitFor([&] { return HealthIsServing(channel); }, std::chrono::seconds(30))) {
    throw std::runtime_error(service + " did not become SERVING: " + LogTail(log));
  }
}

void Suite::StartWorker(const std::string& consumer, const std::string& netns) {
  const std::string log = dir_ + "/" + consumer + ".log";
  std::vector<std::string> argv;
  if (!netns.empty()) argv = {"ip", "netns", "exec", netns};
  const std::vector<std::string> worker = {
      Binary("sectioning-worker"),    "--consumer=" + consumer,
      "--metrics-listen=127.0.0.1:0", "--jwt-key=" + jwt_key_,
      "--visibility-timeout=2s",      "--engine-time-limit=" + engine_time_limit_};
  argv.insert(argv.end(), worker.begin(), worker.end());
  for (const std::string& flag : CommonFlags(pg_url_, redis_url_)) argv.push_back(flag);
  for (const std::string& flag : CrossServiceFlags("sectioning")) argv.push_back(flag);
  processes_[consumer] = {Spawn(argv, log), log};
}

void Suite::KillWorker(const std::string& consumer) {
  auto it = processes_.find(consumer);
  if (it == processes_.end() || it->second.pid <= 0) return;
  kill(it->second.pid, SIGKILL);
  int status = 0;
  waitpid(it->second.pid, &status, 0);
  processes_.erase(it);
}

void Suite::StopWorker(const std::string& consumer) {
  auto it = processes_.find(consumer);
  if (it == processes_.end() || it->second.pid <= 0) return;
  kill(it->second.pid, SIGTERM);
  int status = 0;
  waitpid(it->second.pid, &status, 0);
  processes_.erase(it);
}

void Suite::PauseWorker(const std::string& consumer) {
  if (auto it = processes_.find(consumer); it != processes_.end()) kill(it->second.pid, SIGSTOP);
}

void Suite::ResumeWorker(const std::string& consumer) {
  if (auto it = processes_.find(consumer); it != processes_.end()) kill(it->second.pid, SIGCONT);
}

bool Suite::Serving(const std::string& service, const std::string& health_name) const {
  return HealthIsServing(Channel(service), health_name);
}

std::string Suite::LogOf(const std::string& process) const {
  return LogTail(dir_ + "/" + process + ".log");
}

std::vector<std::string> Suite::WorkerNames() const {
  std::vector<std::string> names;
  for (const auto& [name, process] : processes_) {
    if (name.rfind("e2e-worker-", 0) == 0) names.push_back(name);
  }
  return names;
}

std::shared_ptr<grpc::Channel> Suite::Channel(const std::string& service) const {
  return MakeChannel(addresses_.at(service));
}

std::string Suite::Token(const std::string& subject, const std::vector<std::string>& scopes) const {
  auth::JwtConfig config{.algorithm = auth::JwtConfig::Algorithm::kHS256, .key = jwt_key_};
  absl::StatusOr<std::string> token = auth::MintToken(
      config, subject, scopes, std::chrono::hours(1), std::chrono::system_clock::now());
  if (!token.ok()) throw std::runtime_error("cannot mint a test token");
  return *token;
}

std::map<std::string, int> Suite::StopAll() {
  std::map<std::string, int> exit_codes;
  for (auto& [name, process] : processes_) {
    if (process.pid <= 0) continue;
    kill(process.pid, SIGTERM);
    kill(process.pid, SIGCONT);  // a paused worker must run to act on the SIGTERM
  }
  for (auto& [name, process] : processes_) {
    if (process.pid <= 0) continue;
    int status = 0;
    waitpid(process.pid, &status, 0);
    exit_codes[name] = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    process.pid = -1;
  }
  return exit_codes;
}

}  // namespace secsched::e2e
