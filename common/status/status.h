// Errors as domain code writes them: absl::Status, with field violations for INVALID_ARGUMENT.
//
// Pure (Abseil only), so domain libraries can validate without pulling in gRPC or protobuf. The
// violations travel as an absl::Status payload in a private encoding; the gRPC mapping
// (common/status/grpc_status.h) turns them into the standard google.rpc.BadRequest detail.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

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

}  // namespace secsched
