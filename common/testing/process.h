// Small POSIX process helpers behind the throwaway-server launchers (servers.h).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace secsched::testing::internal {

// Starts argv (PATH is searched) with stdin from /dev/null and stdout+stderr appended to
// `log_path`; returns the pid. Throws std::runtime_error if it cannot be started.
pid_t Spawn(const std::vector<std::string>& argv, const std::string& log_path);

// Spawn, then wait for exit; returns the exit code (128 + signal if killed).
int Run(const std::vector<std::string>& argv, const std::string& log_path);

// True when running as root: PostgreSQL refuses root, so its tools run as `postgres`.
bool RunningAsRoot();

// argv prefixed with `runuser -u postgres --` when running as root.
std::vector<std::string> AsPostgresUser(std::vector<std::string> argv);

// A new empty folder under $TMPDIR (or /tmp), owned by the postgres user when
// `for_postgres` and running as root.
std::string MakeTempDir(const std::string& prefix, bool for_postgres);

std::string ShellQuote(const std::string& text);

// The last `max_bytes` of a log file, for error messages.
std::string LogTail(const std::string& path, size_t max_bytes = 2000);

// A detached `/bin/sh` that waits until this process closes a pipe — on exit, or when the
// kernel closes it after a crash — and then runs `cleanup` (stop the server, delete its
// folder). If Release("stopped") was called first, the shell variable $state is "stopped"
// so the script can skip work the parent already did.
class ExitGuardian {
 public:
  explicit ExitGuardian(const std::string& cleanup_script);
  ~ExitGuardian();  // same as Release("")
  // Hands over to the guardian and waits for its cleanup to finish.
  void Release(const std::string& state);
  ExitGuardian(const ExitGuardian&) = delete;
  ExitGuardian& operator=(const ExitGuardian&) = delete;

 private:
  pid_t owner_pid_;  // a fork()ed child (gtest death test) must not release our guardian
  pid_t guardian_pid_ = -1;
  int write_fd_ = -1;
};

}  // namespace secsched::testing::internal
