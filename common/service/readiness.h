// What a server's grpc.health.v1 answers while it runs: SERVING only when its calls can be
// answered. Every call needs the database schema current and PostgreSQL reachable, so those two
// decide the whole server ("" and every service); a service whose calls need Redis (the job
// queue) is also NOT_SERVING while Redis is unreachable. A service that uses Redis only as a
// cache keeps serving without it: its calls stay correct, only slower.
//
// One thread re-checks every `interval` on its own connections (not the request pool, so a busy
// pool is not mistaken for a dead database) and pushes a change to the health service once,
// with one log line, so an operator sees when and why a pod left and rejoined the Service.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"

namespace secsched {

struct ReadinessChecks {
  // OK once the schema is current; re-checked only until it is (migrations never go backwards
  // under a running server), and less often than the connections (it reads the ledger).
  std::function<absl::Status()> schema;
  std::function<absl::Status()> postgres;
  std::function<absl::Status()> redis;  // empty when no service needs Redis to answer
};

struct ReadinessTargets {
  // Sets "" and every service (true) or all to NOT_SERVING (false).
  std::function<void(bool)> set_all;
  // Sets one service; used for `redis_services`.
  std::function<void(const std::string&, bool)> set_one;
  std::vector<std::string> redis_services;  // health names of services that need Redis
};

class ReadinessWatch {
 public:
  // Checks once before returning (see serving()), then PostgreSQL and Redis every `interval`
  // and the schema, while it is behind, every `schema_interval`, on a thread.
  ReadinessWatch(ReadinessChecks checks, ReadinessTargets targets,
                 std::chrono::milliseconds interval, std::chrono::milliseconds schema_interval);
  ~ReadinessWatch();
  ReadinessWatch(const ReadinessWatch&) = delete;
  ReadinessWatch& operator=(const ReadinessWatch&) = delete;

  // The whole server's state after the last check.
  bool serving() const;

 private:
  void CheckOnce();
  void Run();

  const ReadinessChecks checks_;
  const ReadinessTargets targets_;
  const std::chrono::milliseconds interval_;
  const std::chrono::milliseconds schema_interval_;
  bool schema_current_ = false;
  std::chrono::steady_clock::time_point next_schema_check_;
  std::string schema_problem_;
  // The last state pushed; -1 before the first push, so the first check always pushes.
  int server_serving_ = -1;
  int redis_serving_ = -1;
  mutable std::mutex mu_;
  std::condition_variable stop_requested_;
  bool stop_ = false;
  std::thread thread_;
};

// Checks that open their own connection on first use and again after a failure.
// PostgreSQL: `SELECT 1` with a 2 s connect timeout and TCP_USER_TIMEOUT, so a cut network is
// seen in seconds, not after TCP's retransmission timeout.
std::function<absl::Status()> PostgresPing(std::string url);

}  // namespace secsched
