// A bounded pool of libpqxx connections shared by a service's storage layer.
//
// One connection serves one thread at a time: Acquire() hands out a Lease that owns the
// connection until the lease is destroyed. The pool never holds more than `size` connections;
// when all are leased, Acquire() waits up to `acquire_timeout` and then fails with UNAVAILABLE,
// so an overloaded service sheds load instead of queueing forever.
//
// Broken connections (server restart, pg_terminate_backend, network loss) are detected when a
// lease returns (and before an idle connection is handed out again) and are replaced lazily by
// a fresh connection on a later Acquire().
//
// Leased connections are shared across requests, so keep session state out of them: use
// SET LOCAL inside a transaction, not SET. LISTEN does not belong on a pooled connection (a
// pending notification looks like a dead socket to the health check); open a dedicated one with
// OpenConnection().
//
// The pool must outlive every Lease it hands out.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <pqxx/connection>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace secsched::pg {

struct PgPoolOptions {
  // libpq connection URL, e.g. postgresql://user@host:5432/db?options=-csearch_path%3Dcatalog
  std::string url;
  int size = 8;
  std::chrono::milliseconds acquire_timeout{5000};
};

class PgPool {
 public:
  // Connects one connection eagerly so a wrong URL or an unreachable server fails at start
  // (UNAVAILABLE), not on the first request. size < 1 is INVALID_ARGUMENT.
  static absl::StatusOr<std::unique_ptr<PgPool>> Create(PgPoolOptions options);

  // Exclusive use of one connection; returns it to the pool on destruction. Movable only.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    pqxx::connection& operator*() const { return *connection_; }
    pqxx::connection* operator->() const { return connection_.get(); }

    // Tells the pool not to reuse this connection (e.g. a broken_connection was seen on it or
    // its session state is unknown). It is closed on return and replaced lazily.
    void MarkBroken() { broken_ = true; }

   private:
    friend class PgPool;
    Lease(PgPool* pool, std::unique_ptr<pqxx::connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    void Release() noexcept;

    PgPool* pool_ = nullptr;
    std::unique_ptr<pqxx::connection> connection_;
    bool broken_ = false;
  };

  // Blocks up to acquire_timeout for a free connection:
  // UNAVAILABLE "database connection pool exhausted" on timeout, UNAVAILABLE if a replacement
  // connection cannot be opened.
  absl::StatusOr<Lease> Acquire();

  int size() const { return options_.size; }
  const std::string& url() const { return options_.url; }

  ~PgPool();
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

 private:
  explicit PgPool(PgPoolOptions options) : options_(std::move(options)) {}
  void Return(std::unique_ptr<pqxx::connection> connection, bool broken) noexcept;

  const PgPoolOptions options_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;  // guarded by mutex_
  int open_ = 0;  // connections idle + leased + being opened; guarded by mutex_
};

// Opens one connection outside any pool (used by the pool and by tools that need a dedicated
// session). UNAVAILABLE with a message free of credentials when the server cannot be reached;
// when TLS verification refused the server (sslmode=verify-full with the wrong CA or host name)
// the message says so and gives libpq's reason.
absl::StatusOr<std::unique_ptr<pqxx::connection>> OpenConnection(const std::string& url);

}  // namespace secsched::pg
