#include "common/testing/servers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include "common/testing/launchers.h"

namespace secsched::testing {
namespace {

std::string EnvOrEmpty(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

// Databases made on a server the test command started (SECSCHED_TEST_PG_URL). That server
// outlives this process and serves many runs, so drop what we made at exit; a server we
// launched ourselves is deleted whole instead.
class ExternalDatabases {
 public:
  explicit ExternalDatabases(std::string admin_url) : admin_url_(std::move(admin_url)) {}
  ~ExternalDatabases() {
    for (const std::string& name : names_) {
      try {
        pqxx::connection admin(admin_url_);
        pqxx::nontransaction tx(admin);
        tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(name) + " WITH (FORCE)");
      } catch (const std::exception&) {
        // Best effort: the whole server is thrown away by test-servers.sh stop anyway.
      }
    }
  }
  void Add(std::string name) { names_.push_back(std::move(name)); }

 private:
  std::string admin_url_;
  std::vector<std::string> names_;
};

}  // namespace

std::string FreshDatabaseUrl() {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  const std::string external = EnvOrEmpty("SECSCHED_TEST_PG_URL");
  const std::string admin_url = external.empty() ? internal::LaunchSharedPostgres() : external;
  const std::string name = UniqueName("t");
  pqxx::connection admin(admin_url);
  pqxx::nontransaction tx(admin);
  tx.exec0("CREATE DATABASE " + tx.quote_name(name));
  if (!external.empty()) {
    static ExternalDatabases created(admin_url);
    created.Add(name);
  }
  return internal::WithDatabase(admin_url, name);
}

std::string RedisEndpoint::url() const {
  // Test passwords are [a-z0-9] only, so they need no percent-encoding.
  const std::string credentials = password.empty() ? "" : username + ":" + password + "@";
  return "redis://" + credentials + host + ":" + std::to_string(port);
}

RedisEndpoint SharedRedis() {
  const std::string external = EnvOrEmpty("SECSCHED_TEST_REDIS_URL");
  if (!external.empty()) return internal::ParseRedisUrl(external);
  return internal::LaunchSharedRedis();
}

std::string UniqueName(std::string_view prefix) {
  // pid + a per-process random token: unique across concurrent test binaries sharing one
  // server, and across runs even when a pid is reused.
  static const std::string process_token = [] {
    std::random_device random;
    std::string token;
    for (int i = 0; i < 6; ++i) token += "abcdefghijklmnopqrstuvwxyz0123456789"[random() % 36];
    return std::to_string(::getpid()) + "_" + token;
  }();
  static std::atomic<int> counter{0};
  return std::string(prefix) + "_" + process_token + "_" + std::to_string(++counter);
}

int FreeTcpPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot bind a free port on 127.0.0.1");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds deadline) {
  const auto give_up = std::chrono::steady_clock::now() + deadline;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= give_up) return false;
    // The poll interval of this helper itself: callers wait on a condition, never on time.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace secsched::testing
