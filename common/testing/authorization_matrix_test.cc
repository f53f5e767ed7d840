// The authorization matrix itself, over a Probe service whose two RPCs authorize by scope: Call
// is a write (scheduler or admin), Stream a read (reader, scheduler or admin). The matrix must
// pass a correct table and fail — naming the cell — on a missing row, a row naming no RPC and a
// wrong expectation.
#include "common/testing/authorization_matrix.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "common/grpc/call.h"
#include "common/grpc/testing/in_process_server.h"
#include "secsched/testing/v1/probe.grpc.pb.h"

namespace secsched::testing {
namespace {

using secsched::testing::v1::CallRequest;
using secsched::testing::v1::CallResponse;
using secsched::testing::v1::Probe;
using secsched::testing::v1::StreamRequest;

absl::Status RequireAnyOf(const auth::Caller& caller, std::initializer_list<std::string> scopes) {
  for (const std::string& scope : scopes) {
    if (caller.HasScope(scope)) return absl::OkStatus();
  }
  return absl::PermissionDeniedError("The probe needs another scope.");
}

class ScopedProbe final : public Probe::Service {
 public:
  grpc::Status Call(grpc::ServerContext* context, const CallRequest* request,
                    CallResponse* response) override {
    return HandleCall(context, *request, TestJwtVerifier(), [&](const auth::Caller& caller) {
      if (absl::Status allowed = RequireAnyOf(caller, {"scheduler", "admin"}); !allowed.ok()) {
        return allowed;
      }
      if (request->text() == "missing") return absl::NotFoundError("No such probe.");
      response->set_subject(caller.subject);
      return absl::OkStatus();
    });
  }
  grpc::Status Stream(grpc::ServerContext* context, const StreamRequest* request,
                      grpc::ServerWriter<CallResponse>* writer) override {
    return HandleCall(context, *request, TestJwtVerifier(), [&](const auth::Caller& caller) {
      if (absl::Status allowed = RequireAnyOf(caller, {"reader", "scheduler", "admin"});
          !allowed.ok()) {
        return allowed;
      }
      for (int i = 0; i < request->count(); ++i) {
        CallResponse response;
        response.set_index(i);
        if (!writer->Write(response)) return absl::CancelledError("The client went away.");
      }
      return absl::OkStatus();
    });
  }
};

constexpr char kProbe[] = "secsched.testing.v1.Probe";

class AuthorizationMatrixTest : public ::testing::Test {
 protected:
  AuthorizationMatrixTest() : server_({{&service_, kProbe}}), matrix_(server_.channel()) {}

  static RpcRow CallRow(std::string text = "") {
    CallRequest request;
    request.set_text(std::move(text));
    return Row("Call", Needs::kWrite, &Probe::Stub::Call, request);
  }
  static RpcRow StreamRow(int count, std::string label = "Stream") {
    StreamRequest request;
    request.set_count(count);
    return Row(std::move(label), Needs::kRead, &Probe::Stub::Stream, request);
  }

  ScopedProbe service_;
  InProcessServer server_;
  AuthorizationMatrix matrix_;
};

TEST_F(AuthorizationMatrixTest, ACorrectTablePasses) {
  matrix_.Add(CallRow()).Add(StreamRow(3));
  matrix_.ExpectEveryRpcHasARow({kProbe});
  matrix_.Check({NoToken(), BadSignature(), ExpiredToken(), Reader(),
                 Refused("lms feed", "service:lms", {"lms-feed"}), Admin()});
}

TEST_F(AuthorizationMatrixTest, TheRowsKnowTheirRpc) {
  matrix_.Add(CallRow()).Add(StreamRow(1));
  ASSERT_NE(matrix_.rows()[0].method, nullptr);
  EXPECT_EQ(matrix_.rows()[0].method->full_name(), "secsched.testing.v1.Probe.Call");
  ASSERT_NE(matrix_.rows()[1].method, nullptr);
  EXPECT_EQ(matrix_.rows()[1].method->full_name(), "secsched.testing.v1.Probe.Stream");
}

TEST_F(AuthorizationMatrixTest, AnRpcWithoutARowFails) {
  matrix_.Add(CallRow());
  EXPECT_NONFATAL_FAILURE(matrix_.ExpectEveryRpcHasARow({kProbe}),
                          "secsched.testing.v1.Probe.Stream has no row");
}

TEST_F(AuthorizationMatrixTest, ARowNamingNoRpcFails) {
  CallRequest request;
  matrix_.Add(CallRow()).Add(StreamRow(1));
  matrix_.Add(Row("Cal", Needs::kWrite, &Probe::Stub::Call, request));
  EXPECT_NONFATAL_FAILURE(matrix_.ExpectEveryRpcHasARow({kProbe}), "Row \"Cal\" names no RPC");
}

TEST_F(AuthorizationMatrixTest, TwoRowsWithOneLabelAreRefused) {
  matrix_.Add(CallRow());
  EXPECT_THROW(matrix_.Add(CallRow()), std::invalid_argument);
}

TEST_F(AuthorizationMatrixTest, AnUnknownServiceFails) {
  EXPECT_NONFATAL_FAILURE(matrix_.ExpectEveryRpcHasARow({"secsched.testing.v1.NoSuchService"}),
                          "No gRPC service secsched.testing.v1.NoSuchService");
}

TEST_F(AuthorizationMatrixTest, AWrongExpectationFailsNamingTheCell) {
  matrix_.Add(CallRow()).Add(StreamRow(1));
  MatrixCaller reader_who_may_write = Reader();
  reader_who_may_write.writes = Allowed();
  EXPECT_NONFATAL_FAILURE(matrix_.Check({reader_who_may_write}),
                          "Call × reader (service:sis): expected allowed (neither "
                          "UNAUTHENTICATED nor PERMISSION_DENIED), got PERMISSION_DENIED (The "
                          "probe needs another scope.)");
  MatrixCaller admin_refused = Admin();
  admin_refused.reads = PermissionDenied();
  EXPECT_NONFATAL_FAILURE(matrix_.Check({admin_refused}),
                          "Stream × admin: expected PERMISSION_DENIED, got OK");
}

TEST_F(AuthorizationMatrixTest, AllowedAcceptsAnErrorAfterAuthorizationButOkDoesNot) {
  matrix_.Add(CallRow("missing"));
  matrix_.Check({Admin()});  // NOT_FOUND: authorization passed
  MatrixCaller strict = Admin();
  strict.writes = Ok();
  EXPECT_NONFATAL_FAILURE(matrix_.Check({strict}),
                          "Call × admin: expected OK, got NOT_FOUND (No such probe.)");
}

TEST_F(AuthorizationMatrixTest, AStreamThatEndsWithoutAMessageAnswersItsFinalStatus) {
  matrix_.Add(StreamRow(0));
  EXPECT_TRUE(matrix_.Call("Stream", MintTestToken("service:sis", {"reader"})).ok());
  EXPECT_EQ(matrix_.Call("Stream", "").error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuthorizationMatrixTest, ARowExceptionReplacesTheCallersExpectation) {
  matrix_.Add(CallRow().Except("reader (service:sis)",
                               PermissionDenied().WithMessageContaining("another scope")));
  matrix_.Check({Reader()});
  matrix_.Add(StreamRow(1, "Stream (refused)").Except("reader (service:sis)", PermissionDenied()));
  EXPECT_NONFATAL_FAILURE(matrix_.Check({Reader()}),
                          "Stream (refused) × reader (service:sis): expected PERMISSION_DENIED, "
                          "got OK");
}

TEST_F(AuthorizationMatrixTest, ARowsOwnCallerIsCheckedOnThatRowOnly) {
  matrix_.Add(CallRow().AlsoAs(Refused("lms feed", "service:lms", {"lms-feed"})));
  matrix_.Add(StreamRow(1));
  matrix_.Check({});
  matrix_.Add(StreamRow(1, "Stream (again)")
                  .AlsoAs(Refused("wrongly refused reader", "service:sis", {"reader"})));
  EXPECT_NONFATAL_FAILURE(
      matrix_.Check({}),
      "Stream (again) × wrongly refused reader: expected PERMISSION_DENIED, got OK");
}

}  // namespace
}  // namespace secsched::testing
