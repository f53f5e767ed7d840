// The real service binaries, started on free loopback ports against the throwaway PostgreSQL and
// Redis of this test binary, stopped with SIGTERM (as Kubernetes would) at the end.
#pragma once

#include <grpcpp/channel.h>
#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace secsched::e2e {

struct SuiteOptions {
  int workers = 0;
  // "" = a fresh database on the shared throwaway PostgreSQL / the shared throwaway Redis. A
  // test that restarts a datastore passes its own (common/testing/restartable_servers.h).
  std::string pg_url;
  std::string redis_url;
  // The engine's safety cap per job. A test comparing two runs sets it far above the real run
  // time: a run cut short by it is not the deterministic result of the seed.
  std::string engine_time_limit = "3s";
  // The address the services listen on; another of this machine's addresses (a veth's end) lets
  // a worker in another network namespace reach them.
  std::string listen_host = "127.0.0.1";
};

class Suite {
 public:
  // Migrates and starts access, catalog, requests, sectioning and `workers` sectioning workers;
  // waits until each server's health reports SERVING. Throws std::runtime_error on failure.
  explicit Suite(int workers) : Suite(SuiteOptions{.workers = workers}) {}
  explicit Suite(SuiteOptions options);
  // SIGTERM to everything; see StopAll().
  ~Suite();

  std::shared_ptr<grpc::Channel> Channel(const std::string& service) const;
  std::string Token(const std::string& subject, const std::vector<std::string>& scopes) const;
  const std::string& jwt_key() const { return jwt_key_; }

  // Sends SIGTERM to every process and waits; returns each process's exit code by name.
  std::map<std::string, int> StopAll();

  // A sectioning worker (reading schools through the catalog and requests services, reclaiming a
  // dead worker's job after 2 s), and a SIGKILL to one: the crash a test recovers from.
  // `netns`: run it inside that network namespace (`ip netns exec`).
  void StartWorker(const std::string& consumer, const std::string& netns = "");
  void KillWorker(const std::string& consumer);
  // SIGTERM and wait: the worker finishes its current job and exits (as at a scale-down).
  void StopWorker(const std::string& consumer);
  // SIGSTOP / SIGCONT: a frozen worker reads nothing, so jobs submitted meanwhile stay queued
  // (at most the one its blocked read was handed stays pending on it).
  void PauseWorker(const std::string& consumer);
  void ResumeWorker(const std::string& consumer);
  std::vector<std::string> WorkerNames() const;

  // The sectioning schema's database, for tests that check what was written.
  const std::string& database_url() const { return pg_url_; }
  // grpc.health.v1 of `service` ("catalog", ...) for `health_name` ("" = the whole server):
  // true when it answers SERVING within 500 ms.
  bool Serving(const std::string& service, const std::string& health_name = "") const;
  // The log file of a process ("sectioning", "e2e-worker-1"), for failure messages.
  std::string LogOf(const std::string& process) const;

 private:
  struct Process {
    pid_t pid = -1;
    std::string log;
  };
  void StartService(const std::string& service);
  std::vector<std::string> CrossServiceFlags(const std::string& service) const;

  std::string dir_;
  std::string pg_url_;
  std::string redis_url_;
  std::string jwt_key_;
  std::string engine_time_limit_;
  std::string listen_host_;
  std::map<std::string, std::string> addresses_;
  std::map<std::string, Process> processes_;
};

}  // namespace secsched::e2e
