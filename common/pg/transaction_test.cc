// WithTransaction against a real throwaway PostgreSQL.
#include "common/pg/transaction.h"

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <pqxx/nontransaction>
#include <stdexcept>
#include <thread>

#include "common/pg/errors.h"
#include "common/testing/servers.h"

namespace secsched::pg {
namespace {

class WithTransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<PgPool>> pool =
        PgPool::Create({secsched::testing::FreshDatabaseUrl(), 4});
    ASSERT_TRUE(pool.ok()) << pool.status();
    pool_ = *std::move(pool);
    Exec("CREATE TABLE rooms (id text PRIMARY KEY, capacity int NOT NULL)");
  }

  void Exec(const std::string& sql) {
    absl::StatusOr<PgPool::Lease> lease = pool_->Acquire();
    ASSERT_TRUE(lease.ok());
    pqxx::nontransaction tx(**lease);
    tx.exec0(sql);
  }

  int CountRooms() {
    absl::StatusOr<int> count = WithTransaction(*pool_, [](pqxx::work& tx) -> absl::StatusOr<int> {
      return tx.exec1("SELECT count(*) FROM rooms")[0].as<int>();
    });
    EXPECT_TRUE(count.ok()) << count.status();
    return count.value_or(-1);
  }

  std::unique_ptr<PgPool> pool_;
};

TEST_F(WithTransactionTest, CommitsWhenFnReturnsOk) {
  absl::Status status = WithTransaction(*pool_, [](pqxx::work& tx) {
    tx.exec0("INSERT INTO rooms VALUES ('r-101', 30)");
    return absl::OkStatus();
  });
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(CountRooms(), 1);
}

TEST_F(WithTransactionTest, RollsBackAndReturnsTheErrorStatus) {
  absl::Status status = WithTransaction(*pool_, [](pqxx::work& tx) {
    tx.exec0("INSERT INTO rooms VALUES ('r-101', 30)");
    return absl::FailedPreconditionError("room is closed");
  });
  EXPECT_EQ(status, absl::FailedPreconditionError("room is closed"));
  EXPECT_EQ(CountRooms(), 0);
}

TEST_F(WithTransactionTest, StatusOrReturnsTheValueOfTheCommittedAttempt) {
  absl::StatusOr<std::string> id =
      WithTransaction(*pool_, [](pqxx::work& tx) -> absl::StatusOr<std::string> {
        return tx.exec1("INSERT INTO rooms VALUES ('r-7', 12) RETURNING id")[0].as<std::string>();
      });
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(*id, "r-7");
}

TEST_F(WithTransactionTest, UniqueViolationIsAlreadyExists) {
  Exec("INSERT INTO rooms VALUES ('r-101', 30)");
  absl::Status status = WithTransaction(*pool_, [](pqxx::work& tx) {
    tx.exec0("INSERT INTO rooms VALUES ('r-101', 25)");
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists) << status;
}

TEST_F(WithTransactionTest, ExceptionsFromFnBecomeStatus) {
  absl::Status status = WithTransaction(*pool_, [](pqxx::work& tx) -> absl::Status {
    tx.exec0("INSERT INTO rooms VALUES ('r-1', 1)");
    throw std::runtime_error("bug in storage code");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(CountRooms(), 0);

  status = WithTransaction(*pool_, [](pqxx::work& tx) {
    tx.exec0("INSERT INTO rooms VALUES ('r-1', NULL)");
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
}

TEST_F(WithTransactionTest, SetsTheRequestedIsolationLevel) {
  const auto isolation_seen = [&](Isolation isolation) {
    return WithTransaction(*pool_,
                           [](pqxx::work& tx) -> absl::StatusOr<std::string> {
                             return tx.exec1("SHOW transaction_isolation")[0].as<std::string>();
                           },
                           {.isolation = isolation});
  };
  EXPECT_EQ(isolation_seen(Isolation::kReadCommitted).value_or(""), "read committed");
  EXPECT_EQ(isolation_seen(Isolation::kRepeatableRead).value_or(""), "repeatable read");
  EXPECT_EQ(isolation_seen(Isolation::kSerializable).value_or(""), "serializable");
}

// Inside a transaction block the transaction started at BEGIN, a round trip before the query;
// outside one, the statement is its own transaction and both start together.
constexpr char kOwnTransaction[] =
    "SELECT xact_start = query_start FROM pg_stat_activity WHERE pid = pg_backend_pid()";

TEST_F(WithTransactionTest, ASingleStatementReadRunsWithoutBeginAndCommit) {
  absl::StatusOr<bool> alone =
      WithSingleStatementRead(*pool_, [](pqxx::nontransaction& tx) -> absl::StatusOr<bool> {
        return tx.exec1(kOwnTransaction)[0].as<bool>();
      });
  ASSERT_TRUE(alone.ok()) << alone.status();
  EXPECT_TRUE(*alone);
  absl::StatusOr<bool> in_block =
      WithTransaction(*pool_, [](pqxx::work& tx) -> absl::StatusOr<bool> {
        return tx.exec1(kOwnTransaction)[0].as<bool>();
      });
  ASSERT_TRUE(in_block.ok()) << in_block.status();
  EXPECT_FALSE(*in_block) << "the control: WithTransaction does begin a block";
}

TEST_F(WithTransactionTest, ASingleStatementReadReturnsTheValueOrTheTranslatedError) {
  Exec("INSERT INTO rooms VALUES ('r-9', 20)");
  absl::StatusOr<int> capacity =
      WithSingleStatementRead(*pool_, [](pqxx::nontransaction& tx) -> absl::StatusOr<int> {
        pqxx::result rows = tx.exec("SELECT capacity FROM rooms WHERE id = 'r-9'");
        if (rows.empty()) return absl::NotFoundError("no room");
        return rows[0][0].as<int>();
      });
  EXPECT_EQ(capacity.value_or(-1), 20);
  absl::StatusOr<int> missing =
      WithSingleStatementRead(*pool_, [](pqxx::nontransaction& tx) -> absl::StatusOr<int> {
        if (tx.exec("SELECT 1 FROM rooms WHERE id = 'r-0'").empty()) {
          return absl::NotFoundError("no room r-0");
        }
        return 1;
      });
  EXPECT_EQ(missing.status(), absl::NotFoundError("no room r-0"));
  absl::StatusOr<int> broken =
      WithSingleStatementRead(*pool_, [](pqxx::nontransaction& tx) -> absl::StatusOr<int> {
        return tx.exec1("SELECT capacity FROM no_such_table")[0].as<int>();
      });
  EXPECT_FALSE(broken.ok());
  EXPECT_NE(broken.status().code(), absl::StatusCode::kOk);
  // The connection went back to the pool usable.
  EXPECT_EQ(CountRooms(), 1);
}

// Write skew under SERIALIZABLE: each transaction reads the total of both rows, then writes
// total + 1 into its own row. Run concurrently (both read before either writes: the barrier on
// the first attempt), PostgreSQL must abort one with a serialization failure. Any serial order
// leaves the rows at {1, 2}; without a retry one transaction would simply fail.
class SerializationRetryTest : public WithTransactionTest {
 protected:
  void SetUp() override {
    WithTransactionTest::SetUp();
    Exec("CREATE TABLE counters (id int PRIMARY KEY, v int NOT NULL)");
    Exec("INSERT INTO counters VALUES (1, 0), (2, 0)");
  }

  // Runs the two transactions; returns their statuses.
  std::pair<absl::Status, absl::Status> RunConcurrently(int max_attempts) {
    std::barrier both_have_read(2);
    std::atomic<int> attempts{0};
    auto run = [&](int own_row, absl::Status& out) {
      bool first_attempt = true;
      out = WithTransaction(
          *pool_,
          [&](pqxx::work& tx) -> absl::Status {
            ++attempts;
            const int total = tx.exec1("SELECT sum(v) FROM counters")[0].as<int>();
            if (std::exchange(first_attempt, false)) both_have_read.arrive_and_wait();
            tx.exec_params("UPDATE counters SET v = $1 WHERE id = $2", total + 1, own_row);
            return absl::OkStatus();
          },
          {.isolation = Isolation::kSerializable, .max_attempts = max_attempts});
    };
    absl::Status first, second;
    std::thread a(run, 1, std::ref(first));
    std::thread b(run, 2, std::ref(second));
    a.join();
    b.join();
    attempts_ = attempts.load();
    return {first, second};
  }

  std::vector<int> Values() {
    absl::StatusOr<std::vector<int>> values =
        WithTransaction(*pool_, [](pqxx::work& tx) -> absl::StatusOr<std::vector<int>> {
          std::vector<int> out;
          for (const pqxx::row& row : tx.exec("SELECT v FROM counters ORDER BY v")) {
            out.push_back(row[0].as<int>());
          }
          return out;
        });
    return values.value_or(std::vector<int>{});
  }

  int attempts_ = 0;
};

TEST_F(SerializationRetryTest, RetriesARealSerializationFailure) {
  auto [first, second] = RunConcurrently(/*max_attempts=*/5);
  EXPECT_TRUE(first.ok()) << first;
  EXPECT_TRUE(second.ok()) << second;
  EXPECT_GE(attempts_, 3);  // the loser ran again (more than once if it retried early)
  EXPECT_EQ(Values(), (std::vector<int>{1, 2}));
}

TEST_F(SerializationRetryTest, GivesUpAfterMaxAttemptsWithRetryableAborted) {
  auto [first, second] = RunConcurrently(/*max_attempts=*/1);
  const absl::Status& failed = first.ok() ? second : first;
  EXPECT_TRUE(first.ok() != second.ok()) << first << " / " << second;
  EXPECT_EQ(failed.code(), absl::StatusCode::kAborted);
  EXPECT_TRUE(IsRetryableTransactionFailure(failed));
  EXPECT_EQ(Values(), (std::vector<int>{0, 1}));
}

}  // namespace
}  // namespace secsched::pg
