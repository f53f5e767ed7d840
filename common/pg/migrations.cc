#include "common/pg/migrations.h"

#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include "absl/strings/str_cat.h"
#include "common/pg/errors.h"

namespace secsched::pg {
namespace {

// Only plain lowercase identifiers: the schema is spliced into DDL (quoted, but a restrictive
// rule also keeps ledger names predictable).
bool IsPlainIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  if (!(name[0] >= 'a' && name[0] <= 'z') && name[0] != '_') return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

absl::Status ValidateFiles(const std::vector<MigrationFile>& files) {
  int previous = 0;
  for (const MigrationFile& file : files) {
    if (file.version <= previous) {
      return absl::InvalidArgumentError(
          absl::StrCat("migration versions must be unique and increasing; ", file.name,
                       " (version ", file.version, ") comes after version ", previous));
    }
    previous = file.version;
  }
  return absl::OkStatus();
}

// Holds pg_advisory_lock for the schema on one session; unlocks on destruction. If the
// session dies the server releases the lock itself.
class SchemaMigrationLock {
 public:
  SchemaMigrationLock(pqxx::connection& connection, std::string schema)
      : connection_(connection), schema_(std::move(schema)) {
    pqxx::nontransaction tx(connection_);
    tx.exec_params("SELECT pg_advisory_lock(hashtext('secsched.migrate.' || $1))", schema_);
  }
  ~SchemaMigrationLock() {
    try {
      pqxx::nontransaction tx(connection_);
      tx.exec_params("SELECT pg_advisory_unlock(hashtext('secsched.migrate.' || $1))", schema_);
    } catch (const std::exception& e) {
      spdlog::warn("could not release the migration lock for schema {}: {}", schema_, e.what());
    }
  }
  SchemaMigrationLock(const SchemaMigrationLock&) = delete;
  SchemaMigrationLock& operator=(const SchemaMigrationLock&) = delete;

 private:
  pqxx::connection& connection_;
  std::string schema_;
};

void EnsureSchemaAndLedger(pqxx::connection& connection, const std::string& quoted_schema) {
  pqxx::work tx(connection);
  tx.exec0(absl::StrCat("CREATE SCHEMA IF NOT EXISTS ", quoted_schema));
  tx.exec0(absl::StrCat("CREATE TABLE IF NOT EXISTS ", quoted_schema,
                        ".schema_migrations (version int PRIMARY KEY, name text NOT NULL, "
                        "checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"));
  tx.commit();
}

struct LedgerRow {
  std::string name;
  std::string checksum;
};

std::map<int, LedgerRow> ReadLedger(pqxx::connection& connection,
                                    const std::string& quoted_schema) {
  pqxx::work tx(connection);
  pqxx::result rows = tx.exec(
      absl::StrCat("SELECT version, name, checksum FROM ", quoted_schema, ".schema_migrations"));
  std::map<int, LedgerRow> ledger;
  for (const pqxx::row& row : rows) {
    ledger[row[0].as<int>()] = {row[1].as<std::string>(), row[2].as<std::string>()};
  }
  tx.commit();
  return ledger;
}

void ApplyOne(pqxx::connection& connection, const std::string& quoted_schema,
              const MigrationFile& file, const std::string& checksum) {
  pqxx::work tx(connection);
  tx.exec0(absl::StrCat("SET LOCAL search_path TO ", quoted_schema));
  tx.exec(file.sql);
  tx.exec_params(absl::StrCat("INSERT INTO ", quoted_schema,
                              ".schema_migrations (version, name, checksum) VALUES ($1, $2, $3)"),
                 file.version, file.name, checksum);
  tx.commit();
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

absl::StatusOr<MigrationReport> ApplyMigrations(PgPool& pool, std::string_view schema_view,
                                                const std::vector<MigrationFile>& files) {
  const std::string schema(schema_view);
  if (!IsPlainIdentifier(schema)) {
    return absl::InvalidArgumentError(
        absl::StrCat("schema name \"", schema, "\" is not a plain lowercase identifier"));
  }
  if (absl::Status valid = ValidateFiles(files); !valid.ok()) return valid;

  // The lock is per session, so the whole run stays on one leased connection.
  absl::StatusOr<PgPool::Lease> lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  pqxx::connection& connection = **lease;
  const MigrationFile* current = nullptr;  // for naming the file in errors
  try {
    const std::string quoted_schema = connection.quote_name(schema);
    SchemaMigrationLock lock(connection, schema);
    EnsureSchemaAndLedger(connection, quoted_schema);
    const std::map<int, LedgerRow> ledger = ReadLedger(connection, quoted_schema);

    // Check every applied file before applying anything, so an edited old migration stops the
    // run before newer files land on top of it.
    MigrationReport report;
    for (const MigrationFile& file : files) {
      auto found = ledger.find(file.version);
      if (found == ledger.end()) continue;
      if (found->second.checksum != Sha256Hex(file.sql)) {
        return absl::FailedPreconditionError(
            absl::StrCat("migration ", file.name, " was changed after it was applied"));
      }
      ++report.already_applied;
    }
    for (const MigrationFile& file : files) {
      if (ledger.contains(file.version)) continue;
      current = &file;
      ApplyOne(connection, quoted_schema, file, Sha256Hex(file.sql));
      spdlog::info("schema {}: applied migration {}", schema, file.name);
      report.applied.push_back(file.version);
    }
    return report;
  } catch (const std::exception& e) {
    if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) lease->MarkBroken();
    absl::Status status = StatusFromPqxx(e);
    const std::string what = current != nullptr
                                 ? absl::StrCat("migration ", current->name, " failed: ")
                                 : absl::StrCat("migrating schema ", schema, " failed: ");
    spdlog::error("{}{}", what, e.what());
    return absl::Status(status.code(), absl::StrCat(what, status.message()));
  }
}

absl::StatusOr<SchemaStatus> ReadSchemaStatus(PgPool& pool, std::string_view schema_view,
                                              const std::vector<MigrationFile>& files) {
  const std::string schema(schema_view);
  if (!IsPlainIdentifier(schema)) {
    return absl::InvalidArgumentError(
        absl::StrCat("schema name \"", schema, "\" is not a plain lowercase identifier"));
  }
  absl::StatusOr<PgPool::Lease> lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  pqxx::connection& connection = **lease;
  try {
    std::map<int, LedgerRow> ledger;
    {
      pqxx::work tx(connection);
      const bool exists =
          tx.exec_params1("SELECT to_regclass($1) IS NOT NULL", schema + ".schema_migrations")[0]
              .as<bool>();
      tx.commit();
      if (exists) ledger = ReadLedger(connection, connection.quote_name(schema));
    }
    SchemaStatus status;
    for (const MigrationFile& file : files) {
      auto found = ledger.find(file.version);
      if (found == ledger.end()) {
        status.pending.push_back(file.name);
      } else if (found->second.checksum != Sha256Hex(file.sql)) {
        status.changed.push_back(file.name);
      } else {
        ++status.applied;
      }
    }
    for (const auto& [version, row] : ledger) {
      const bool embedded = std::any_of(
          files.begin(), files.end(), [&](const MigrationFile& f) { return f.version == version; });
      if (!embedded) status.unknown.push_back(row.name);
    }
    return status;
  } catch (const std::exception& e) {
    if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) lease->MarkBroken();
    return StatusFromPqxx(e);
  }
}

}  // namespace secsched::pg
