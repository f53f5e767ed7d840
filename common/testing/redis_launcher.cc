// A throwaway redis-server: loopback, free port, no persistence, folder deleted at exit.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/testing/launchers.h"
#include "common/testing/process.h"

namespace secsched::testing::internal {
namespace {

// A RESP array command, so that arguments are sent verbatim.
std::string Resp(const std::vector<std::string>& argv) {
  std::string out = "*" + std::to_string(argv.size()) + "\r\n";
  for (const std::string& arg : argv) {
    out += "$" + std::to_string(arg.size()) + "\r\n" + arg + "\r\n";
  }
  return out;
}

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
      const pid_t pid = Spawn({"redis-server",
                               "--port",
                               std::to_string(port),
                               "--bind",
                               "127.0.0.1",
                               "--save",
                               "",
                               "--appendonly",
                               "no",
                               "--dir",
                               dir_,
                               "--daemonize",
                               "no",
                               "--pidfile",
                               dir_ + "/pid",
                               "--requirepass",
                               RandomPassword(),
                               "--user",
                               kUser,
                               "on",
                               ">" + password_,
                               "~*",
                               "&*",
                               "+@all"},
                              log);
      bool exited = false;
      const bool ready = WaitFor(
          [&] {
            exited = HasExited(pid);
            return exited || RedisAnswersPing({"127.0.0.1", port, kUser, password_});
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

  static constexpr const char* kUser = "secsched";
  int port() const { return port_; }
  const std::string& password() const { return password_; }

 private:
  pid_t owner_pid_ = ::getpid();
  std::string dir_;
  std::string password_ = RandomPassword();
  std::unique_ptr<ExitGuardian> guardian_;  // kills the server and deletes dir_ after a crash
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace

std::string RandomPassword() {
  std::random_device random;
  std::string password;
  for (int i = 0; i < 24; ++i) password += "abcdefghijklmnopqrstuvwxyz0123456789"[random() % 36];
  return password;
}

RedisEndpoint LaunchSharedRedis() {
  static RedisServer server;
  return RedisEndpoint{"127.0.0.1", server.port(), RedisServer::kUser, server.password()};
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
  std::string request;
  if (!endpoint.password.empty()) {
    request = endpoint.username.empty() ? Resp({"AUTH", endpoint.password})
                                        : Resp({"AUTH", endpoint.username, endpoint.password});
  }
  request += Resp({"PING"});
  // The replies: "+OK\r\n" for AUTH (when sent), then "+PONG\r\n".
  const std::string expected = (endpoint.password.empty() ? "" : "+OK\r\n") + std::string("+PONG");
  bool pong = false;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size())) {
    std::string reply;
    char buffer[64];
    ssize_t got = 0;
    while (reply.size() < expected.size() && (got = ::recv(fd, buffer, sizeof buffer, 0)) > 0) {
      reply.append(buffer, static_cast<size_t>(got));
    }
    pong = reply.compare(0, expected.size(), expected) == 0;
  }
  ::close(fd);
  return pong;
}

RedisEndpoint ParseRedisUrl(const std::string& url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.rfind(kScheme, 0) != 0) throw std::invalid_argument("expected redis://host:port");
  std::string rest = url.substr(kScheme.size());
  rest = rest.substr(0, rest.find('/'));
  RedisEndpoint endpoint;
  if (const size_t at = rest.rfind('@'); at != std::string::npos) {
    const std::string credentials = rest.substr(0, at);
    const size_t colon = credentials.find(':');
    if (colon == std::string::npos) throw std::invalid_argument("expected user:password@");
    endpoint.username = credentials.substr(0, colon);
    endpoint.password = credentials.substr(colon + 1);
    rest = rest.substr(at + 1);
  }
  const size_t colon = rest.rfind(':');
  endpoint.host = rest.substr(0, colon);
  endpoint.port = colon == std::string::npos ? 6379 : std::stoi(rest.substr(colon + 1));
  return endpoint;
}

}  // namespace secsched::testing::internal
