#include "tools/schedctl/settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

namespace secsched::schedctl {
namespace {

using ::testing::HasSubstr;

EnvironmentLookup FakeEnvironment(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

ParsedArgs Flags(std::map<std::string, std::string, std::less<>> flags) {
  ParsedArgs args;
  args.flags = std::move(flags);
  return args;
}

TEST(ResolveAddressTest, DefaultsArePorts50051To50054InServiceOrder) {
  const EnvironmentLookup none = FakeEnvironment({});
  EXPECT_EQ(ResolveAddress(Service::kAccess, "", none), "127.0.0.1:50051");
  EXPECT_EQ(ResolveAddress(Service::kCatalog, "", none), "127.0.0.1:50052");
  EXPECT_EQ(ResolveAddress(Service::kRequests, "", none), "127.0.0.1:50053");
  EXPECT_EQ(ResolveAddress(Service::kSectioning, "", none), "127.0.0.1:50054");
}

TEST(ResolveAddressTest, EnvironmentOverridesDefaultAndServerFlagOverridesBoth) {
  const EnvironmentLookup env =
      FakeEnvironment({{"SECSCHED_CATALOG_ADDR", "catalog:9000"}, {"SECSCHED_REQUESTS_ADDR", ""}});
  EXPECT_EQ(ResolveAddress(Service::kCatalog, "", env), "catalog:9000");
  EXPECT_EQ(ResolveAddress(Service::kRequests, "", env), "127.0.0.1:50053")
      << "an empty variable counts as unset";
  EXPECT_EQ(ResolveAddress(Service::kCatalog, "gateway:443", env), "gateway:443");
  EXPECT_EQ(ResolveAddress(Service::kAccess, "gateway:443", env), "gateway:443");
}

TEST(ResolveTokenTest, FlagThenEnvironmentThenNothing) {
  EXPECT_EQ(ResolveToken("flag-token", FakeEnvironment({{"SECSCHED_TOKEN", "env-token"}})),
            "flag-token");
  EXPECT_EQ(ResolveToken("", FakeEnvironment({{"SECSCHED_TOKEN", "env-token"}})), "env-token");
  EXPECT_EQ(ResolveToken("", FakeEnvironment({{"SECSCHED_TOKEN", ""}})), "");
  EXPECT_EQ(ResolveToken("", FakeEnvironment({})), "");
}

TEST(ResolveGlobalOptionsTest, Defaults) {
  absl::StatusOr<GlobalOptions> options = ResolveGlobalOptions(Flags({}), FakeEnvironment({}));
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->output, OutputFormat::kTable);
  EXPECT_EQ(options->timeout, std::chrono::seconds(10));
  EXPECT_FALSE(options->timeout_given);
  EXPECT_EQ(options->token, "");
  EXPECT_EQ(options->request_id, "");
  EXPECT_EQ(options->AddressOf(Service::kSectioning), "127.0.0.1:50054");
}

TEST(ResolveGlobalOptionsTest, ReadsEveryGlobalFlag) {
  absl::StatusOr<GlobalOptions> options =
      ResolveGlobalOptions(Flags({{"output", "json"},
                                  {"server", "localhost:7000"},
                                  {"token", "t0k"},
                                  {"timeout", "250ms"},
                                  {"request-id", "demo-1"}}),
                           FakeEnvironment({{"SECSCHED_ACCESS_ADDR", "access:1"}}));
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->output, OutputFormat::kJson);
  EXPECT_EQ(options->AddressOf(Service::kAccess), "localhost:7000");
  EXPECT_EQ(options->token, "t0k");
  EXPECT_EQ(options->timeout, std::chrono::milliseconds(250));
  EXPECT_TRUE(options->timeout_given);
  EXPECT_EQ(options->request_id, "demo-1");
}

TEST(ResolveGlobalOptionsTest, RejectsBadValues) {
  struct Case {
    std::map<std::string, std::string, std::less<>> flags;
    std::string error;
  };
  for (const Case& c : std::vector<Case>{
           {{{"output", "yaml"}}, "--output must be table or json"},
           {{{"timeout", "10"}}, "--timeout must be a positive duration"},
           {{{"timeout", "0s"}}, "--timeout must be a positive duration"},
           {{{"server", ""}}, "--server needs HOST:PORT"},
       }) {
    absl::StatusOr<GlobalOptions> options =
        ResolveGlobalOptions(Flags(c.flags), FakeEnvironment({}));
    ASSERT_FALSE(options.ok()) << c.error;
    EXPECT_THAT(std::string(options.status().message()), HasSubstr(c.error));
  }
}

}  // namespace
}  // namespace secsched::schedctl
