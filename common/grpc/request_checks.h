// Checks every request gets before its handler's body runs, so no handler has to remember them:
//   - every enum field (at any depth, repeated too) holds a value its enum defines: proto3 keeps
//     unknown numbers, and a handler that switch()es with a default would store something else;
//   - a request that protobuf cannot parse (a string field with invalid UTF-8, a truncated
//     message) is INVALID_ARGUMENT naming the field, not gRPC's INTERNAL with an empty message,
//     and libprotobuf's own complaint goes to the structured log instead of raw stderr.
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/support/server_interceptor.h>

#include <string>

#include "absl/status/status.h"

namespace secsched {

// INVALID_ARGUMENT with one field violation per enum field holding an undefined number (paths
// like "course.term_length" or "rows[3].action"); OK otherwise.
absl::Status CheckEnumValues(const google::protobuf::Message& request);

// For a request with a non-empty top-level `request_id` (an idempotency key, AIP-155): the
// SHA-256 hex of its deterministic serialization with request_id cleared, so a retry with the
// same body has the same fingerprint and one with another body does not. "" otherwise.
std::string RequestFingerprint(const google::protobuf::Message& request);

// Routes libprotobuf's log lines to spdlog and remembers, per thread, the last parse complaint
// (what the interceptor below reports). Idempotent; ServerRunner installs it.
void InstallProtobufLogHandler();

// Turns gRPC's answer to an unparsable request (INTERNAL, empty message) into INVALID_ARGUMENT
// naming the field protobuf complained about.
class ParseErrorInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace secsched
