// HandleCall's one log line per call, read back as JSON, and the request fingerprint it keeps
// for idempotent creates.
#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/grpc/call.h"
#include "common/grpc/client.h"
#include "common/grpc/request_checks.h"
#include "common/grpc/testing/in_process_server.h"
#include "common/grpc/testing/probe_service.h"
#include "common/log/log.h"
#include "secsched/catalog/v1/catalog.pb.h"

namespace secsched {
namespace {

using secsched::testing::v1::CallRequest;
using secsched::testing::v1::CallResponse;
using secsched::testing::v1::Probe;

// Keeps every formatted line; lines() may be read while servers threads log.
class LineSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::vector<std::string> lines() {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    lines_.emplace_back(formatted.data(), formatted.size());
  }
  void flush_() override {}

 private:
  std::vector<std::string> lines_;
};

class CallLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    previous_ = spdlog::default_logger();
    auto logger = std::make_shared<spdlog::logger>("call-log-test", sink_);
    logger->set_formatter(MakeLogFormatter("call-log-test", LogFormat::kJson));
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(logger);
  }
  void TearDown() override {
    spdlog::set_default_logger(previous_);
    SetCallLogSampleRate(1.0);
  }

  grpc::Status Call(std::string_view text, std::string_view subject, std::string_view request_id) {
    grpc::ClientContext context;
    PrepareClientContext(context, server_.Token(subject, {"reader"}), request_id);
    CallRequest request;
    request.set_text(std::string(text));
    CallResponse response;
    return stub_->Call(&context, request, &response);
  }

  // The JSON call lines (those with a "method" field) logged for `request_id`.
  std::vector<nlohmann::json> CallLines(std::string_view request_id) {
    std::vector<nlohmann::json> found;
    for (const std::string& line : sink_->lines()) {
      nlohmann::json parsed = nlohmann::json::parse(line);  // every line must be JSON
      if (parsed.contains("method") && parsed["request_id"] == request_id) {
        found.push_back(parsed);
      }
    }
    return found;
  }

  std::shared_ptr<LineSink> sink_ = std::make_shared<LineSink>();
  std::shared_ptr<spdlog::logger> previous_;
  ProbeService probe_;
  InProcessServer server_{{{&probe_, "secsched.testing.v1.Probe"}}};
  std::unique_ptr<Probe::Stub> stub_ = Probe::NewStub(server_.channel());
};

TEST_F(CallLogTest, ASuccessfulCallIsLoggedOnceWithMethodCodeDurationAndCaller) {
  ASSERT_TRUE(Call("hello", "staff-7", "log-ok-1").ok());
  const std::vector<nlohmann::json> lines = CallLines("log-ok-1");
  ASSERT_EQ(lines.size(), 1u);
  const nlohmann::json& line = lines[0];
  EXPECT_EQ(line["level"], "info");
  EXPECT_EQ(line["method"], "/secsched.testing.v1.Probe/Call");
  EXPECT_EQ(line["code"], "OK");
  EXPECT_EQ(line["caller"], "staff-7");
  ASSERT_TRUE(line["duration_ms"].is_number());
  EXPECT_GE(line["duration_ms"].get<double>(), 0.0);
}

TEST_F(CallLogTest, AFailedCallIsLoggedWithItsCodeAndMessage) {
  EXPECT_EQ(Call("fail", "staff-7", "log-fail-1").error_code(), grpc::StatusCode::NOT_FOUND);
  const std::vector<nlohmann::json> lines = CallLines("log-fail-1");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["code"], "NOT_FOUND");
  EXPECT_THAT(lines[0]["msg"].get<std::string>(), ::testing::HasSubstr("No such probe."));
}

TEST_F(CallLogTest, AnUnauthenticatedCallIsLoggedWithoutACaller) {
  grpc::ClientContext context;
  context.AddMetadata("x-request-id", "log-unauth-1");
  CallRequest request;
  CallResponse response;
  EXPECT_EQ(stub_->Call(&context, request, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  const std::vector<nlohmann::json> lines = CallLines("log-unauth-1");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["code"], "UNAUTHENTICATED");
  EXPECT_EQ(lines[0]["caller"], "");
}

TEST_F(CallLogTest, SamplingDropsSuccessfulCallsButNeverFailures) {
  SetCallLogSampleRate(0.0);
  ASSERT_TRUE(Call("hello", "staff-7", "log-sampled-ok").ok());
  EXPECT_EQ(Call("fail", "staff-7", "log-sampled-fail").error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(CallLines("log-sampled-ok").empty());
  EXPECT_EQ(CallLines("log-sampled-fail").size(), 1u);
}

TEST(RequestFingerprint, IgnoresTheRequestIdAndSeesEveryOtherField) {
  catalog::v1::CreateSchoolRequest request;
  request.set_school_id("east-high");
  request.mutable_school()->set_display_name("East High");
  EXPECT_EQ(RequestFingerprint(request), "") << "no request_id, nothing to fingerprint";

  request.set_request_id("first");
  const std::string first = RequestFingerprint(request);
  EXPECT_EQ(first.size(), 64u);  // SHA-256 hex
  request.set_request_id("second");
  EXPECT_EQ(RequestFingerprint(request), first);
  request.mutable_school()->set_low_grade(9);
  EXPECT_NE(RequestFingerprint(request), first);
}

}  // namespace
}  // namespace secsched
