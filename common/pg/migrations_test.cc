// ApplyMigrations against a real throwaway PostgreSQL, with the embedded test migrations.
#include "common/pg/migrations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <latch>
#include <pqxx/nontransaction>
#include <thread>

#include "common/pg/testdata/migrations/embedded_migrations.h"
#include "common/testing/servers.h"

namespace secsched::pg {
namespace {

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = secsched::testing::FreshDatabaseUrl();
    pool_ = NewPool();
    ASSERT_NE(pool_, nullptr);
  }

  std::unique_ptr<PgPool> NewPool() {
    absl::StatusOr<std::unique_ptr<PgPool>> pool = PgPool::Create({url_, 1});
    EXPECT_TRUE(pool.ok()) << pool.status();
    return pool.ok() ? *std::move(pool) : nullptr;
  }

  int QueryInt(const std::string& sql) {
    absl::StatusOr<PgPool::Lease> lease = pool_->Acquire();
    EXPECT_TRUE(lease.ok());
    pqxx::nontransaction tx(**lease);
    return tx.exec1(sql)[0].as<int>();
  }

  std::string url_;
  std::unique_ptr<PgPool> pool_;
  const std::vector<MigrationFile> files_ = test_migrations::Migrations();
};

TEST_F(MigrationsTest, FreshApplyCreatesSchemaTablesAndLedger) {
  absl::StatusOr<MigrationReport> report = ApplyMigrations(*pool_, "catalog", files_);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->applied, (std::vector<int>{1, 2, 10}));
  EXPECT_EQ(report->already_applied, 0);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM catalog.rooms"), 2);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM catalog.applications"), 3);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM catalog.schema_migrations WHERE checksum = '" +
                     Sha256Hex(files_[0].sql) + "' AND name = '001_create_rooms.sql'"),
            1);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM catalog.schema_migrations WHERE applied_at <= now()"),
            3);
}

TEST_F(MigrationsTest, ReapplyIsANoOp) {
  ASSERT_TRUE(ApplyMigrations(*pool_, "catalog", files_).ok());
  absl::StatusOr<MigrationReport> again = ApplyMigrations(*pool_, "catalog", files_);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(again->already_applied, 3);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM catalog.applications"), 3);
}

TEST_F(MigrationsTest, AppliesOnlyNewFiles) {
  const std::vector<MigrationFile> first_two(files_.begin(), files_.begin() + 2);
  ASSERT_TRUE(ApplyMigrations(*pool_, "catalog", first_two).ok());
  absl::StatusOr<MigrationReport> report = ApplyMigrations(*pool_, "catalog", files_);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->applied, (std::vector<int>{10}));
  EXPECT_EQ(report->already_applied, 2);
}

TEST_F(MigrationsTest, SchemaStatusSaysBehindUpToDateAheadAndChanged) {
  absl::StatusOr<SchemaStatus> fresh = ReadSchemaStatus(*pool_, "catalog", files_);
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_EQ(fresh->pending.size(), 3u);  // nothing exists yet: all pending, nothing created
  EXPECT_FALSE(fresh->up_to_date());
  EXPECT_EQ(QueryInt("SELECT count(*) FROM pg_namespace WHERE nspname = 'catalog'"), 0);

  const std::vector<MigrationFile> first_two(files_.begin(), files_.begin() + 2);
  ASSERT_TRUE(ApplyMigrations(*pool_, "catalog", first_two).ok());
  absl::StatusOr<SchemaStatus> behind = ReadSchemaStatus(*pool_, "catalog", files_);
  ASSERT_TRUE(behind.ok());
  EXPECT_EQ(behind->pending, std::vector<std::string>{"010_seed_rooms.sql"});
  EXPECT_EQ(behind->applied, 2);

  ASSERT_TRUE(ApplyMigrations(*pool_, "catalog", files_).ok());
  absl::StatusOr<SchemaStatus> current = ReadSchemaStatus(*pool_, "catalog", files_);
  ASSERT_TRUE(current.ok());
  EXPECT_TRUE(current->up_to_date());
  EXPECT_TRUE(current->unknown.empty());

  // An older binary (rolled back) knows only the first two: the database is ahead, not behind.
  absl::StatusOr<SchemaStatus> ahead = ReadSchemaStatus(*pool_, "catalog", first_two);
  ASSERT_TRUE(ahead.ok());
  EXPECT_TRUE(ahead->up_to_date());
  EXPECT_EQ(ahead->unknown, std::vector<std::string>{"010_seed_rooms.sql"});

  std::vector<MigrationFile> edited = files_;
  edited[0].sql += "\n-- edited";
  absl::StatusOr<SchemaStatus> changed = ReadSchemaStatus(*pool_, "catalog", edited);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->changed, std::vector<std::string>{"001_create_rooms.sql"});
  EXPECT_FALSE(changed->up_to_date());
}

TEST_F(MigrationsTest, SchemasAreIndependent) {
  ASSERT_TRUE(ApplyMigrations(*pool_, "catalog", files_).ok());
  absl::StatusOr<MigrationReport> other = ApplyMigrations(*pool_, "requests", files_);
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_EQ(other->applied.size(), 3u);
}

TEST_F(MigrationsTest, ConcurrentMigratorsApplyEachFileExactlyOnce) {
  constexpr int kMigrators = 4;
  std::vector<std::unique_ptr<PgPool>> pools;
  for (int i = 0; i < kMigrators; ++i) pools.push_back(NewPool());
  std::vector<absl::StatusOr<MigrationReport>> reports(kMigrators, absl::UnknownError("unset"));
  std::latch start(kMigrators);
  std::vector<std::thread> threads;
  for (int i = 0; i < kMigrators; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();  // maximise overlap: all call ApplyMigrations together
      reports[i] = ApplyMigrations(*pools[i], "catalog", files_);
    });
  }
  for (std::thread& thread : threads) thread.join();

  std::vector<int> applied;
  for (const auto& report : reports) {
    ASSERT_TRUE(report.ok()) << report.status();
    applied.insert(applied.end(), report->applied.begin(), report->applied.end());
  }
  std::sort(applied.begin(), applied.end());
  EXPECT_EQ(applied, (std::vector<int>{1, 2, 10}));
  EXPECT_EQ(QueryInt("SELECT count(*) FROM catalog.applications"), 3);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM catalog.schema_migrations"), 3);
}

TEST_F(MigrationsTest, ChangedFileIsRefusedAndNothingNewerIsApplied) {
  const std::vector<MigrationFile> first_two(files_.begin(), files_.begin() + 2);
  ASSERT_TRUE(ApplyMigrations(*pool_, "catalog", first_two).ok());
  std::vector<MigrationFile> edited = files_;
  edited[0].sql += "\n-- an innocent-looking comment\n";
  absl::StatusOr<MigrationReport> report = ApplyMigrations(*pool_, "catalog", edited);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(report.status().message(),
            "migration 001_create_rooms.sql was changed after it was applied");
  EXPECT_EQ(QueryInt("SELECT count(*) FROM catalog.schema_migrations"), 2);
}

TEST_F(MigrationsTest, FailingFileIsRolledBackAndNamed) {
  std::vector<MigrationFile> files = files_;
  files.push_back({11, "011_broken.sql", "CREATE TABLE half_done (id int);\nSELEC oops;"});
  absl::StatusOr<MigrationReport> report = ApplyMigrations(*pool_, "catalog", files);
  EXPECT_EQ(report.status().code(), absl::StatusCode::kInternal);
  EXPECT_NE(report.status().message().find("migration 011_broken.sql failed"), std::string::npos)
      << report.status();
  EXPECT_EQ(QueryInt("SELECT count(*) FROM catalog.schema_migrations"), 3);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'"), 0);
  // The lock was released: the next run proceeds.
  EXPECT_TRUE(ApplyMigrations(*pool_, "catalog", files_).ok());
}

TEST_F(MigrationsTest, RejectsBadVersionsAndSchemaNames) {
  std::vector<MigrationFile> duplicate = {{1, "001_a.sql", "SELECT 1"}, {1, "001_b.sql", ""}};
  EXPECT_EQ(ApplyMigrations(*pool_, "catalog", duplicate).status().code(),
            absl::StatusCode::kInvalidArgument);
  std::vector<MigrationFile> decreasing = {{2, "002_a.sql", ""}, {1, "001_b.sql", ""}};
  EXPECT_EQ(ApplyMigrations(*pool_, "catalog", decreasing).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ApplyMigrations(*pool_, "Catalog; DROP", files_).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace secsched::pg
