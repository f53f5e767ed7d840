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

class Suite {
 public:
  // Migrates and starts access, catalog, requests, sectioning and `workers` sectioning workers;
  // waits until each server's health reports SERVING. Throws std::runtime_error on failure.
  explicit Suite(int workers);
  // SIGTERM to everything; see StopAll().
  ~Suite();

  std::shared_ptr<grpc::Channel> Channel(const std::string& service) const;
  std::string Token(const std::string& subject, const std::vector<std::string>& scopes) const;
  const std::string& jwt_key() const { return jwt_key_; }

  // Sends SIGTERM to every process and waits; returns each process's exit code by name.
  std::map<std::string, int> StopAll();

  // A sectioning worker (reading schools through the catalog and requests services, reclaiming a
  // dead worker's job after 2 s), and a SIGKILL to one: the crash a test recovers from.
  void StartWorker(const std::string& consumer);
  void KillWorker(const std::string& consumer);
  std::vector<std::string> WorkerNames() const;

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
  std::map<std::string, std::string> addresses_;
  std::map<std::string, Process> processes_;
};

}  // namespace secsched::e2e
