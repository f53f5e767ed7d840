// A throwaway PostgreSQL: initdb + pg_ctl in a temp folder, loopback TCP on a free port, unix
// socket in the folder, durability off (fsync=off: a crash loses nothing we care about).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <pqxx/connection>
#include <stdexcept>

#include "common/testing/launchers.h"
#include "common/testing/process.h"

namespace secsched::testing::internal {
namespace {

namespace fs = std::filesystem;

class PostgresServer {
 public:
  PostgresServer() : bin_(PostgresBinDir()), dir_(MakeTempDir("secsched-pg", true)) {
    const std::string data = dir_ + "/data";
    const std::string pg_ctl = bin_ + "/pg_ctl";
    // Armed before initdb so a failure below still deletes the folder.
    guardian_ = std::make_unique<ExitGuardian>(
        "if [ -f " + ShellQuote(data + "/postmaster.pid") + " ]; then " +
        Join(AsPostgresUser({pg_ctl, "stop", "-D", data, "-m", "immediate", "-w"})) +
        "; fi; rm -rf " + ShellQuote(dir_));

    const std::string setup_log = dir_ + "/setup.log";
    if (Run(AsPostgresUser({bin_ + "/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E",
                            "UTF8", "--no-locale", "--no-sync"}),
            setup_log) != 0) {
      throw std::runtime_error("initdb failed:\n" + LogTail(setup_log));
    }
    std::ofstream conf(data + "/postgresql.conf", std::ios::app);
    conf << "\nlisten_addresses = '127.0.0.1'\n"
         << "unix_socket_directories = '" << dir_ << "'\n"
         << "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
         << "max_connections = 200\nshared_buffers = 32MB\n";
    conf.close();

    // The free port can be taken between choosing and binding it; try a few.
    for (int attempt = 1; attempt <= 3; ++attempt) {
      const int port = FreeTcpPort();
      // pg_ctl -w polls the server until it accepts connections (or dies) within -t.
      if (Run(AsPostgresUser({pg_ctl, "start", "-D", data, "-l", dir_ + "/postgres.log", "-w", "-t",
                              "60", "-o", "-p " + std::to_string(port)}),
              setup_log) == 0) {
        admin_url_ = "postgresql://postgres@127.0.0.1:" + std::to_string(port) + "/postgres";
        break;
      }
    }
    if (admin_url_.empty()) {
      throw std::runtime_error("PostgreSQL did not start:\n" + LogTail(dir_ + "/postgres.log"));
    }
    const bool accepts = WaitFor(
        [&] {
          try {
            pqxx::connection probe(admin_url_);
            return probe.is_open();
          } catch (const std::exception&) {
            return false;
          }
        },
        std::chrono::seconds(30));
    if (!accepts)
      throw std::runtime_error("PostgreSQL does not accept connections at " + admin_url_);
  }

  const std::string& admin_url() const { return admin_url_; }

 private:
  static std::string Join(const std::vector<std::string>& argv) {
    std::string command;
    for (const std::string& arg : argv) command += ShellQuote(arg) + " ";
    return command + ">/dev/null 2>&1";
  }

  std::string bin_;
  std::string dir_;
  std::unique_ptr<ExitGuardian> guardian_;  // stops the server and deletes dir_ at exit
  std::string admin_url_;
};

}  // namespace

// Debian installs one folder per major version; take the newest.
std::string PostgresBinDir() {
  const fs::path root = "/usr/lib/postgresql";
  std::error_code error;
  int best = -1;
  for (const fs::directory_entry& entry : fs::directory_iterator(root, error)) {
    const std::string name = entry.path().filename().string();
    if (!std::all_of(name.begin(), name.end(), ::isdigit) || name.empty()) continue;
    if (fs::exists(entry.path() / "bin" / "pg_ctl")) best = std::max(best, std::stoi(name));
  }
  if (best < 0) throw std::runtime_error("no PostgreSQL found under /usr/lib/postgresql/*/bin");
  return (root / std::to_string(best) / "bin").string();
}

std::string LaunchSharedPostgres() {
  // Destroyed at process exit, which releases the guardian (stop + delete).
  static PostgresServer server;
  return server.admin_url();
}

std::string WithDatabase(const std::string& url, const std::string& database) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    throw std::invalid_argument("expected a postgresql:// URL, got a key=value string");
  }
  const size_t query = url.find('?', scheme_end + 3);
  const size_t authority_end = std::min(url.find('/', scheme_end + 3), query);
  const std::string rest = query == std::string::npos ? "" : url.substr(query);
  return url.substr(0, authority_end) + "/" + database + rest;
}

}  // namespace secsched::testing::internal
