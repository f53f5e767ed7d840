// PgPool against a real throwaway PostgreSQL.
#include "common/pg/pool.h"

#include <gtest/gtest.h>

#include <pqxx/nontransaction>
#include <thread>

#include "common/pg/transaction.h"
#include "common/testing/servers.h"

namespace secsched::pg {
namespace {

using ::secsched::testing::FreshDatabaseUrl;
using ::secsched::testing::WaitFor;

std::unique_ptr<PgPool> MakePool(const std::string& url, int size,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  absl::StatusOr<std::unique_ptr<PgPool>> pool = PgPool::Create({url, size, timeout});
  EXPECT_TRUE(pool.ok()) << pool.status();
  return pool.ok() ? *std::move(pool) : nullptr;
}

int SelectOne(pqxx::connection& connection) {
  pqxx::nontransaction tx(connection);
  return tx.exec1("SELECT 1")[0].as<int>();
}

// Terminates a backend from another session and waits until it is really gone.
void TerminateBackend(const std::string& url, int backend_pid) {
  pqxx::connection admin(url);
  pqxx::nontransaction tx(admin);
  tx.exec_params("SELECT pg_terminate_backend($1)", backend_pid);
  ASSERT_TRUE(WaitFor(
      [&] {
        return tx.exec_params1("SELECT count(*) FROM pg_stat_activity WHERE pid = $1",
                               backend_pid)[0]
                   .as<int>() == 0;
      },
      std::chrono::seconds(10)));
}

TEST(PgPool, CreateRejectsUnreachableServerAsUnavailable) {
  const int closed_port = secsched::testing::FreeTcpPort();
  absl::StatusOr<std::unique_ptr<PgPool>> pool =
      PgPool::Create({"postgresql://postgres@127.0.0.1:" + std::to_string(closed_port) + "/x"});
  EXPECT_EQ(pool.status().code(), absl::StatusCode::kUnavailable);
}

TEST(PgPool, CreateRejectsNonPositiveSize) {
  EXPECT_EQ(PgPool::Create({FreshDatabaseUrl(), 0}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PgPool, ReleasedConnectionIsReused) {
  auto pool = MakePool(FreshDatabaseUrl(), 2);
  ASSERT_NE(pool, nullptr);
  EXPECT_EQ(pool->size(), 2);
  int first_pid = 0;
  {
    absl::StatusOr<PgPool::Lease> lease = pool->Acquire();
    ASSERT_TRUE(lease.ok()) << lease.status();
    EXPECT_EQ(SelectOne(**lease), 1);
    first_pid = (*lease)->backendpid();
  }
  absl::StatusOr<PgPool::Lease> again = pool->Acquire();
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ((*again)->backendpid(), first_pid);
}

TEST(PgPool, ExhaustedPoolTimesOutWithUnavailable) {
  auto pool = MakePool(FreshDatabaseUrl(), 2, std::chrono::milliseconds(100));
  ASSERT_NE(pool, nullptr);
  absl::StatusOr<PgPool::Lease> a = pool->Acquire();
  absl::StatusOr<PgPool::Lease> b = pool->Acquire();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE((*a)->backendpid(), (*b)->backendpid());  // one connection per lease

  absl::StatusOr<PgPool::Lease> c = pool->Acquire();
  EXPECT_EQ(c.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(c.status().message(), "database connection pool exhausted");

  *a = std::move(*b);  // move-assigning returns a's old connection to the pool
  absl::StatusOr<PgPool::Lease> d = pool->Acquire();
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(SelectOne(**d), 1);
}

TEST(PgPool, WaitingAcquireGetsTheReturnedConnection) {
  auto pool = MakePool(FreshDatabaseUrl(), 1, std::chrono::seconds(30));
  ASSERT_NE(pool, nullptr);
  std::optional<PgPool::Lease> held(*pool->Acquire());
  absl::Status waiter_status;
  std::thread waiter([&] {
    absl::StatusOr<PgPool::Lease> lease = pool->Acquire();
    waiter_status = lease.ok() ? absl::OkStatus() : lease.status();
    if (lease.ok()) {
      EXPECT_EQ(SelectOne(**lease), 1);
    }
  });
  held.reset();
  waiter.join();
  EXPECT_TRUE(waiter_status.ok()) << waiter_status;
}

TEST(PgPool, TerminatedIdleConnectionIsReplaced) {
  const std::string url = FreshDatabaseUrl();
  auto pool = MakePool(url, 1);
  ASSERT_NE(pool, nullptr);
  int old_pid = 0;
  {
    absl::StatusOr<PgPool::Lease> lease = pool->Acquire();
    ASSERT_TRUE(lease.ok());
    old_pid = (*lease)->backendpid();
  }
  TerminateBackend(url, old_pid);

  absl::StatusOr<PgPool::Lease> lease = pool->Acquire();
  ASSERT_TRUE(lease.ok()) << lease.status();
  EXPECT_EQ(SelectOne(**lease), 1);
  EXPECT_NE((*lease)->backendpid(), old_pid);
}

TEST(PgPool, ConnectionTerminatedDuringUseIsUnavailableThenReplaced) {
  const std::string url = FreshDatabaseUrl();
  auto pool = MakePool(url, 1);
  ASSERT_NE(pool, nullptr);
  absl::Status status = WithTransaction(*pool, [&](pqxx::work& tx) -> absl::Status {
    const int own_pid = tx.exec1("SELECT pg_backend_pid()")[0].as<int>();
    TerminateBackend(url, own_pid);
    tx.exec("SELECT 1");  // the server is gone: throws broken_connection
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;

  status = WithTransaction(*pool, [](pqxx::work& tx) -> absl::Status {
    tx.exec("SELECT 1");
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << status;
}

}  // namespace
}  // namespace secsched::pg
