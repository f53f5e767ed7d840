// HandleCall over a real loopback server: request ids, authentication, error mapping, streaming.
#include "common/grpc/call.h"

#include <gmock/gmock.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include "common/grpc/client.h"
#include "common/grpc/internal_errors.h"
#include "common/grpc/testing/in_process_server.h"
#include "common/grpc/testing/probe_service.h"
#include "common/log/log.h"
#include "common/status/grpc_status.h"

namespace secsched {
namespace {

using secsched::testing::v1::CallRequest;
using secsched::testing::v1::CallResponse;
using secsched::testing::v1::Probe;
using secsched::testing::v1::StreamRequest;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kProbeHealthName[] = "secsched.testing.v1.Probe";

class CallTest : public ::testing::Test {
 protected:
  grpc::Status Call(std::string_view text, grpc::ClientContext& context, CallResponse* response) {
    CallRequest request;
    request.set_text(std::string(text));
    return stub_->Call(&context, request, response);
  }

  // A call with a valid token whose response body does not matter.
  grpc::Status CallWithToken(std::string_view text) {
    grpc::ClientContext context;
    PrepareClientContext(context, server_.Token());
    CallResponse response;
    return Call(text, context, &response);
  }

  std::string ServerRequestId(const grpc::ClientContext& context) {
    const auto& metadata = context.GetServerInitialMetadata();
    auto found = metadata.find("x-request-id");
    return found == metadata.end() ? "" : std::string(found->second.data(), found->second.size());
  }

  ProbeService probe_;
  InProcessServer server_{{{&probe_, kProbeHealthName}}};
  std::unique_ptr<Probe::Stub> stub_ = Probe::NewStub(server_.channel());
};

TEST_F(CallTest, AuthenticatedCallSeesCallerAndEchoesRequestId) {
  grpc::ClientContext context;
  PrepareClientContext(context, server_.Token("staff-7", {"reader"}), "req-123");
  CallResponse response;
  grpc::Status status = Call("hello", context, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.text(), "hello");
  EXPECT_EQ(response.subject(), "staff-7");
  EXPECT_EQ(response.request_id(), "req-123");
  EXPECT_EQ(ServerRequestId(context), "req-123");
}

TEST_F(CallTest, AnUndefinedEnumValueIsRefusedByFieldBeforeTheBodyRuns) {
  CallRequest request;
  request.set_text("fail");  // the body would answer NOT_FOUND
  request.set_mode(static_cast<CallRequest::Mode>(42));
  request.add_items()->set_mode(CallRequest::ECHO);
  request.add_items()->set_mode(static_cast<CallRequest::Mode>(9));
  grpc::ClientContext context;
  PrepareClientContext(context, server_.Token());
  CallResponse response;
  grpc::Status status = stub_->Call(&context, request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  std::vector<FieldViolation> violations = FieldViolationsOf(FromGrpcStatus(status));
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].field, "mode");
  EXPECT_EQ(violations[1].field, "items[1].mode");
}

TEST_F(CallTest, InvalidUtf8IsInvalidArgumentNamingTheField) {
  CallRequest request;
  request.set_text(std::string("caf\xc3", 4));  // a truncated two-byte sequence
  grpc::ClientContext context;
  PrepareClientContext(context, server_.Token());
  CallResponse response;
  grpc::Status status = stub_->Call(&context, request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  std::vector<FieldViolation> violations = FieldViolationsOf(FromGrpcStatus(status));
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "text");
  EXPECT_THAT(violations[0].description, HasSubstr("UTF-8"));
}

TEST_F(CallTest, MissingRequestIdIsGeneratedAndReturned) {
  grpc::ClientContext context;
  PrepareClientContext(context, server_.Token());
  CallResponse response;
  ASSERT_TRUE(Call("hello", context, &response).ok());
  EXPECT_FALSE(response.request_id().empty());
  EXPECT_EQ(ServerRequestId(context), response.request_id());
}

TEST_F(CallTest, ClientPropagatesTheCurrentRequestId) {
  RequestIdScope scope("outer-request");
  grpc::ClientContext context;
  PrepareClientContext(context, server_.Token());
  CallResponse response;
  ASSERT_TRUE(Call("hello", context, &response).ok());
  EXPECT_EQ(response.request_id(), "outer-request");
}

TEST_F(CallTest, MissingOrBadCredentialsAreUnauthenticated) {
  {
    grpc::ClientContext context;  // no authorization metadata at all
    CallResponse response;
    EXPECT_EQ(Call("hello", context, &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_FALSE(ServerRequestId(context).empty()) << "the id comes back even on rejection";
  }
  {
    grpc::ClientContext context;
    PrepareClientContext(context, "not-a-token");
    CallResponse response;
    EXPECT_EQ(Call("hello", context, &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Basic dXNlcjpwYXNz");
    CallResponse response;
    EXPECT_EQ(Call("hello", context, &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
  {
    auth::JwtConfig other_key = TestJwtConfig();
    other_key.key = "a-different-key-a-different-key-a-different-key";
    auto token = auth::MintToken(other_key, "staff-1", {"admin"}, std::chrono::hours(1),
                                 std::chrono::system_clock::now());
    ASSERT_TRUE(token.ok());
    grpc::ClientContext context;
    PrepareClientContext(context, *token);
    CallResponse response;
    grpc::Status status = Call("hello", context, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_THAT(status.error_message(), HasSubstr("signature"));
  }
}

TEST_F(CallTest, ThrowingHandlerGivesGenericInternalAndIsCounted) {
  for (std::string_view text : {"throw", "throw-non-std"}) {
    const double before = InternalErrorCount("exception");
    grpc::Status status = CallWithToken(text);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL) << text;
    EXPECT_THAT(status.error_message(), Not(HasSubstr("secret")));
    EXPECT_THAT(status.error_message(), Not(HasSubstr("postgres")));
    EXPECT_EQ(InternalErrorCount("exception"), before + 1) << text;
  }
}

TEST_F(CallTest, InternalStatusIsCountedApart) {
  const double exceptions = InternalErrorCount("exception");
  const double statuses = InternalErrorCount("status");
  grpc::Status status = CallWithToken("fail-internal");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_THAT(status.error_message(), Not(HasSubstr("secret")));
  EXPECT_EQ(InternalErrorCount("status"), statuses + 1);
  EXPECT_EQ(InternalErrorCount("exception"), exceptions);
}

// PostgreSQL going away is the environment, not a bug: UNAVAILABLE (clients retry), not counted.
TEST_F(CallTest, BrokenDatabaseConnectionIsUnavailable) {
  const double before = InternalErrorCount("exception");
  grpc::Status status = CallWithToken("throw-broken-connection");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(status.error_message(), Not(HasSubstr("server closed")));
  EXPECT_EQ(InternalErrorCount("exception"), before);
}

TEST_F(CallTest, DomainErrorIsMappedThroughTheTable) {
  grpc::ClientContext context;
  PrepareClientContext(context, server_.Token());
  CallResponse response;
  grpc::Status status = Call("fail", context, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "No such probe.");
}

// A client refuses trailers over its metadata limit (RESOURCE_EXHAUSTED), so a long list of field
// violations must be cut to fit and still arrive as INVALID_ARGUMENT with details.
TEST_F(CallTest, ThousandsOfFieldViolationsStillArriveAsInvalidArgument) {
  grpc::ClientContext context;
  PrepareClientContext(context, server_.Token());
  CallResponse response;
  grpc::Status status = Call("invalid-rows", context, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  const std::vector<FieldViolation> violations = FieldViolationsOf(FromGrpcStatus(status));
  ASSERT_GE(violations.size(), 20u);
  EXPECT_LT(violations.size(), 1000u);
  EXPECT_EQ(violations.front().field, "rows[2].course_number");
  EXPECT_THAT(status.error_message(),
              HasSubstr("(the first " + std::to_string(violations.size()) + " of 1000 problems"));
}

TEST_F(CallTest, ServerStreamingHandlerCarriesIdAndCaller) {
  grpc::ClientContext context;
  PrepareClientContext(context, server_.Token("service:lms", {"lms-feed"}), "stream-1");
  StreamRequest request;
  request.set_count(3);
  auto reader = stub_->Stream(&context, request);
  CallResponse response;
  int received = 0;
  while (reader->Read(&response)) {
    EXPECT_EQ(response.index(), received);
    EXPECT_EQ(response.subject(), "service:lms");
    EXPECT_EQ(response.request_id(), "stream-1");
    ++received;
  }
  grpc::Status status = reader->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(received, 3);
  EXPECT_EQ(ServerRequestId(context), "stream-1");
}

}  // namespace
}  // namespace secsched
