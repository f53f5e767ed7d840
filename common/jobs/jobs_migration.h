// The DDL of the `jobs` table. Each service that owns jobs adds it to its migration list with
// the next free version number, so the table lives in that service's schema.
#pragma once

#include "common/pg/migrations.h"

namespace secsched::jobs {

// Unqualified names: migrations run with search_path = the service schema.
pg::MigrationFile JobsTableMigration(int version);

}  // namespace secsched::jobs
