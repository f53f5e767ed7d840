// ExecPrepared against a real throwaway PostgreSQL: prepared once per connection, and still
// usable after a rolled-back or failed transaction.
#include "common/pg/prepared.h"

#include <gtest/gtest.h>

#include "common/pg/pool.h"
#include "common/testing/servers.h"

namespace secsched::pg {
namespace {

class ExecPreparedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<PgPool>> pool =
        PgPool::Create({secsched::testing::FreshDatabaseUrl(), 1});
    ASSERT_TRUE(pool.ok()) << pool.status();
    pool_ = *std::move(pool);
  }

  // How many statements this connection has prepared on the server.
  static int ServerPrepared(pqxx::transaction_base& tx) {
    return tx.exec1("SELECT count(*) FROM pg_prepared_statements")[0].as<int>();
  }

  std::unique_ptr<PgPool> pool_;
};

constexpr char kAddOne[] = "SELECT $1::int + 1";

TEST_F(ExecPreparedTest, PreparesOncePerConnectionAndReusesIt) {
  absl::StatusOr<PgPool::Lease> lease = pool_->Acquire();
  ASSERT_TRUE(lease.ok());
  for (int i = 0; i < 3; ++i) {
    pqxx::work tx(**lease);
    EXPECT_EQ(ExecPrepared(tx, kAddOne, i)[0][0].as<int>(), i + 1);
    EXPECT_EQ(ServerPrepared(tx), 1);
    tx.commit();
  }
  pqxx::work tx(**lease);
  EXPECT_EQ(ExecPrepared(tx, "SELECT $1::text || 'x'", "a")[0][0].as<std::string>(), "ax");
  EXPECT_EQ(ServerPrepared(tx), 2);
}

TEST_F(ExecPreparedTest, SurvivesARolledBackAndAFailedTransaction) {
  absl::StatusOr<PgPool::Lease> lease = pool_->Acquire();
  ASSERT_TRUE(lease.ok());
  {
    pqxx::work tx(**lease);
    EXPECT_EQ(ExecPrepared(tx, kAddOne, 1)[0][0].as<int>(), 2);
    tx.abort();
  }
  {
    pqxx::work tx(**lease);
    EXPECT_THROW(ExecPrepared(tx, "SELECT 1 / $1::int", 0), pqxx::data_exception);
  }
  pqxx::work tx(**lease);
  EXPECT_EQ(ExecPrepared(tx, kAddOne, 2)[0][0].as<int>(), 3);
  EXPECT_EQ(ExecPrepared(tx, "SELECT 1 / $1::int", 1)[0][0].as<int>(), 1);
}

TEST(PreparedNameTest, DiffersForDifferentTextAndIsStableForTheSame) {
  EXPECT_EQ(PreparedName(kAddOne), PreparedName(std::string(kAddOne)));
  EXPECT_NE(PreparedName(kAddOne), PreparedName("SELECT $1::int + 2"));
}

}  // namespace
}  // namespace secsched::pg
