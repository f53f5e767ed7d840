#include "common/service/readiness.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <memory>
#include <pqxx/connection>
#include <pqxx/nontransaction>

#include "common/status/strings.h"

namespace secsched {
namespace {

// libpq waits for a TCP connect as long as the kernel does (minutes) unless told otherwise.
std::string WithConnectTimeout(const std::string& url) {
  if (url.find("://") == std::string::npos) return url + " connect_timeout=2";
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=2";
}

}  // namespace

ReadinessWatch::ReadinessWatch(ReadinessChecks checks, ReadinessTargets targets,
                               std::chrono::milliseconds interval,
                               std::chrono::milliseconds schema_interval)
    : checks_(std::move(checks)),
      targets_(std::move(targets)),
      interval_(interval),
      schema_interval_(schema_interval) {
  CheckOnce();
  thread_ = std::thread([this] { Run(); });
}

ReadinessWatch::~ReadinessWatch() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  stop_requested_.notify_all();
  thread_.join();
}

bool ReadinessWatch::serving() const {
  std::lock_guard lock(mu_);
  return server_serving_ == 1;
}

void ReadinessWatch::Run() {
  std::unique_lock lock(mu_);
  while (!stop_requested_.wait_for(lock, interval_, [&] { return stop_; })) {
    lock.unlock();
    CheckOnce();
    lock.lock();
  }
}

void ReadinessWatch::CheckOnce() {
  std::string why_not;
  if (!schema_current_ && std::chrono::steady_clock::now() >= next_schema_check_) {
    absl::Status schema = checks_.schema();
    schema_current_ = schema.ok();
    if (!schema.ok()) schema_problem_ = "schema: " + std::string(ToStd(schema.message()));
    next_schema_check_ = std::chrono::steady_clock::now() + schema_interval_;
  }
  if (!schema_current_) why_not = schema_problem_;
  if (absl::Status pg = checks_.postgres(); !pg.ok()) {
    why_not += (why_not.empty() ? "" : "; ") + std::string("PostgreSQL: ") +
               std::string(ToStd(pg.message()));
  }
  const bool server = why_not.empty();
  std::string redis_down;
  if (checks_.redis) {
    if (absl::Status redis = checks_.redis(); !redis.ok()) {
      redis_down = std::string(ToStd(redis.message()));
    }
  }
  const bool redis = redis_down.empty();

  std::lock_guard lock(mu_);
  if (server_serving_ != static_cast<int>(server)) {
    if (server) {
      spdlog::info("ready: the schema is current and PostgreSQL answers; health SERVING");
    } else {
      spdlog::warn("not ready ({}); health NOT_SERVING", why_not);
    }
    targets_.set_all(server);
    server_serving_ = server;
    redis_serving_ = -1;  // set_all overwrote the Redis-dependent services too
  }
  if (!targets_.redis_services.empty() && redis_serving_ != static_cast<int>(server && redis)) {
    if (server && !redis) {
      spdlog::warn("Redis unreachable ({}); health NOT_SERVING for {}", redis_down,
                   targets_.redis_services.front());
    } else if (server && redis_serving_ == 0) {
      spdlog::info("Redis answers again; health SERVING for {}", targets_.redis_services.front());
    }
    for (const std::string& name : targets_.redis_services) targets_.set_one(name, server && redis);
    redis_serving_ = server && redis;
  }
}

std::function<absl::Status()> PostgresPing(std::string url) {
  auto connection = std::make_shared<std::unique_ptr<pqxx::connection>>();
  return [url = WithConnectTimeout(url), connection]() -> absl::Status {
    try {
      if (!*connection) {
        *connection = std::make_unique<pqxx::connection>(url);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // no replacement in pqxx 6.4
        // A silent reconnect would skip the socket option below.
        (*connection)->inhibit_reactivation(true);
#pragma GCC diagnostic pop
        // A query on a connection whose peer vanished (a cut network) fails once the kernel
        // gives up on unacknowledged data, here after 3 s instead of TCP's ~15 minutes.
        const int fd = (*connection)->sock();
        const unsigned int timeout_ms = 3000;
        ::setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &timeout_ms, sizeof timeout_ms);
      }
      pqxx::nontransaction tx(**connection);
      tx.exec1("SELECT 1");
      return absl::OkStatus();
    } catch (const std::exception& e) {
      connection->reset();
      return absl::UnavailableError(e.what());
    }
  };
}

}  // namespace secsched
