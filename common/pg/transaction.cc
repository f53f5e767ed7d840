#include "common/pg/transaction.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <pqxx/except>
#include <random>
#include <thread>

#include "common/pg/errors.h"

namespace secsched::pg::internal {
namespace {

const char* SetIsolationSql(Isolation isolation) {
  switch (isolation) {
    case Isolation::kSerializable:
      return "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE";
    case Isolation::kRepeatableRead:
      return "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";
    case Isolation::kReadCommitted:
      break;
  }
  return nullptr;  // pqxx::work already begins READ COMMITTED
}

// Exponential backoff (5, 10, 20, ... ms, capped at 200 ms) with ±50% jitter so that
// transactions that collided once do not collide again in lockstep.
void BackoffBeforeRetry(int failed_attempts) {
  thread_local std::mt19937 random{std::random_device{}()};
  const double base_ms = std::min(200.0, 5.0 * (1 << std::min(failed_attempts - 1, 6)));
  std::uniform_real_distribution<double> jitter(0.5, 1.5);
  std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(base_ms * jitter(random)));
}

// One try: begin, run fn, commit on OK / roll back otherwise. Never throws.
absl::Status RunOnce(PgPool& pool, const TxOptions& options,
                     absl::FunctionRef<absl::Status(pqxx::work&)> fn) {
  absl::StatusOr<PgPool::Lease> lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  try {
    pqxx::work tx(**lease);
    if (const char* set_isolation = SetIsolationSql(options.isolation)) tx.exec0(set_isolation);
    absl::Status status = fn(tx);
    if (!status.ok()) {
      tx.abort();
      return status;
    }
    tx.commit();
    return absl::OkStatus();
  } catch (const pqxx::broken_connection& e) {
    lease->MarkBroken();
    return StatusFromPqxx(e);
  } catch (const pqxx::in_doubt_error& e) {
    lease->MarkBroken();
    return StatusFromPqxx(e);
  } catch (const std::exception& e) {
    // Also catches non-pqxx exceptions thrown by fn: they become INTERNAL rather than tearing
    // down the calling RPC thread.
    return StatusFromPqxx(e);
  }
}

}  // namespace

absl::Status RunWithoutTransaction(PgPool& pool,
                                   absl::FunctionRef<absl::Status(pqxx::nontransaction&)> fn) {
  absl::StatusOr<PgPool::Lease> lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  try {
    pqxx::nontransaction tx(**lease);
    return fn(tx);
  } catch (const pqxx::broken_connection& e) {
    lease->MarkBroken();
    return StatusFromPqxx(e);
  } catch (const std::exception& e) {
    return StatusFromPqxx(e);
  }
}

absl::Status RunTransaction(PgPool& pool, const TxOptions& options,
                            absl::FunctionRef<absl::Status(pqxx::work&)> fn) {
  const int max_attempts = std::max(1, options.max_attempts);
  absl::Status status;
  for (int attempt = 1; attempt <= max_attempts; ++attempt) {
    status = RunOnce(pool, options, fn);
    if (!IsRetryableTransactionFailure(status)) return status;
    if (attempt < max_attempts) {
      spdlog::debug("transaction attempt {} of {} failed ({}); retrying", attempt, max_attempts,
                    std::string(status.message()));
      BackoffBeforeRetry(attempt);
    }
  }
  spdlog::warn("transaction gave up after {} attempts: {}", max_attempts,
               std::string(status.message()));
  return status;
}

}  // namespace secsched::pg::internal
