// A throwaway redis-server: loopback, free port, no persistence, folder deleted at exit.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <stdexcept>

#include "common/testing/launchers.h"
#include "common/testing/process.h"

namespace secsched::testing::internal {
namespace {

bool HasExited(pid_t pid) {
  int status = 0;
  return ::waitpid(pid, &status, WNOHANG) == pid;
}

class RedisServer {
 public:
  RedisServer() : dir_(MakeTempDir("secsched-redis", false)) {
    guardian_ = std::make_unique<ExitGuardian>("if [ \"$state\" != stopped ] && [ -f " +
                                               ShellQuote(dir_ + "/pid") + " ]; then " +
                                               "kill \"$(cat " + ShellQuote(dir_ + "/pid") +
                                               ")\" 2>/dev/null; fi; rm -rf " + ShellQuote(dir_));
    const std::string log = dir_ + "/redis.log";
    // The free port can be taken between choosing and binding it; try a few.
    for (int attempt = 1; attempt <= 3 && pid_ < 0; ++attempt) {
      const int port = FreeTcpPort();
      const pid_t pid = Spawn(
          {"redis-server", "--port", std::to_string(port), "--bind", "127.0.0.1", "--save", "",
           "--appendonly", "no", "--dir", dir_, "--daemonize", "no", "--pidfile", dir_ + "/pid"},
          log);
      bool exited = false;
      const bool ready = WaitFor(
          [&] {
            exited = HasExited(pid);
            return exited || RedisAnswersPing({"127.0.0.1", port});
          },
          std::chrono::seconds(20));
      if (ready && !exited) {
        pid_ = pid;
        port_ = port;
      } else if (!exited) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
      }
    }
    if (pid_ < 0) throw std::runtime_error("redis-server did not start:\n" + LogTail(log));
  }

  ~RedisServer() {
    // redis-server is our child: stop and reap it here (the guardian cannot wait for a child
    // of ours), then let the guardian delete the folder.
    if (pid_ > 0 && ::getpid() == owner_pid_) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
      guardian_->Release("stopped");
    }
  }

  int port() const { return port_; }

 private:
  pid_t owner_pid_ = ::getpid();
  std::string dir_;
  std::unique_ptr<ExitGuardian> guardian_;  // kills the server and deletes dir_ after a crash
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace

RedisEndpoint LaunchSharedRedis() {
  static RedisServer server;
  return RedisEndpoint{"127.0.0.1", server.port()};
}

// One PING round trip over a plain socket: the launcher stays free of a Redis client library.
bool RedisAnswersPing(const RedisEndpoint& endpoint) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(endpoint.port));
  const std::string host = endpoint.host == "localhost" ? "127.0.0.1" : endpoint.host;
  if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) return false;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  timeval timeout{.tv_sec = 1, .tv_usec = 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  bool pong = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::send(fd, "PING\r\n", 6, MSG_NOSIGNAL) == 6) {
    char reply[16] = {};
    pong = ::recv(fd, reply, sizeof reply - 1, 0) >= 5 && std::string_view(reply, 5) == "+PONG";
  }
  ::close(fd);
  return pong;
}

RedisEndpoint ParseRedisUrl(const std::string& url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.rfind(kScheme, 0) != 0) throw std::invalid_argument("expected redis://host:port");
  std::string rest = url.substr(kScheme.size());
  rest = rest.substr(0, rest.find('/'));
  rest = rest.substr(rest.find('@') == std::string::npos ? 0 : rest.find('@') + 1);
  const size_t colon = rest.rfind(':');
  if (colon == std::string::npos) return RedisEndpoint{rest, 6379};
  return RedisEndpoint{rest.substr(0, colon), std::stoi(rest.substr(colon + 1))};
}

}  // namespace secsched::testing::internal
