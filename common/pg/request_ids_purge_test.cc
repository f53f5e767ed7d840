// Purging expired request_id claims (PurgeRequestIds, RequestIdPurger) on a real PostgreSQL.
#include <gtest/gtest.h>

#include <pqxx/nontransaction>
#include <string>

#include "common/pg/migrations.h"
#include "common/pg/pool.h"
#include "common/pg/request_ids.h"
#include "common/pg/transaction.h"
#include "common/testing/servers.h"

namespace secsched::pg {
namespace {

using std::chrono::hours;

class RequestIdsPurgeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<PgPool>> pool =
        PgPool::Create({.url = secsched::testing::FreshDatabaseUrl(), .size = 2});
    ASSERT_TRUE(pool.ok()) << pool.status();
    pool_ = *std::move(pool);
    ASSERT_TRUE(ApplyMigrations(*pool_, "public", {RequestIdsTableMigration(1)}).ok());
  }

  // A claim as ClaimRequestId writes it, dated `age` ago.
  void InsertClaim(const std::string& request_id, hours age) {
    absl::Status inserted = WithTransaction(*pool_, [&](pqxx::work& tx) -> absl::Status {
      tx.exec_params(
          "INSERT INTO request_ids (scope, request_id, create_time)"
          " VALUES ('courses', $1, now() - make_interval(hours => $2))",
          request_id, static_cast<int>(age.count()));
      return absl::OkStatus();
    });
    ASSERT_TRUE(inserted.ok()) << inserted;
  }

  int CountClaims(const std::string& like = "%") {
    absl::StatusOr<PgPool::Lease> lease = pool_->Acquire();
    EXPECT_TRUE(lease.ok());
    pqxx::nontransaction tx(**lease);
    return tx.exec_params1("SELECT count(*) FROM request_ids WHERE request_id LIKE $1", like)[0]
        .as<int>();
  }

  std::unique_ptr<PgPool> pool_;
};

TEST_F(RequestIdsPurgeTest, DeletesOnlyClaimsOlderThanTheRetention) {
  InsertClaim("old-8d", hours(8 * 24));
  InsertClaim("recent-6d", hours(6 * 24));
  InsertClaim("new", hours(0));

  absl::StatusOr<int64_t> purged = PurgeRequestIds(*pool_, hours(7 * 24));
  ASSERT_TRUE(purged.ok()) << purged.status();
  EXPECT_EQ(*purged, 1);
  EXPECT_EQ(CountClaims("old-%"), 0);
  EXPECT_EQ(CountClaims("recent-%"), 1);
  EXPECT_EQ(CountClaims("new"), 1);
}

TEST_F(RequestIdsPurgeTest, WorksThroughABacklogInBatches) {
  for (int i = 0; i < 25; ++i) InsertClaim("old-" + std::to_string(i), hours(200));
  InsertClaim("new", hours(1));

  absl::StatusOr<int64_t> purged = PurgeRequestIds(*pool_, hours(7 * 24), /*batch_size=*/10);
  ASSERT_TRUE(purged.ok()) << purged.status();
  EXPECT_EQ(*purged, 25);
  EXPECT_EQ(CountClaims(), 1);
}

TEST_F(RequestIdsPurgeTest, APurgedKeyCanBeClaimedAgain) {
  InsertClaim("reused", hours(8 * 24));
  ASSERT_TRUE(PurgeRequestIds(*pool_, hours(7 * 24)).ok());
  absl::Status claimed = WithTransaction(*pool_, [&](pqxx::work& tx) -> absl::Status {
    RequestFingerprintScope fingerprint("another body");
    return ClaimRequestId(tx, "courses", "reused");
  });
  EXPECT_TRUE(claimed.ok()) << claimed;
  EXPECT_EQ(CountClaims("reused"), 1);
}

TEST_F(RequestIdsPurgeTest, PurgerPurgesWhenStartedAndKeepsRunning) {
  InsertClaim("old", hours(8 * 24));
  InsertClaim("new", hours(0));
  RequestIdPurger purger(*pool_, hours(7 * 24), std::chrono::milliseconds(20));
  ASSERT_TRUE(
      secsched::testing::WaitFor([&] { return purger.rounds() >= 1; }, std::chrono::seconds(10)));
  EXPECT_EQ(CountClaims("old"), 0);
  EXPECT_EQ(CountClaims("new"), 1);
  // Later rounds find what has expired since (here: a claim aged past the retention).
  InsertClaim("old-later", hours(8 * 24));
  const int64_t seen = purger.rounds();
  ASSERT_TRUE(secsched::testing::WaitFor([&] { return purger.rounds() >= seen + 2; },
                                         std::chrono::seconds(10)));
  EXPECT_EQ(CountClaims("old-later"), 0);
}

TEST(RequestIdsTable, RecognisedAmongAServicesMigrations) {
  EXPECT_TRUE(HasRequestIdsTable({{1, "001_init.sql", ""}, RequestIdsTableMigration(2)}));
  EXPECT_FALSE(HasRequestIdsTable({{1, "001_init.sql", ""}}));
}

}  // namespace
}  // namespace secsched::pg
