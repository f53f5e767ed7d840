// Shared by the jobs integration tests: one fresh database with the jobs table (schema
// "sectioning", selected through search_path like a service does) and the shared Redis.
// Tests isolate themselves with UniqueName() types, scopes and keys.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <pqxx/nontransaction>
#include <string>

#include "common/jobs/jobs_migration.h"
#include "common/pg/migrations.h"
#include "common/pg/pool.h"
#include "common/redis/redis_connections.h"
#include "common/testing/servers.h"

namespace secsched::jobs::testing {

struct JobsTestEnv {
  std::unique_ptr<pg::PgPool> pool;
  std::unique_ptr<redis::RedisConnections> redis;

  static JobsTestEnv& Shared() {
    static JobsTestEnv* const env = [] {
      auto* made = new JobsTestEnv;
      std::string url = secsched::testing::FreshDatabaseUrl();
      url += (url.find('?') == std::string::npos ? "?" : "&");
      url += "options=-csearch_path%3Dsectioning";
      absl::StatusOr<std::unique_ptr<pg::PgPool>> pool = pg::PgPool::Create({url, 4});
      EXPECT_TRUE(pool.ok()) << pool.status();
      if (!pool.ok()) return made;
      made->pool = *std::move(pool);
      absl::StatusOr<pg::MigrationReport> migrated =
          pg::ApplyMigrations(*made->pool, "sectioning", {JobsTableMigration(1)});
      EXPECT_TRUE(migrated.ok()) << migrated.status();
      absl::StatusOr<redis::RedisOptions> options =
          redis::RedisOptions::FromUrl(secsched::testing::SharedRedis().url());
      EXPECT_TRUE(options.ok()) << options.status();
      made->redis = std::make_unique<redis::RedisConnections>(*options);
      return made;
    }();
    return *env;
  }

  // One integer from SQL, for assertions on what PostgreSQL really holds.
  int64_t QueryInt(const std::string& sql) {
    absl::StatusOr<pg::PgPool::Lease> lease = pool->Acquire();
    EXPECT_TRUE(lease.ok()) << lease.status();
    pqxx::nontransaction tx(**lease);
    return tx.exec1(sql)[0].as<int64_t>();
  }

  redis::RedisClient& Redis() { return **redis->ForThisThread(); }
};

}  // namespace secsched::jobs::testing
