#include "common/pg/request_ids.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "common/pg/transaction.h"
#include "common/status/status.h"

namespace secsched::pg {
namespace {

thread_local std::string current_fingerprint;

constexpr char kRequestIdsFileSuffix[] = "_request_ids.sql";

}  // namespace

MigrationFile RequestIdsTableMigration(int version) {
  static constexpr char kSql[] = R"sql(
-- Idempotency keys of Create calls (common/pg/request_ids.h): one row per (scope, request_id),
-- written in the transaction that creates the resource.
CREATE TABLE request_ids (
  scope       text NOT NULL,
  request_id  text NOT NULL,
  fingerprint text NOT NULL DEFAULT '',  -- SHA-256 of the request without request_id; '' = unknown
  create_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, request_id)
);
)sql";
  return MigrationFile{version, absl::StrFormat("%03d%s", version, kRequestIdsFileSuffix), kSql};
}

bool HasRequestIdsTable(const std::vector<MigrationFile>& migrations) {
  return std::any_of(migrations.begin(), migrations.end(), [](const MigrationFile& file) {
    return absl::EndsWith(file.name, kRequestIdsFileSuffix);
  });
}

absl::StatusOr<int64_t> PurgeRequestIds(PgPool& pool, std::chrono::milliseconds retention,
                                        int batch_size) {
  int64_t purged = 0;
  while (true) {
    absl::StatusOr<int64_t> deleted =
        WithTransaction(pool, [&](pqxx::work& tx) -> absl::StatusOr<int64_t> {
          // The claims' primary key locates the batch; no index on create_time is needed for a
          // table that holds a week of creates.
          pqxx::result rows = tx.exec_params(
              "DELETE FROM request_ids WHERE (scope, request_id) IN ("
              " SELECT scope, request_id FROM request_ids"
              " WHERE create_time < now() - make_interval(secs => $1)"
              " LIMIT $2 FOR UPDATE SKIP LOCKED)",
              static_cast<double>(retention.count()) / 1000.0, batch_size);
          return static_cast<int64_t>(rows.affected_rows());
        });
    if (!deleted.ok()) return deleted.status();
    purged += *deleted;
    if (*deleted < batch_size) return purged;
  }
}

RequestIdPurger::RequestIdPurger(PgPool& pool, std::chrono::milliseconds retention,
                                 std::chrono::milliseconds interval)
    : pool_(pool), retention_(retention), interval_(interval) {
  thread_ = std::thread([this] { Run(); });
}

RequestIdPurger::~RequestIdPurger() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  stop_requested_.notify_all();
  thread_.join();
}

int64_t RequestIdPurger::rounds() const {
  std::lock_guard lock(mu_);
  return rounds_;
}

void RequestIdPurger::Run() {
  std::unique_lock lock(mu_);
  do {
    lock.unlock();
    absl::StatusOr<int64_t> purged = PurgeRequestIds(pool_, retention_);
    if (!purged.ok()) {
      spdlog::warn("request_ids purge failed (retried in {} s): {}",
                   std::chrono::duration_cast<std::chrono::seconds>(interval_).count(),
                   std::string(purged.status().message()));
    } else if (*purged > 0) {
      spdlog::info("request_ids: purged {} claim(s) older than {} h", *purged,
                   std::chrono::duration_cast<std::chrono::hours>(retention_).count());
    }
    lock.lock();
    ++rounds_;
  } while (!stop_requested_.wait_for(lock, interval_, [&] { return stop_; }));
}

absl::Status ClaimRequestId(pqxx::work& tx, std::string_view scope, std::string_view request_id) {
  if (request_id.empty()) return absl::OkStatus();
  const std::string& fingerprint = CurrentRequestFingerprint();
  pqxx::result claimed = tx.exec_params(
      "INSERT INTO request_ids (scope, request_id, fingerprint) VALUES ($1, $2, $3) "
      "ON CONFLICT (scope, request_id) DO NOTHING RETURNING 1",
      std::string(scope), std::string(request_id), fingerprint);
  if (!claimed.empty()) return absl::OkStatus();
  pqxx::result first =
      tx.exec_params("SELECT fingerprint FROM request_ids WHERE scope = $1 AND request_id = $2",
                     std::string(scope), std::string(request_id));
  const std::string stored = first.empty() ? "" : first[0][0].as<std::string>();
  if (!fingerprint.empty() && !stored.empty() && stored != fingerprint) {
    return InvalidField("request_id",
                        "was already used for a request with a different body; a retry must "
                        "repeat the first request exactly, a new request needs a new request_id");
  }
  return absl::OkStatus();
}

const std::string& CurrentRequestFingerprint() { return current_fingerprint; }

RequestFingerprintScope::RequestFingerprintScope(std::string fingerprint)
    : previous_(std::exchange(current_fingerprint, std::move(fingerprint))) {}

RequestFingerprintScope::~RequestFingerprintScope() { current_fingerprint = std::move(previous_); }

}  // namespace secsched::pg
