// The schema guard, on the real access binary: started on a database it has not migrated, the
// service stays NOT_SERVING (Kubernetes sends it no traffic) and says why; `migrate --status`
// says the schema is behind; once `migrate` has run, health turns SERVING by itself.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>

#include "common/grpc/client.h"
#include "common/testing/process.h"
#include "common/testing/servers.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace secsched::e2e {
namespace {

using grpc::health::v1::HealthCheckResponse;

// The server's overall health, or UNKNOWN while it does not answer yet.
HealthCheckResponse::ServingStatus Health(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
  grpc::health::v1::HealthCheckRequest request;
  HealthCheckResponse response;
  if (!stub->Check(&context, request, &response).ok()) return HealthCheckResponse::UNKNOWN;
  return response.status();
}

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(SchemaGuardE2e, BehindStaysNotServingUntilMigratedThenServes) {
  const std::string dir = testing::internal::MakeTempDir("secsched-schema-guard", false);
  const std::string binary = std::string(SECSCHED_SERVICES_DIR) + "/access/secsched-access";
  const std::vector<std::string> common = {
      "--pg-url=" + testing::FreshDatabaseUrl(), "--redis-url=" + testing::SharedRedis().url(),
      "--jwt-key=" + testing::UniqueName("schema_guard_signing_key_for_hs256"),
      "--log-format=json"};
  auto with = [&](std::vector<std::string> argv) {
    argv.insert(argv.end(), common.begin(), common.end());
    return argv;
  };

  EXPECT_EQ(testing::internal::Run(with({binary, "migrate", "--status"}), dir + "/status1.log"), 3);
  EXPECT_NE(Read(dir + "/status1.log").find("pending  001_staff.sql"), std::string::npos)
      << Read(dir + "/status1.log");

  const std::string address = "127.0.0.1:" + std::to_string(testing::FreeTcpPort());
  const std::string log = dir + "/serve.log";
  pid_t pid = testing::internal::Spawn(
      with({binary, "serve", "--listen=" + address, "--metrics-listen=127.0.0.1:0",
            "--schema-check-interval=100ms"}),
      log);
  auto channel = MakeChannel(address);
  ASSERT_TRUE(testing::WaitFor([&] { return Health(channel) != HealthCheckResponse::UNKNOWN; },
                               std::chrono::seconds(30)))
      << testing::internal::LogTail(log);
  EXPECT_EQ(Health(channel), HealthCheckResponse::NOT_SERVING);
  EXPECT_NE(Read(log).find("is behind"), std::string::npos) << testing::internal::LogTail(log);

  ASSERT_EQ(testing::internal::Run(with({binary, "migrate"}), dir + "/migrate.log"), 0)
      << testing::internal::LogTail(dir + "/migrate.log");
  EXPECT_TRUE(testing::WaitFor([&] { return Health(channel) == HealthCheckResponse::SERVING; },
                               std::chrono::seconds(30)))
      << testing::internal::LogTail(log);
  EXPECT_EQ(testing::internal::Run(with({binary, "migrate", "--status"}), dir + "/status2.log"), 0);

  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << testing::internal::LogTail(log);
}

}  // namespace
}  // namespace secsched::e2e
