// Runs one process's gRPC server the same way for every service: standard health service,
// reflection, per-RPC metrics (metrics_interceptor.h) with a /metrics endpoint, and a graceful
// drain on SIGTERM. A service's main() is: build handlers, AddService, Start, RunUntilSignal.
//
//   int main(int argc, char** argv) {
//     secsched::BlockShutdownSignals();   // first line, before any thread exists
//     ...
//     secsched::ServerRunner runner(options);
//     runner.AddService(&catalog, "secsched.catalog.v1.CatalogService");
//     if (auto status = runner.Start(); !status.ok()) { ...; return 1; }
//     runner.RunUntilSignal();
//   }
//
// Shutdown order, and why: health turns NOT_SERVING first so Kubernetes' readiness probe takes the
// pod out of the Service; after `not_serving_grace` (time for that to propagate) the server stops
// accepting calls and in-flight ones get up to `drain_timeout` to finish before being cancelled.
#pragma once

#include <grpcpp/server.h>
#include <prometheus/registry.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace prometheus {
class Exposer;
}

namespace secsched {

struct ServerOptions {
  std::string listen_address = "127.0.0.1:0";  // port 0: pick a free port (see port())
  // "" = no /metrics endpoint; else host:port (port 0 allowed, see metrics_port()).
  std::string metrics_address;
  // Time between health turning NOT_SERVING and the server refusing new calls. 0 is right for
  // tests and tools; in Kubernetes use a few seconds (more than the readiness probe period).
  std::chrono::milliseconds not_serving_grace{0};
  // How long in-flight calls may run after the server stops accepting new ones.
  std::chrono::milliseconds drain_timeout{10000};
  // Start with health NOT_SERVING (e.g. while the database schema is behind); SetServing turns
  // it on later.
  bool start_not_serving = false;
  // The largest request the server accepts (gRPC's own default is 4 MiB). CSV imports arrive as
  // one message, so this bounds the largest import; docs/api.md ("Size limits") lists it.
  int max_receive_message_bytes = kDefaultMaxReceiveMessageBytes;
  static constexpr int kDefaultMaxReceiveMessageBytes = 32 << 20;
  // A client connection is asked to go away (GOAWAY) after this long; the client reconnects and
  // resolves the service name again, which is how round_robin clients (MakeChannel) start using
  // pods added since they connected. Calls in flight, streams included, finish first (no grace
  // limit). 0 = never.
  std::chrono::milliseconds max_connection_age{std::chrono::minutes(5)};
};

// Blocks SIGTERM and SIGINT in the calling thread and in every thread it starts afterwards, so
// that RunUntilSignal's sigwait receives them instead of the default handler killing the process.
// Call it at the top of main(), before gRPC, spdlog or anything else starts a thread.
void BlockShutdownSignals();

class ServerRunner {
 public:
  explicit ServerRunner(ServerOptions options);
  ~ServerRunner();  // Shutdown() if still running
  ServerRunner(const ServerRunner&) = delete;
  ServerRunner& operator=(const ServerRunner&) = delete;

  // Registers a service before Start(). `health_name` is its full proto name, e.g.
  // "secsched.catalog.v1.CatalogService", under which grpc.health.v1 reports it.
  // The service must outlive the runner.
  void AddService(grpc::Service* service, std::string health_name);

  // Builds and starts the server (health, reflection, metrics interceptor), binds the listen and
  // metrics addresses, and sets every registered service and "" SERVING (NOT_SERVING with
  // start_not_serving). UNAVAILABLE when an
  // address cannot be bound; FAILED_PRECONDITION when called twice.
  absl::Status Start();

  int port() const { return port_; }                  // after Start()
  int metrics_port() const { return metrics_port_; }  // after Start(); 0 without /metrics
  // Where services register their own metrics; served on /metrics.
  prometheus::Registry& registry() { return *registry_; }
  // Also served on /metrics: metrics computed at scrape time (e.g. jobs::JobQueueMetrics).
  // Call before Start(); the runner keeps `collectable` alive.
  void AddCollectable(std::shared_ptr<prometheus::Collectable> collectable);
  // The server itself, e.g. for InProcessChannel() in tests; null before Start().
  grpc::Server* server() { return server_.get(); }

  // The health name a liveness probe asks for: SERVING from Start() until shutdown whatever
  // SetServing/SetAllServing say, so a pod that is only waiting for PostgreSQL or Redis (its
  // readiness, "", NOT_SERVING) is not restarted for it.
  static constexpr char kLivenessHealthName[] = "liveness";

  // Reports one service ("" = the whole server) SERVING or NOT_SERVING, e.g. while a dependency
  // is down. Ignored once shutdown has begun.
  void SetServing(std::string_view service, bool serving);
  // SetServing for "" and every registered service.
  void SetAllServing(bool serving);

  // Graceful stop, in the order described at the top. Blocks until the server has stopped.
  // Idempotent and thread-safe: a concurrent or later call waits for the same shutdown, and
  // additionally cuts the remaining not_serving_grace short (a second SIGTERM means "hurry").
  void Shutdown();

  // Waits on SIGTERM/SIGINT (see BlockShutdownSignals) in a dedicated thread, then shuts down;
  // returns once the server has stopped, whether by a signal or by a Shutdown() call elsewhere.
  void RunUntilSignal();

  // Blocks until the server has stopped (after Shutdown()).
  void Wait();

 private:
  void RunShutdownSequence();

  const ServerOptions options_;
  std::vector<std::pair<grpc::Service*, std::string>> services_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::vector<std::shared_ptr<prometheus::Collectable>> collectables_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  int metrics_port_ = 0;

  std::mutex mu_;
  std::condition_variable changed_;
  bool started_ = false;
  bool shutdown_begun_ = false;  // health is NOT_SERVING and stays so
  bool hurry_ = false;           // skip what is left of not_serving_grace
  bool stopped_ = false;         // server_->Shutdown() has returned
};

}  // namespace secsched
