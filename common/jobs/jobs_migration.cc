#include "common/jobs/jobs_migration.h"

#include "absl/strings/str_format.h"

namespace secsched::jobs {

pg::MigrationFile JobsTableMigration(int version) {
  static constexpr char kSql[] = R"sql(
CREATE TABLE jobs (
  id               text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  type             text NOT NULL,
  scope            text NOT NULL DEFAULT '',
  state            text NOT NULL DEFAULT 'QUEUED'
                   CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
  exclusive_scope  boolean NOT NULL DEFAULT false,
  idempotency_key  text UNIQUE,  -- NULL when the caller gave none
  payload          text NOT NULL DEFAULT '',
  attempt          integer NOT NULL DEFAULT 0,
  deliveries       integer NOT NULL DEFAULT 0,
  progress_percent double precision NOT NULL DEFAULT 0,
  phase            text NOT NULL DEFAULT '',
  result           text NOT NULL DEFAULT '',
  error            text NOT NULL DEFAULT '',
  cancel_requested boolean NOT NULL DEFAULT false,
  published        boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- "One build per trial": a second exclusive job on a scope cannot even be inserted while one
-- is queued or running, without any lock or race in application code.
CREATE UNIQUE INDEX jobs_one_active_exclusive_per_scope ON jobs (scope)
  WHERE exclusive_scope AND state IN ('QUEUED', 'RUNNING');
CREATE INDEX jobs_by_scope ON jobs (scope, created_at DESC);
)sql";
  return pg::MigrationFile{version, absl::StrFormat("%03d_jobs.sql", version), kSql};
}

}  // namespace secsched::jobs
