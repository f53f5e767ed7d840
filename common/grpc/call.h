// The glue every handler runs its body through, so each RPC gets the same treatment:
//   1. request id: `x-request-id` metadata, or a new one; set as the thread's log request id
//      (RequestIdScope) and echoed in the response's initial metadata;
//   2. authentication: the `authorization: Bearer <JWT>` metadata → Caller, else UNAUTHENTICATED
//      (every RPC is authenticated; there is deliberately no unauthenticated variant);
//   3. the request's enum fields hold defined values (CheckEnumValues), else INVALID_ARGUMENT
//      before the body runs;
//   4. the body, returning absl::Status; an exception it throws is an environment failure (mapped
//      by the table) or a programming error (logged, counted, generic INTERNAL; see call.cc);
//   5. the result to grpc::Status through the one table (common/status/grpc_status.h);
//   6. one log line for the call (SetCallLogSampleRate below).
//
//   grpc::Status CatalogHandler::GetCourse(grpc::ServerContext* context,
//                                          const GetCourseRequest* request, Course* response) {
//     return HandleCall(context, *request, verifier_,
//                       [&](const auth::Caller& caller) -> absl::Status {
//       ...
//     });
//   }
//
// Server-streaming handlers use the same function: the id is in the initial metadata before the
// body's first Write, and the body writes through the ServerWriter it captures.
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "common/auth/caller.h"
#include "common/auth/jwt.h"

namespace secsched {

inline constexpr std::string_view kRequestIdMetadata = "x-request-id";
inline constexpr std::string_view kAuthorizationMetadata = "authorization";

grpc::Status HandleCall(grpc::ServerContext* context, const google::protobuf::Message& request,
                        const auth::JwtVerifier& verifier,
                        const std::function<absl::Status(const auth::Caller&)>& body);

// Each call is logged once at info when it ends: method, code, duration in ms, request id and
// the authenticated caller's subject (JSON fields method, code, duration_ms, request_id, caller;
// a failure's message is in msg). Failed calls are always logged; successful ones with this
// probability (1.0 = all, the default; --log-call-sample-rate). Thread-safe.
void SetCallLogSampleRate(double rate);

// The request id a client sent, if it is usable: 1 to 128 characters from [A-Za-z0-9._:-].
// Anything else is replaced by a new id, so log lines and metadata stay clean.
std::string AcceptRequestId(std::string_view sent);

}  // namespace secsched
