// ServerRunner over real loopback sockets: health, graceful drain, /metrics, RunUntilSignal.
#include "common/grpc/server_runner.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <future>
#include <thread>

#include "common/grpc/client.h"
#include "common/grpc/testing/in_process_server.h"
#include "common/grpc/testing/probe_service.h"
#include "common/version/build_info.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace secsched {
namespace {

using ::grpc::health::v1::Health;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using secsched::testing::v1::CallRequest;
using secsched::testing::v1::CallResponse;
using secsched::testing::v1::Probe;
using ::testing::HasSubstr;

constexpr char kProbeHealthName[] = "secsched.testing.v1.Probe";

// Polls `condition` until it holds or `timeout` passes; the suite's substitute for sleeping.
bool PollUntil(const std::function<bool()>& condition,
               std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::yield();
  }
  return condition();
}

struct HealthAnswer {
  grpc::Status status;
  HealthCheckResponse::ServingStatus serving = HealthCheckResponse::UNKNOWN;
};

HealthAnswer CheckHealth(Health::Stub& stub, const std::string& service) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  HealthAnswer answer;
  answer.status = stub.Check(&context, request, &response);
  answer.serving = response.status();
  return answer;
}

grpc::Status CallProbe(Probe::Stub& stub, const std::string& text, CallResponse* response) {
  grpc::ClientContext context;
  PrepareClientContext(context, MintTestToken(), "", std::chrono::seconds(30));
  CallRequest request;
  request.set_text(text);
  return stub.Call(&context, request, response);
}

TEST(ServerRunnerTest, HealthIsServingAfterStart) {
  ProbeService probe;
  InProcessServer server({{&probe, kProbeHealthName}});
  EXPECT_GT(server.runner().port(), 0);
  auto health = Health::NewStub(server.channel());
  for (const std::string service : {"", kProbeHealthName}) {
    HealthAnswer answer = CheckHealth(*health, service);
    ASSERT_TRUE(answer.status.ok()) << service << ": " << answer.status.error_message();
    EXPECT_EQ(answer.serving, HealthCheckResponse::SERVING) << service;
  }
  EXPECT_EQ(CheckHealth(*health, "no.such.Service").status.error_code(),
            grpc::StatusCode::NOT_FOUND);

  server.runner().SetServing(kProbeHealthName, false);
  EXPECT_EQ(CheckHealth(*health, kProbeHealthName).serving, HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(CheckHealth(*health, "").serving, HealthCheckResponse::SERVING);
}

TEST(ServerRunnerTest, LivenessStaysServingWhileTheServerIsNotReady) {
  ProbeService probe;
  InProcessServer server({{&probe, kProbeHealthName}});
  auto health = Health::NewStub(server.channel());
  server.runner().SetAllServing(false);
  EXPECT_EQ(CheckHealth(*health, "").serving, HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(CheckHealth(*health, kProbeHealthName).serving, HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(CheckHealth(*health, ServerRunner::kLivenessHealthName).serving,
            HealthCheckResponse::SERVING);
}

TEST(ServerRunnerTest, InFlightCallCompletesDuringGracefulShutdown) {
  ProbeService probe;
  ServerOptions options;
  // Long enough that the test, not the clock, ends the NOT_SERVING phase (second Shutdown call).
  options.not_serving_grace = std::chrono::minutes(5);
  InProcessServer server({{&probe, kProbeHealthName}}, options);
  auto probe_stub = Probe::NewStub(server.channel());
  auto health = Health::NewStub(server.channel());

  CallResponse blocked_response;
  std::future<grpc::Status> blocked_call = std::async(
      std::launch::async, [&] { return CallProbe(*probe_stub, "block", &blocked_response); });
  probe.handler_entered().Wait();

  std::thread first_shutdown([&] { server.runner().Shutdown(); });
  // Phase 1: health says NOT_SERVING while calls are still accepted (load balancers notice).
  EXPECT_TRUE(PollUntil([&] {
    return CheckHealth(*health, kProbeHealthName).serving == HealthCheckResponse::NOT_SERVING;
  }));
  EXPECT_EQ(CheckHealth(*health, "").serving, HealthCheckResponse::NOT_SERVING);

  // Phase 2: a second Shutdown skips the rest of the grace; the server stops taking calls...
  std::thread second_shutdown([&] { server.runner().Shutdown(); });
  EXPECT_TRUE(PollUntil([&] { return !CheckHealth(*health, "").status.ok(); }));
  // ...but the call already in flight is still running and finishes normally.
  EXPECT_EQ(blocked_call.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  probe.ReleaseBlocked();
  grpc::Status status = blocked_call.get();
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(blocked_response.text(), "block");
  first_shutdown.join();
  second_shutdown.join();
  server.runner().Shutdown();  // idempotent
}

// A minimal HTTP/1.0 GET over a plain socket; returns the whole response ("" on failure).
std::string HttpGet(int port, const std::string& path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(uint16_t(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) {
    const std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (write(fd, request.data(), request.size()) == ssize_t(request.size())) {
      char buffer[4096];
      for (ssize_t n; (n = read(fd, buffer, sizeof(buffer))) > 0;) response.append(buffer, n);
    }
  }
  close(fd);
  return response;
}

TEST(ServerRunnerTest, MetricsEndpointCountsCalls) {
  ProbeService probe;
  ServerOptions options;
  options.metrics_address = "127.0.0.1:0";
  InProcessServer server({{&probe, kProbeHealthName}}, options);
  ASSERT_GT(server.runner().metrics_port(), 0);
  auto stub = Probe::NewStub(server.channel());
  CallResponse response;
  ASSERT_TRUE(CallProbe(*stub, "hello", &response).ok());
  EXPECT_EQ(CallProbe(*stub, "fail", &response).error_code(), grpc::StatusCode::NOT_FOUND);

  const std::string ok_line =
      R"(grpc_server_handled_total{grpc_code="OK",grpc_method="/secsched.testing.v1.Probe/Call"} 1)";
  const std::string not_found_line =
      R"(grpc_server_handled_total{grpc_code="NOT_FOUND",grpc_method="/secsched.testing.v1.Probe/Call"} 1)";
  std::string body;
  EXPECT_TRUE(PollUntil([&] {
    body = HttpGet(server.runner().metrics_port(), "/metrics");
    return body.find(ok_line) != std::string::npos &&
           body.find(not_found_line) != std::string::npos;
  })) << body;
  EXPECT_THAT(
      body,
      HasSubstr(
          "grpc_server_handling_seconds_count{grpc_method=\"/secsched.testing.v1.Probe/Call\"} 2"));
  // Programming errors are counted per process; the counter is on every server's /metrics.
  EXPECT_THAT(body, HasSubstr("secsched_internal_errors_total{cause=\"exception\"}"));
  // Which build answers, on every server's /metrics.
  EXPECT_THAT(body, HasSubstr("secsched_build_info{build_type=\"" + std::string(BuildType()) +
                              "\",version=\"" + std::string(BuildVersion()) + "\"} 1"));
}

TEST(ServerRunnerTest, StartFailsOnAnUnusableAddress) {
  ServerRunner runner(ServerOptions{.listen_address = "256.0.0.1:0"});
  EXPECT_EQ(runner.Start().code(), absl::StatusCode::kUnavailable);
  runner.Shutdown();  // harmless when never started
}

TEST(ServerRunnerTest, RunUntilSignalReturnsWhenShutDownElsewhere) {
  ProbeService probe;
  InProcessServer server({{&probe, kProbeHealthName}});
  std::future<void> running =
      std::async(std::launch::async, [&] { server.runner().RunUntilSignal(); });
  server.runner().Shutdown();
  EXPECT_EQ(running.wait_for(std::chrono::seconds(30)), std::future_status::ready);
}

// The real signal path, in a child process (a death test) so SIGTERM cannot hit the test runner:
// signals are blocked before any thread starts, as main() does, and the runner drains and returns.
TEST(ServerRunnerDeathTest, SigtermShutsDownAndRunUntilSignalReturns) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");  // a fresh process: no threads exist yet
  EXPECT_EXIT(
      {
        BlockShutdownSignals();
        ProbeService probe;
        InProcessServer server({{&probe, kProbeHealthName}});
        kill(getpid(), SIGTERM);  // stays pending until the runner's sigwait takes it
        server.runner().RunUntilSignal();
        std::exit(server.runner().port() > 0 ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace secsched
