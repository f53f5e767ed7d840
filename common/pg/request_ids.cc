#include "common/pg/request_ids.h"

#include <utility>

#include "absl/strings/str_format.h"
#include "common/status/status.h"

namespace secsched::pg {
namespace {

thread_local std::string current_fingerprint;

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
  return MigrationFile{version, absl::StrFormat("%03d_request_ids.sql", version), kSql};
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
