#include "common/testing/restartable_servers.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <stdexcept>
#include <vector>

#include "common/testing/launchers.h"
#include "common/testing/process.h"

namespace secsched::testing {
namespace {

using internal::ExitGuardian;
using internal::LogTail;
using internal::ShellQuote;

std::string Join(const std::vector<std::string>& argv) {
  std::string command;
  for (const std::string& arg : argv) command += ShellQuote(arg) + " ";
  return command + ">/dev/null 2>&1";
}

}  // namespace

RestartableRedis::RestartableRedis(std::string extra_address)
    : dir_(internal::MakeTempDir("secsched-redis-owned", false)),
      extra_address_(std::move(extra_address)),
      default_password_(internal::RandomPassword()),
      owner_pid_(::getpid()) {
  guardian_ = std::make_unique<ExitGuardian>(
      "if [ \"$state\" != stopped ] && [ -f " + ShellQuote(dir_ + "/pid") + " ]; then kill -9 " +
      "\"$(cat " + ShellQuote(dir_ + "/pid") + ")\" 2>/dev/null; fi; rm -rf " + ShellQuote(dir_));
  endpoint_ = {"127.0.0.1", FreeTcpPort(), "secsched", internal::RandomPassword()};
  Start();
}

RestartableRedis::~RestartableRedis() {
  if (::getpid() != owner_pid_) return;  // a fork()ed child does not own the server
  Kill();
  guardian_->Release("stopped");
}

void RestartableRedis::Start() {
  const std::string log = dir_ + "/redis.log";
  // Loopback, and the extra address when there is one: --bind takes them as one list.
  std::vector<std::string> argv = {"redis-server", "--port", std::to_string(endpoint_.port),
                                   "--bind", "127.0.0.1"};
  if (!extra_address_.empty()) argv.push_back(extra_address_);
  const std::vector<std::string> rest = {"--save",
                                         "",
                                         "--appendonly",
                                         "yes",
                                         "--appendfsync",
                                         "always",
                                         "--dir",
                                         dir_,
                                         "--daemonize",
                                         "no",
                                         "--pidfile",
                                         dir_ + "/pid",
                                         "--requirepass",
                                         default_password_,
                                         "--user",
                                         endpoint_.username,
                                         "on",
                                         ">" + endpoint_.password,
                                         "~*",
                                         "&*",
                                         "+@all"};
  argv.insert(argv.end(), rest.begin(), rest.end());
  pid_ = internal::Spawn(argv, log);
  bool exited = false;
  const bool ready = WaitFor(
      [&] {
        exited = ::waitpid(pid_, nullptr, WNOHANG) == pid_;
        return exited || internal::RedisAnswersPing(endpoint_);
      },
      std::chrono::seconds(20));
  if (!ready || exited) {
    if (!exited) Kill();
    pid_ = -1;
    throw std::runtime_error("redis-server did not start again on port " +
                             std::to_string(endpoint_.port) + ":\n" + LogTail(log));
  }
}

void RestartableRedis::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
  std::remove((dir_ + "/pid").c_str());  // so the guardian never signals a reused pid
}

RestartablePostgres::RestartablePostgres(std::string extra_address)
    : bin_(internal::PostgresBinDir()), dir_(internal::MakeTempDir("secsched-pg-owned", true)) {
  const std::string data = dir_ + "/data";
  guardian_ = std::make_unique<ExitGuardian>(
      "if [ -f " + ShellQuote(data + "/postmaster.pid") + " ]; then " +
      Join(internal::AsPostgresUser(
          {bin_ + "/pg_ctl", "stop", "-D", data, "-m", "immediate", "-w"})) +
      "; fi; rm -rf " + ShellQuote(dir_));
  const std::string setup_log = dir_ + "/setup.log";
  if (internal::Run(internal::AsPostgresUser({bin_ + "/initdb", "-D", data, "-U", "postgres", "-A",
                                              "trust", "-E", "UTF8", "--no-locale", "--no-sync"}),
                    setup_log) != 0) {
    throw std::runtime_error("initdb failed:\n" + LogTail(setup_log));
  }
  port_ = FreeTcpPort();
  std::ofstream conf(data + "/postgresql.conf", std::ios::app);
  conf << "\nlisten_addresses = '127.0.0.1" << (extra_address.empty() ? "" : "," + extra_address)
       << "'\nport = " << port_ << "\n"
       << "unix_socket_directories = '" << dir_ << "'\n"
       << "fsync = off\nsynchronous_commit = on\nfull_page_writes = off\n"
       << "max_connections = 200\nshared_buffers = 32MB\n";
  conf.close();
  if (!extra_address.empty()) {
    std::ofstream hba(data + "/pg_hba.conf", std::ios::app);
    hba << "host all all " << extra_address << "/30 trust\n";
  }
  admin_url_ = "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/postgres";
  Start();
}

RestartablePostgres::~RestartablePostgres() = default;  // the guardian stops it and deletes dir_

std::string RestartablePostgres::FreshDatabaseUrl() {
  const std::string name = UniqueName("t");
  pqxx::connection admin(admin_url_);
  pqxx::nontransaction tx(admin);
  tx.exec0("CREATE DATABASE " + tx.quote_name(name));
  return internal::WithDatabase(admin_url_, name);
}

void RestartablePostgres::Kill() {
  const std::string data = dir_ + "/data";
  if (internal::Run(
          internal::AsPostgresUser({bin_ + "/pg_ctl", "stop", "-D", data, "-m", "immediate", "-w"}),
          dir_ + "/setup.log") != 0) {
    throw std::runtime_error("pg_ctl stop failed:\n" + LogTail(dir_ + "/setup.log"));
  }
}

void RestartablePostgres::Start() {
  const std::string data = dir_ + "/data";
  // pg_ctl -w returns once the server accepts connections (after WAL recovery) or has died.
  if (internal::Run(internal::AsPostgresUser({bin_ + "/pg_ctl", "start", "-D", data, "-l",
                                              dir_ + "/postgres.log", "-w", "-t", "60"}),
                    dir_ + "/setup.log") != 0) {
    throw std::runtime_error("PostgreSQL did not start on port " + std::to_string(port_) + ":\n" +
                             LogTail(dir_ + "/postgres.log"));
  }
}

}  // namespace secsched::testing
