// MakeChannel spreads calls over every server a name resolves to (round_robin), where gRPC's
// default (pick_first) sends them all to one: two real loopback servers behind one target.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include "common/grpc/client.h"
#include "common/grpc/testing/in_process_server.h"
#include "common/grpc/testing/probe_service.h"
#include "common/testing/servers.h"

namespace secsched {
namespace {

using secsched::testing::v1::CallRequest;
using secsched::testing::v1::CallResponse;
using secsched::testing::v1::Probe;

constexpr char kProbeHealthName[] = "secsched.testing.v1.Probe";

class TwoServersBehindOneName : public ::testing::Test {
 protected:
  // One target naming both servers, as DNS answers for a headless Service with two ready pods.
  std::string Target() const {
    return "ipv4:" + first_server_.address() + "," + second_server_.address();
  }

  static bool CallOnce(Probe::Stub& stub) {
    grpc::ClientContext context;
    PrepareClientContext(context, MintTestToken());
    CallRequest request;
    request.set_text("echo");
    CallResponse response;
    return stub.Call(&context, request, &response).ok();
  }

  ProbeService first_;
  ProbeService second_;
  InProcessServer first_server_{{{&first_, kProbeHealthName}}};
  InProcessServer second_server_{{{&second_, kProbeHealthName}}};
};

TEST_F(TwoServersBehindOneName, MakeChannelSpreadsCallsOverBoth) {
  auto stub = Probe::NewStub(MakeChannel(Target()));
  // round_robin sends calls only to connected servers; both connect within moments.
  ASSERT_TRUE(secsched::testing::WaitFor(
      [&] { return CallOnce(*stub) && first_.calls() > 0 && second_.calls() > 0; },
      std::chrono::seconds(10)))
      << "first " << first_.calls() << ", second " << second_.calls();
  // With both connected, calls alternate.
  const int first_before = first_.calls();
  const int second_before = second_.calls();
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(CallOnce(*stub));
  EXPECT_EQ(first_.calls() - first_before, 10);
  EXPECT_EQ(second_.calls() - second_before, 10);
}

TEST_F(TwoServersBehindOneName, GrpcsDefaultPinsEveryCallToOneServer) {
  // What the suite's channels did before: the same target with gRPC's default policy.
  auto stub = Probe::NewStub(grpc::CreateChannel(Target(), grpc::InsecureChannelCredentials()));
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(CallOnce(*stub));
  EXPECT_EQ(first_.calls() + second_.calls(), 20);
  EXPECT_TRUE(first_.calls() == 0 || second_.calls() == 0)
      << "first " << first_.calls() << ", second " << second_.calls();
}

}  // namespace
}  // namespace secsched
