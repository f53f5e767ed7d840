// One authorization matrix for the RPCs of one or more gRPC services: a row per RPC (a request
// that gets past authorization for an allowed caller), a set of callers each expecting an
// outcome for reads and one for writes, and a check that calls every RPC as every caller and
// reports each wrong answer as "RPC × caller: expected X, got Y (message)".
// ExpectEveryRpcHasARow compares the rows with the services' descriptors, so an RPC added to a
// .proto without a row fails the test that owns the service.
//
//   using Stub = v1::CatalogService::Stub;
//   AuthorizationMatrix matrix(env.channel());
//   v1::GetCalendarRequest get;
//   get.set_name("calendars/east-2026");
//   matrix.Add(Row("GetCalendar", Needs::kRead, &Stub::GetCalendar, get));
//   matrix.ExpectEveryRpcHasARow({"secsched.catalog.v1.CatalogService"});
//   matrix.Check({NoToken(), BadSignature(), ExpiredToken(), OtherSchoolStaff("morgan"),
//                 Reader(), RevokedStaff("riley"), Admin()});
//
// Callers are run in the order given, each over every row in order, so refused callers placed
// before allowed ones see the fixture as it was seeded. Tokens are signed with TestJwtConfig()
// (common/grpc/testing/in_process_server.h), the key every test server accepts.
#pragma once

#include <google/protobuf/descriptor.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>
#include <grpcpp/support/sync_stream.h>

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace secsched::testing {

// What a caller may expect from one call. "Allowed" means authorization passed: the answer is
// neither UNAUTHENTICATED nor PERMISSION_DENIED (the request may still fail validation or be
// NOT_FOUND).
class Outcome {
 public:
  static Outcome Allowed();
  static Outcome Is(grpc::StatusCode code);
  static Outcome OneOf(std::vector<grpc::StatusCode> codes);
  // The same outcome whose message must also contain `text`.
  Outcome WithMessageContaining(std::string text) const;

  bool Matches(const grpc::Status& status) const;
  std::string ToString() const;  // "allowed", "PERMISSION_DENIED", "OK or NOT_FOUND", ...

 private:
  bool allowed_ = false;
  std::vector<grpc::StatusCode> codes_;
  std::string message_part_;
};

Outcome Allowed();
Outcome Ok();
Outcome Unauthenticated();
Outcome PermissionDenied();

// "OK", "PERMISSION_DENIED", ...
std::string StatusCodeName(grpc::StatusCode code);

// A caller of the matrix: a name for the report, the bearer token it sends ("" = none) and what
// it expects from reads and from writes.
struct MatrixCaller {
  std::string name;
  std::string token;
  Outcome reads;
  Outcome writes;
};

// Tokens for the standard callers (common/grpc/testing's TestJwtConfig() signs valid ones).
std::string BadlySignedTestToken(const std::string& subject,
                                 const std::vector<std::string>& scopes);
std::string ExpiredTestToken(const std::string& subject, const std::vector<std::string>& scopes);

// The standard callers (issue list of the matrix): the first three are UNAUTHENTICATED for every
// RPC, the next three PERMISSION_DENIED where they say so, the admin allowed everywhere.
MatrixCaller NoToken();
// Signed with another key; the subject and scopes would otherwise be allowed everything.
MatrixCaller BadSignature(const std::string& subject = "service:sis",
                          const std::vector<std::string>& scopes = {"admin", "scheduler"});
// Correctly signed, expired three hours ago (well past the verifier's leeway).
MatrixCaller ExpiredToken(const std::string& subject = "service:sis",
                          const std::vector<std::string>& scopes = {"admin", "scheduler"});
// A person with access at another school than the rows' one: refused everywhere.
MatrixCaller OtherSchoolStaff(const std::string& staff_id,
                              const std::vector<std::string>& scopes = {});
// A service account with the reader scope: reads allowed, writes refused.
MatrixCaller Reader(const std::string& subject = "service:sis",
                    const std::vector<std::string>& scopes = {"reader"});
// A person whose approval the fixture revoked (a transfer to another school): refused.
MatrixCaller RevokedStaff(const std::string& staff_id);
// A person with access at the rows' school: allowed everywhere.
MatrixCaller StaffWithAccess(const std::string& staff_id);
MatrixCaller Admin(const std::string& subject = "admin-1");
// Refused everywhere (a scope that does not fit the RPC, for example).
MatrixCaller Refused(std::string name, const std::string& subject,
                     const std::vector<std::string>& scopes);

enum class Needs { kRead, kWrite };

// One cell of the matrix that differs from its caller's read or write expectation.
struct CallerException {
  std::string caller;  // MatrixCaller::name
  Outcome expected;
};

using RpcCall = std::function<grpc::Status(const std::shared_ptr<grpc::Channel>& channel,
                                           grpc::ClientContext* context)>;

// One row: an RPC and a request for it. `label` is the RPC's method name, optionally followed by
// a note in parentheses for a second row of the same RPC ("RunAutoLoad (dry run)").
struct RpcRow {
  std::string label;
  Needs needs = Needs::kRead;
  // The method's descriptor, found from the label and the request and response types; null
  // when no RPC matches (ExpectEveryRpcHasARow reports it).
  const google::protobuf::MethodDescriptor* method = nullptr;
  RpcCall call;
  std::vector<CallerException> exceptions;
  std::vector<MatrixCaller> own_callers;  // checked on this row only

  // This row expects `expected` from the caller named `caller` (MatrixCaller::name) instead of
  // the caller's read/write outcome. Spell names through constants: a name no caller has is
  // simply never used (Check may run the callers in several batches).
  RpcRow Except(const std::string& caller, Outcome expected) &&;
  // Also calls this row as `caller` (a caller that only makes sense for this RPC).
  RpcRow AlsoAs(MatrixCaller caller) &&;
};

// The method of a service whose name is the label's method part and whose input and output
// types are `input` and `output`; searched in the services of the types' own .proto files.
const google::protobuf::MethodDescriptor* FindRpc(const std::string& label,
                                                  const google::protobuf::Descriptor* input,
                                                  const google::protobuf::Descriptor* output);

// A unary RPC: any generated Stub, its method and a request.
template <class Stub, class Request, class Response>
RpcRow Row(std::string label, Needs needs,
           grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
           Request request) {
  const google::protobuf::MethodDescriptor* rpc =
      FindRpc(label, Request::descriptor(), Response::descriptor());
  return RpcRow{
      .label = std::move(label),
      .needs = needs,
      .method = rpc,
      .call = [method, request = std::move(request)](const std::shared_ptr<grpc::Channel>& channel,
                                                     grpc::ClientContext* context) {
        Stub stub(channel);
        Response response;
        return (stub.*method)(context, request, &response);
      }};
}

// A server-streaming RPC: read until the first message or the end. A first message means the
// call got past authorization (answered OK; the stream is then cancelled); otherwise the
// stream's final status is the answer.
template <class Stub, class Request, class Response>
RpcRow Row(std::string label, Needs needs,
           std::unique_ptr<grpc::ClientReader<Response>> (Stub::*method)(grpc::ClientContext*,
                                                                         const Request&),
           Request request) {
  const google::protobuf::MethodDescriptor* rpc =
      FindRpc(label, Request::descriptor(), Response::descriptor());
  return RpcRow{
      .label = std::move(label),
      .needs = needs,
      .method = rpc,
      .call = [method, request = std::move(request)](const std::shared_ptr<grpc::Channel>& channel,
                                                     grpc::ClientContext* context) {
        Stub stub(channel);
        std::unique_ptr<grpc::ClientReader<Response>> reader = (stub.*method)(context, request);
        Response first;
        if (reader->Read(&first)) {
          context->TryCancel();
          reader->Finish();  // CANCELLED: the cancel above ends it
          return grpc::Status::OK;
        }
        return reader->Finish();
      }};
}

class AuthorizationMatrix {
 public:
  explicit AuthorizationMatrix(std::shared_ptr<grpc::Channel> channel)
      : channel_(std::move(channel)) {}

  // Labels are unique (std::invalid_argument otherwise): they name the cells in failures.
  AuthorizationMatrix& Add(RpcRow row);
  const std::vector<RpcRow>& rows() const { return rows_; }

  // A GoogleTest failure naming each RPC of these services without a row, each row that names
  // no RPC, and each service name the descriptor pool does not know.
  void ExpectEveryRpcHasARow(std::initializer_list<std::string> service_full_names) const;

  // Calls every row as every caller (then each row as its own callers) and records a GoogleTest
  // failure for each answer that does not match.
  void Check(const std::vector<MatrixCaller>& callers) const;

  // One call of one row, for tests that set up a cell by hand (e.g. before a revocation).
  grpc::Status Call(const std::string& label, const std::string& token) const;

 private:
  void CheckCell(const RpcRow& row, const MatrixCaller& caller) const;
  grpc::Status Run(const RpcRow& row, const std::string& token) const;

  std::shared_ptr<grpc::Channel> channel_;
  std::vector<RpcRow> rows_;
};

}  // namespace secsched::testing
