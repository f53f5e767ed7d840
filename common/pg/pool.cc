#include "common/pg/pool.h"

#include <poll.h>
#include <spdlog/spdlog.h>

#include <pqxx/except>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace secsched::pg {
namespace {

// An idle connection has no query in flight, so the server only writes to it when it is going
// away (pg_terminate_backend, shutdown: an error message, then EOF). Readable socket = dead.
// This costs a poll(2) instead of a round trip per Acquire().
bool LooksUsable(pqxx::connection& connection) {
  if (!connection.is_open()) return false;
  const int fd = connection.sock();
  if (fd < 0) return false;
  pollfd pending{.fd = fd, .events = POLLIN, .revents = 0};
  const int ready = ::poll(&pending, 1, 0);
  return ready == 0;
}

// libpq's reason when TLS verification refused the server (wrong CA, a host name the certificate
// does not name, no root certificate file), without its "connection to server at ... failed:"
// prefix; empty for other failures. These reasons name hosts and files, never credentials, and
// they are the ones an operator must see to fix the URL's sslrootcert or host.
std::string TlsFailureReason(absl::string_view libpq_message) {
  static constexpr absl::string_view kMarkers[] = {"certificate", "SSL", "sslmode"};
  bool tls = false;
  for (absl::string_view marker : kMarkers) tls = tls || absl::StrContains(libpq_message, marker);
  if (!tls) return "";
  constexpr absl::string_view kFailed = " failed: ";
  const size_t failed = libpq_message.find(kFailed);
  absl::string_view reason = failed == absl::string_view::npos
                                 ? libpq_message
                                 : libpq_message.substr(failed + kFailed.size());
  return std::string(absl::StripAsciiWhitespace(reason.substr(0, reason.find('\n'))));
}

}  // namespace

absl::StatusOr<std::unique_ptr<pqxx::connection>> OpenConnection(const std::string& url) {
  try {
    auto connection = std::make_unique<pqxx::connection>(url);
    // pqxx 6 silently reconnects a broken connection on next use; the pool replaces broken
    // connections itself, and a silent reconnect would lose session state unnoticed.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // no replacement in pqxx 6.4
    connection->inhibit_reactivation(true);
#pragma GCC diagnostic pop
    return connection;
  } catch (const std::exception& e) {
    // libpq's text may echo host names but never the password; keep it out of the status
    // anyway and log it instead.
    spdlog::warn("cannot connect to PostgreSQL: {}", e.what());
    const std::string tls_reason = TlsFailureReason(e.what());
    if (!tls_reason.empty()) {
      return absl::UnavailableError(
          absl::StrCat("cannot connect to the database: TLS verification failed: ", tls_reason));
    }
    return absl::UnavailableError("cannot connect to the database");
  }
}

absl::StatusOr<std::unique_ptr<PgPool>> PgPool::Create(PgPoolOptions options) {
  if (options.size < 1) return absl::InvalidArgumentError("pool size must be at least 1");
  if (options.url.empty()) return absl::InvalidArgumentError("database URL is empty");
  absl::StatusOr<std::unique_ptr<pqxx::connection>> first = OpenConnection(options.url);
  if (!first.ok()) return first.status();
  std::unique_ptr<PgPool> pool(new PgPool(std::move(options)));
  pool->idle_.push_back(*std::move(first));
  pool->open_ = 1;
  return pool;
}

PgPool::~PgPool() = default;

absl::StatusOr<PgPool::Lease> PgPool::Acquire() {
  std::unique_ptr<pqxx::connection> connection;
  {
    std::unique_lock lock(mutex_);
    const bool got_slot = returned_.wait_for(
        lock, options_.acquire_timeout, [&] { return !idle_.empty() || open_ < options_.size; });
    if (!got_slot) return absl::UnavailableError("database connection pool exhausted");
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++open_;  // reserve the slot; the connection is opened below, outside the lock
    }
  }
  if (connection != nullptr && !LooksUsable(*connection)) {
    spdlog::info("replacing a broken database connection");
    connection.reset();
  }
  if (connection == nullptr) {
    absl::StatusOr<std::unique_ptr<pqxx::connection>> fresh = OpenConnection(options_.url);
    if (!fresh.ok()) {
      std::lock_guard lock(mutex_);
      --open_;
      returned_.notify_one();
      return fresh.status();
    }
    connection = *std::move(fresh);
  }
  return Lease(this, std::move(connection));
}

void PgPool::Return(std::unique_ptr<pqxx::connection> connection, bool broken) noexcept {
  if (broken || !connection->is_open()) {
    connection.reset();  // close outside the lock
    std::lock_guard lock(mutex_);
    --open_;
  } else {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  returned_.notify_one();
}

PgPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      connection_(std::move(other.connection_)),
      broken_(other.broken_) {}

PgPool::Lease& PgPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    Release();
    pool_ = std::exchange(other.pool_, nullptr);
    connection_ = std::move(other.connection_);
    broken_ = other.broken_;
  }
  return *this;
}

PgPool::Lease::~Lease() { Release(); }

void PgPool::Lease::Release() noexcept {
  if (pool_ != nullptr && connection_ != nullptr) {
    pool_->Return(std::move(connection_), broken_);
  }
  pool_ = nullptr;
  connection_.reset();
}

}  // namespace secsched::pg
