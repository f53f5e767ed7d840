// PostgreSQL and Redis servers owned by one test, which stops and starts them again on the SAME
// port and data folder: the fault-injection tests restart a datastore under traffic. The shared
// throwaway servers (servers.h) are never restarted, because other tests use them at the same
// time. Both are deleted with their folders when the object goes (or the process dies: a
// guardian, as for the shared ones).
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "common/testing/servers.h"

namespace secsched::testing {
namespace internal {
class ExitGuardian;
}

// redis-server on a free loopback port with a password (ACL user `secsched`, as SharedRedis)
// and an append-only file written before each reply is sent, so a SIGKILL loses no write a
// client saw acknowledged, the job streams and their consumer groups included.
class RestartableRedis {
 public:
  // started; throws std::runtime_error on failure. `extra_address`: an IPv4 address of this
  // machine to listen on besides loopback (a veth's end, for a process in another network
  // namespace).
  explicit RestartableRedis(std::string extra_address = "");
  ~RestartableRedis();
  RestartableRedis(const RestartableRedis&) = delete;
  RestartableRedis& operator=(const RestartableRedis&) = delete;

  const RedisEndpoint& endpoint() const { return endpoint_; }
  // SIGKILL, as a crashed or evicted node: no shutdown save, only what the AOF already has.
  void Kill();
  // Starts again on the same port and folder (the AOF is replayed); waits until PING answers.
  void Start();

 private:
  std::string dir_;
  std::string extra_address_;
  RedisEndpoint endpoint_;
  std::string default_password_;
  std::unique_ptr<internal::ExitGuardian> guardian_;
  pid_t pid_ = -1;
  pid_t owner_pid_;
};

// A PostgreSQL cluster (initdb, pg_ctl) on a free loopback port. Unlike the shared one it keeps
// synchronous_commit on, so a commit is in the WAL before the client hears OK and an immediate
// (crash) stop loses no acknowledged write; fsync stays off (the kernel keeps the WAL across a
// process crash, and the tests do not crash the machine).
class RestartablePostgres {
 public:
  // started; throws std::runtime_error on failure. `extra_address` as for RestartableRedis
  // (clients from its /30 are trusted, as loopback ones are).
  explicit RestartablePostgres(std::string extra_address = "");
  ~RestartablePostgres();
  RestartablePostgres(const RestartablePostgres&) = delete;
  RestartablePostgres& operator=(const RestartablePostgres&) = delete;

  // A new empty database on this server, as a libpq URL.
  std::string FreshDatabaseUrl();
  // `pg_ctl stop -m immediate`: every backend dies at once, as in a crash; recovery replays the
  // WAL on Start().
  void Kill();
  // Starts again on the same port and data folder; waits until it accepts connections.
  void Start();

 private:
  std::string bin_;
  std::string dir_;
  int port_ = 0;
  std::string admin_url_;
  std::unique_ptr<internal::ExitGuardian> guardian_;
};

}  // namespace secsched::testing
