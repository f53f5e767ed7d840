#include "common/testing/process.h"

#include <fcntl.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace secsched::testing::internal {
namespace {

std::string RunuserPath() {
  for (const char* path : {"/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"}) {
    if (::access(path, X_OK) == 0) return path;
  }
  return "runuser";
}

pid_t SpawnWithStdin(const std::vector<std::string>& argv, int stdin_fd,
                     const std::string& log_path, bool new_session) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (stdin_fd >= 0) {
    posix_spawn_file_actions_adddup2(&actions, stdin_fd, STDIN_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  if (new_session) posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);

  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int error = posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (error != 0) {
    throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(error));
  }
  return pid;
}

int WaitExitCode(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

pid_t Spawn(const std::vector<std::string>& argv, const std::string& log_path) {
  return SpawnWithStdin(argv, -1, log_path, false);
}

int Run(const std::vector<std::string>& argv, const std::string& log_path) {
  return WaitExitCode(Spawn(argv, log_path));
}

bool RunningAsRoot() { return ::geteuid() == 0; }

std::vector<std::string> AsPostgresUser(std::vector<std::string> argv) {
  if (!RunningAsRoot()) return argv;
  std::vector<std::string> wrapped = {RunuserPath(), "-u", "postgres", "--"};
  wrapped.insert(wrapped.end(), argv.begin(), argv.end());
  return wrapped;
}

std::string MakeTempDir(const std::string& prefix, bool for_postgres) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/" + prefix + "-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
  }
  if (for_postgres && RunningAsRoot()) {
    const passwd* user = ::getpwnam("postgres");
    if (user == nullptr) throw std::runtime_error("running as root but no postgres user exists");
    if (::chown(pattern.c_str(), user->pw_uid, user->pw_gid) != 0) {
      throw std::runtime_error("chown " + pattern + ": " + std::strerror(errno));
    }
  }
  return pattern;
}

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string LogTail(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  return text.size() <= max_bytes ? text : text.substr(text.size() - max_bytes);
}

ExitGuardian::ExitGuardian(const std::string& cleanup_script) : owner_pid_(::getpid()) {
  int fds[2];
  // Both ends close-on-exec: no server or tool we start may hold the write end, or the
  // guardian would never see EOF. The read end becomes the guardian's stdin via dup2.
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
  }
  const std::string script = "state=''; read -r state; " + cleanup_script;
  // A new session: Ctrl-C on the test's terminal must not kill the guardian before it cleans.
  guardian_pid_ = SpawnWithStdin({"/bin/sh", "-c", script}, fds[0], "/dev/null", true);
  ::close(fds[0]);
  write_fd_ = fds[1];
}

ExitGuardian::~ExitGuardian() { Release(""); }

void ExitGuardian::Release(const std::string& state) {
  if (::getpid() != owner_pid_ || write_fd_ < 0) return;
  if (!state.empty()) {
    const std::string line = state + "\n";
    [[maybe_unused]] ssize_t written = ::write(write_fd_, line.data(), line.size());
  }
  ::close(write_fd_);
  write_fd_ = -1;
  WaitExitCode(guardian_pid_);
}

}  // namespace secsched::testing::internal
