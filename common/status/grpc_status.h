// The one place where errors change shape between absl::Status and grpc::Status.
//
// Handlers return grpc::Status; the mapping is the table in docs/architecture.md ("Errors").
// Field violations (common/status/status.h) become the standard google.rpc.BadRequest detail in
// the `grpc-status-details-bin` trailer, which any gRPC client can decode.
#pragma once

#include "absl/status/status.h"
#include "common/status/status.h"

namespace grpc {
class Status;
}

namespace secsched {

// absl → gRPC through the table. UNKNOWN and INTERNAL-class codes become INTERNAL with a
// generic message: their details belong in the log, never on the wire.
grpc::Status ToGrpcStatus(const absl::Status& status);

// gRPC → absl, for clients of other services (keeps code, message and field violations).
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace secsched
