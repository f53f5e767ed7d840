#include "common/grpc/server_runner.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <prometheus/exposer.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <exception>

#include "common/grpc/build_info_metric.h"
#include "common/grpc/internal_errors.h"
#include "common/grpc/metrics_interceptor.h"
#include "common/grpc/request_checks.h"

namespace secsched {
namespace {

sigset_t ShutdownSignalSet() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

}  // namespace

void BlockShutdownSignals() {
  const sigset_t signals = ShutdownSignalSet();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

ServerRunner::ServerRunner(ServerOptions options)
    : options_(std::move(options)), registry_(std::make_shared<prometheus::Registry>()) {
  InstallProtobufLogHandler();
  RegisterBuildInfoMetric(*registry_);
}

ServerRunner::~ServerRunner() { Shutdown(); }

void ServerRunner::AddService(grpc::Service* service, std::string health_name) {
  services_.emplace_back(service, std::move(health_name));
}

void ServerRunner::AddCollectable(std::shared_ptr<prometheus::Collectable> collectable) {
  collectables_.push_back(std::move(collectable));
}

absl::Status ServerRunner::Start() {
  {
    std::lock_guard lock(mu_);
    if (started_) return absl::FailedPreconditionError("The server was already started.");
  }
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  // Plaintext: TLS and workload identity are the mesh's job; callers are authenticated by JWT.
  builder.AddListeningPort(options_.listen_address, grpc::InsecureServerCredentials(), &port_);
  builder.SetMaxReceiveMessageSize(options_.max_receive_message_bytes);
  for (auto& [service, health_name] : services_) builder.RegisterService(service);
  if (options_.max_connection_age.count() > 0) {
    builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS,
                               static_cast<int>(options_.max_connection_age.count()));
  }
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<MetricsInterceptorFactory>(*registry_));
  interceptors.push_back(std::make_unique<ParseErrorInterceptorFactory>());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));

  if (!options_.metrics_address.empty()) {
    try {
      exposer_ = std::make_unique<prometheus::Exposer>(options_.metrics_address, 1);
    } catch (const std::exception& error) {
      spdlog::error("Cannot serve /metrics on {}: {}", options_.metrics_address, error.what());
      return absl::UnavailableError("Cannot bind the metrics address " + options_.metrics_address);
    }
    exposer_->RegisterCollectable(registry_);
    exposer_->RegisterCollectable(InternalErrorMetrics());
    for (const auto& collectable : collectables_) exposer_->RegisterCollectable(collectable);
    const std::vector<int> ports = exposer_->GetListeningPorts();
    metrics_port_ = ports.empty() ? 0 : ports.front();
  }

  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    server_.reset();
    exposer_.reset();
    return absl::UnavailableError("Cannot bind the gRPC address " + options_.listen_address);
  }
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  const bool serving = !options_.start_not_serving;
  health->SetServingStatus(serving);  // "" and anything registered so far
  for (const auto& [service, health_name] : services_) {
    health->SetServingStatus(health_name, serving);
  }
  health->SetServingStatus(kLivenessHealthName, true);
  {
    std::lock_guard lock(mu_);
    started_ = true;
  }
  spdlog::info("gRPC server listening on port {}{}", port_,
               metrics_port_ ? ", /metrics on port " + std::to_string(metrics_port_) : "");
  return absl::OkStatus();
}

void ServerRunner::SetAllServing(bool serving) {
  SetServing("", serving);
  for (const auto& [service, health_name] : services_) SetServing(health_name, serving);
}

void ServerRunner::SetServing(std::string_view service, bool serving) {
  std::lock_guard lock(mu_);
  if (!started_ || shutdown_begun_) return;
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  if (service.empty()) {
    // "" is the whole server; grpc's SetServingStatus(bool) would also flip every service.
    health->SetServingStatus("", serving);
  } else {
    health->SetServingStatus(std::string(service), serving);
  }
}

void ServerRunner::Shutdown() {
  std::unique_lock lock(mu_);
  if (!started_) return;
  if (shutdown_begun_) {
    hurry_ = true;
    changed_.notify_all();
    changed_.wait(lock, [this] { return stopped_; });
    return;
  }
  shutdown_begun_ = true;
  lock.unlock();
  RunShutdownSequence();
}

void ServerRunner::RunShutdownSequence() {
  spdlog::info("Shutting down: health NOT_SERVING, then draining for up to {} ms",
               options_.drain_timeout.count());
  // Sets "" and every service NOT_SERVING, and keeps them so even if SetServing is called.
  server_->GetHealthCheckService()->Shutdown();
  {
    std::unique_lock lock(mu_);
    changed_.wait_for(lock, options_.not_serving_grace, [this] { return hurry_; });
  }
  // Stops accepting calls; blocks until in-flight ones finish or the deadline cancels them.
  server_->Shutdown(std::chrono::system_clock::now() + options_.drain_timeout);
  spdlog::info("gRPC server stopped");
  std::lock_guard lock(mu_);
  stopped_ = true;
  changed_.notify_all();
}

void ServerRunner::Wait() {
  std::unique_lock lock(mu_);
  if (!started_) return;
  changed_.wait(lock, [this] { return stopped_; });
}

void ServerRunner::RunUntilSignal() {
  // Normally done at the top of main() already; repeated so the signal thread below surely has
  // the signals blocked (the wake-up pthread_kill would otherwise terminate the process).
  BlockShutdownSignals();
  std::atomic<bool> stopped{false};
  std::thread shutdown_thread;
  std::thread signal_thread([&] {
    const sigset_t signals = ShutdownSignalSet();
    for (;;) {
      int signal_number = 0;
      if (sigwait(&signals, &signal_number) != 0) continue;
      if (stopped.load()) return;  // the wake-up sent below, not a real signal
      spdlog::info("Received signal {}", signal_number);
      if (!shutdown_thread.joinable()) {
        // Shutdown() blocks through the drain; keep this thread free for a second signal,
        // which makes the runner skip the rest of the grace period.
        shutdown_thread = std::thread([this] { Shutdown(); });
      } else {
        std::lock_guard lock(mu_);
        hurry_ = true;
        changed_.notify_all();
      }
    }
  });
  Wait();
  stopped.store(true);
  // SIGTERM is blocked in the signal thread, so this stays pending until its sigwait takes it.
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  if (shutdown_thread.joinable()) shutdown_thread.join();
}

}  // namespace secsched
