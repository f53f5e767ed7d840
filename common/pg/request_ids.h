// Idempotent creates (AIP-155): a Create call's `request_id` is claimed in the service schema's
// `request_ids` table, in the same transaction that creates the resource.
//
//   return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<School> {
//     if (absl::Status s = pg::ClaimRequestId(tx, "schools", request_id); !s.ok()) return s;
//     ... look the resource up by request_id; if found return it, else insert it ...
//   });
//
// Why a claim row and not only the resource's own `request_id UNIQUE` column: two calls with the
// same key racing each other would both find nothing by request_id, and the second insert would
// fail with ALREADY_EXISTS. The claim is `INSERT ... ON CONFLICT DO NOTHING` on (scope,
// request_id): the second call waits on the first's uncommitted row, and once the first commits
// it reads the first result (READ COMMITTED), or its transaction is retried as a serialization
// failure and then reads it (REPEATABLE READ / SERIALIZABLE). If the first rolls back, nothing
// was claimed and the second creates.
//
// The claim stores the request's fingerprint (RequestFingerprintScope, set by HandleCall for
// every call whose request has a non-empty `request_id`): a repeat whose body differs is
// INVALID_ARGUMENT on request_id. Outside a call (tools, tests of storage alone) the fingerprint
// is empty and not compared.
//
// Claims are kept for a retention period (7 days by default, SECSCHED_REQUEST_ID_RETENTION) and
// then purged by every service whose schema has the table (RequestIdPurger, started by `serve`).
// AIP-155 asks servers to honour a request_id for a limited time only. A retry after the purge
// still finds the resource by its own `request_id` column and returns it; what is lost is the
// different-body check for that old key and the race protection no old key needs any more.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <pqxx/transaction>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/pg/migrations.h"
#include "common/pg/pool.h"

namespace secsched::pg {

// The `request_ids` table; services add it to their migrations (after their own files).
MigrationFile RequestIdsTableMigration(int version);

// True for a file RequestIdsTableMigration made: the schema then has claims to purge.
bool HasRequestIdsTable(const std::vector<MigrationFile>& migrations);

// Deletes the claims (in the pool's search_path) made more than `retention` ago, `batch_size`
// rows per transaction so a large backlog never holds long locks; returns how many went.
absl::StatusOr<int64_t> PurgeRequestIds(PgPool& pool, std::chrono::milliseconds retention,
                                        int batch_size = 5000);

// Runs PurgeRequestIds on its own thread: once at construction, then every `interval`, until
// destroyed. Failures (the table not there yet, the database down) are logged and retried at the
// next interval.
class RequestIdPurger {
 public:
  RequestIdPurger(PgPool& pool, std::chrono::milliseconds retention,
                  std::chrono::milliseconds interval);
  ~RequestIdPurger();
  RequestIdPurger(const RequestIdPurger&) = delete;
  RequestIdPurger& operator=(const RequestIdPurger&) = delete;

  // Rounds completed (successful or not); lets tests wait for a round instead of sleeping.
  int64_t rounds() const;

 private:
  void Run();

  PgPool& pool_;
  const std::chrono::milliseconds retention_;
  const std::chrono::milliseconds interval_;
  mutable std::mutex mu_;
  std::condition_variable stop_requested_;
  bool stop_ = false;   // guarded by mu_
  int64_t rounds_ = 0;  // guarded by mu_
  std::thread thread_;
};

// Claims `request_id` within `scope` (the resource kind and, where keys are unique per parent
// only, the parent: "courses calendars/c1"). OK for the first call and for a repeat with the same
// fingerprint; INVALID_ARGUMENT (field request_id) for a repeat with another body. An empty
// request_id claims nothing. pqxx exceptions propagate to WithTransaction.
absl::Status ClaimRequestId(pqxx::work& tx, std::string_view scope, std::string_view request_id);

// The fingerprint of the request the current thread is handling ("" = none). Set by HandleCall.
const std::string& CurrentRequestFingerprint();

class RequestFingerprintScope {
 public:
  explicit RequestFingerprintScope(std::string fingerprint);
  ~RequestFingerprintScope();
  RequestFingerprintScope(const RequestFingerprintScope&) = delete;
  RequestFingerprintScope& operator=(const RequestFingerprintScope&) = delete;

 private:
  std::string previous_;
};

}  // namespace secsched::pg
