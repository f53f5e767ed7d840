// Schema migrations for one service schema, applied at service start (and by tests).
//
// Each service keeps services/<svc>/migrations/NNN_name.sql; secsched_embed_migrations() in
// common/pg/CMakeLists.txt compiles them into the binary as a std::vector<MigrationFile>, so a
// container needs no SQL files at run time.
//
// ApplyMigrations:
//  - creates the schema if missing and the ledger <schema>.schema_migrations
//    (version int primary key, name text, checksum text (sha-256 hex), applied_at timestamptz);
//  - holds a session advisory lock keyed on the schema while it works, so replicas starting
//    together apply each file exactly once;
//  - refuses (FAILED_PRECONDITION) when a file already applied has changed since;
//  - applies each missing file in its own transaction with `SET LOCAL search_path TO <schema>`,
//    so migration SQL uses unqualified names.
// Re-applying the same files is a no-op.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/pg/pool.h"

namespace secsched::pg {

struct MigrationFile {
  int version;       // the NNN prefix
  std::string name;  // file name, e.g. "001_init.sql"
  std::string sql;
};

struct MigrationReport {
  std::vector<int> applied;  // versions applied by this call, in order
  int already_applied = 0;   // files found in the ledger with a matching checksum
};

// INVALID_ARGUMENT: schema is not a plain lowercase identifier, or versions are not unique and
// increasing. FAILED_PRECONDITION: "migration 001_init.sql was changed after it was applied".
// A failing migration is rolled back and reported with the file name; earlier files stay.
absl::StatusOr<MigrationReport> ApplyMigrations(PgPool& pool, std::string_view schema,
                                                const std::vector<MigrationFile>& files);

// How a database's schema compares with the migrations a binary embeds.
struct SchemaStatus {
  std::vector<std::string> pending;  // embedded, not applied: the database is behind
  std::vector<std::string> changed;  // applied with another checksum: an edited old migration
  std::vector<std::string> unknown;  // applied, not embedded: the database is ahead (a rollback)
  int applied = 0;                   // embedded and applied as embedded
  bool up_to_date() const { return pending.empty() && changed.empty(); }
};

// Reads the ledger without changing anything (a schema or ledger that does not exist yet means
// every file is pending). INVALID_ARGUMENT as ApplyMigrations; UNAVAILABLE when the database
// cannot be read.
absl::StatusOr<SchemaStatus> ReadSchemaStatus(PgPool& pool, std::string_view schema,
                                              const std::vector<MigrationFile>& files);

// Lowercase hex SHA-256 of `data` (the ledger checksum).
std::string Sha256Hex(std::string_view data);

}  // namespace secsched::pg
