// An access service for integration tests and the benchmark: the real handler on an in-process
// gRPC server, real PostgreSQL (a fresh schema per environment in the binary's one database)
// and Redis (unique key and stream prefixes), a manual district clock, and the evaluation
// worker thread.
#pragma once

#include <grpcpp/client_context.h>

#include <memory>
#include <string>
#include <vector>

#include "common/access/decision_cache.h"
#include "common/grpc/testing/in_process_server.h"
#include "common/jobs/job_queue.h"
#include "common/jobs/job_store.h"
#include "common/pg/pool.h"
#include "common/redis/redis_connections.h"
#include "secsched/access/v1/access.grpc.pb.h"
#include "services/access/api/access_handler.h"
#include "services/access/domain/district_clock.h"
#include "services/access/jobs/evaluation_jobs.h"
#include "services/access/storage/pg_access_repository.h"
#include "services/access/storage/redis_decision_cache.h"

namespace secsched::access::testing {

struct AccessEnvOptions {
  bool run_worker = true;         // false: evaluation jobs are queued but nobody runs them
  bool drop_evaluations = false;  // true: evaluation jobs are never even queued (lost)
  Date start_day = std::chrono::year(2026) / std::chrono::February / 2;
  int pool_size = 4;
};

class AccessEnv {
 public:
  explicit AccessEnv(AccessEnvOptions options = {});
  ~AccessEnv();

  v1::AccessService::Stub& stub() { return *stub_; }
  std::shared_ptr<grpc::Channel> channel() { return server_->channel(); }
  ManualDistrictClock& clock() { return *clock_; }
  AccessControl& control() { return *control_; }
  pg::PgPool& pool() { return *pool_; }
  redis::RedisConnections& redis() { return *redis_; }
  RedisDecisionCache& decision_cache() { return *shared_cache_; }
  const DecisionCacheOptions& cache_options() const { return cache_options_; }
  const std::string& schema() const { return schema_; }

  // Sets the clock to `hour`:00 district time on `day`.
  void SetDay(Date day, int hour = 10);

  // A context carrying a token for `subject` with `scopes` ("" = no token at all).
  static std::unique_ptr<grpc::ClientContext> As(const std::string& subject,
                                                 const std::vector<std::string>& scopes = {});
  static std::unique_ptr<grpc::ClientContext> WithToken(const std::string& token);

  // HR-feed shortcuts (ASSERT-free: they throw on failure, which fails the test).
  void Hire(const std::string& staff_id, const std::string& location_id, Role role, Date effective);
  void Complete(const std::string& staff_id, CertificationType type, Time at);

  // For other services' tests: makes `staff_id` a certified, approved School Counselor at
  // `school_id` (hiring a principal "principal-<school>" to approve) and waits until CheckAccess
  // allows it. Throws when access is not granted within 10 s.
  void GrantSchedulingAccess(const std::string& staff_id, const std::string& school_id);
  // Moves `staff_id` to `new_school_id` as of today: access at the old school is revoked at once.
  void TransferTo(const std::string& staff_id, const std::string& new_school_id);

 private:
  AccessEnvOptions options_;
  std::string schema_;
  DecisionCacheOptions cache_options_;
  std::unique_ptr<pg::PgPool> pool_;
  std::unique_ptr<redis::RedisConnections> redis_;
  std::unique_ptr<ManualDistrictClock> clock_;
  std::unique_ptr<PgAccessRepository> repository_;
  std::unique_ptr<RedisDecisionCache> shared_cache_;
  std::unique_ptr<RedisDecisionCacheAdapter> cache_;
  std::unique_ptr<jobs::JobStore> store_;
  std::unique_ptr<jobs::JobQueue> queue_;
  std::unique_ptr<EvaluationQueue> evaluations_;
  std::unique_ptr<AccessControl> control_;
  std::unique_ptr<AccessHandler> handler_;
  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<v1::AccessService::Stub> stub_;
  std::unique_ptr<AccessBackground> background_;
};

// The database every environment of this process shares (one FreshDatabaseUrl per binary).
const std::string& SharedDatabaseUrl();

}  // namespace secsched::access::testing
