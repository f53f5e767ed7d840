// The one place where errors change shape.
//
// Domain code returns absl::Status; handlers return grpc::Status. The mapping is the table in
// docs/architecture.md ("Errors"). INVALID_ARGUMENT may carry field violations (google.rpc.BadRequest)
// and FAILED_PRECONDITION may carry precondition violations; both travel as absl::Status payloads
// so domain code never sees protobuf types, and ToGrpcStatus turns them into the standard
// `grpc-status-details-bin` trailer any gRPC client can decode.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace grpc {
class Status;
}

namespace secsched {

struct FieldViolation {
  std::string field;        // request field path, e.g. "course.max_students"
  std::string description;  // short English sentence
  bool operator==(const FieldViolation&) const = default;
};

// INVALID_ARGUMENT with one or more field violations attached.
absl::Status InvalidArgumentWithFields(std::string_view message,
                                       std::vector<FieldViolation> violations);
// Shorthand for the common case of a single bad field.
absl::Status InvalidField(std::string_view field, std::string_view description);

// The violations attached by InvalidArgumentWithFields (empty when none).
std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status);

// Collects violations while a request is checked, then yields OK or INVALID_ARGUMENT.
class FieldValidator {
 public:
  // Records a violation when `ok` is false. Returns `ok` so calls can guard dependent checks.
  bool Require(bool ok, std::string_view field, std::string_view description);
  void Add(std::string_view field, std::string_view description);
  bool empty() const { return violations_.empty(); }
  absl::Status Finish(std::string_view message = "The request has invalid fields.") const;

 private:
  std::vector<FieldViolation> violations_;
};

// absl → gRPC through the table. UNKNOWN and INTERNAL-class codes become INTERNAL with a
// generic message: their details belong in the log, never on the wire.
grpc::Status ToGrpcStatus(const absl::Status& status);

// gRPC → absl, for clients of other services (keeps code, message and field violations).
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace secsched
