#include "common/status/grpc_status.h"

#include <grpcpp/support/status.h>

#include "common/status/strings.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace secsched {
namespace {

constexpr char kGenericInternalMessage[] =
    "Internal error. It has been logged; please retry or report it.";
// Serialized BadRequest budget: 3,000 bytes is about 4 KiB of base64, half of what a gRPC client
// accepts for all trailers together.
constexpr std::size_t kMaxViolationBytes = 3000;

google::rpc::BadRequest ToBadRequest(const std::vector<FieldViolation>& violations) {
  google::rpc::BadRequest bad_request;
  for (const FieldViolation& v : violations) {
    auto* out = bad_request.add_field_violations();
    out->set_field(v.field);
    out->set_description(v.description);
  }
  return bad_request;
}

std::vector<FieldViolation> FromBadRequest(const google::rpc::BadRequest& bad_request) {
  std::vector<FieldViolation> violations;
  for (const auto& v : bad_request.field_violations()) {
    violations.push_back({v.field(), v.description()});
  }
  return violations;
}

// The error table from docs/architecture.md. Codes a handler should never produce on purpose
// (UNKNOWN, DATA_LOSS, INTERNAL) collapse into INTERNAL.
grpc::StatusCode GrpcCodeFor(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return grpc::StatusCode::OK;
    case absl::StatusCode::kCancelled:
      return grpc::StatusCode::CANCELLED;
    case absl::StatusCode::kInvalidArgument:
      return grpc::StatusCode::INVALID_ARGUMENT;
    case absl::StatusCode::kDeadlineExceeded:
      return grpc::StatusCode::DEADLINE_EXCEEDED;
    case absl::StatusCode::kNotFound:
      return grpc::StatusCode::NOT_FOUND;
    case absl::StatusCode::kAlreadyExists:
      return grpc::StatusCode::ALREADY_EXISTS;
    case absl::StatusCode::kPermissionDenied:
      return grpc::StatusCode::PERMISSION_DENIED;
    case absl::StatusCode::kResourceExhausted:
      return grpc::StatusCode::RESOURCE_EXHAUSTED;
    case absl::StatusCode::kFailedPrecondition:
      return grpc::StatusCode::FAILED_PRECONDITION;
    case absl::StatusCode::kAborted:
      return grpc::StatusCode::ABORTED;
    case absl::StatusCode::kOutOfRange:
      return grpc::StatusCode::OUT_OF_RANGE;
    case absl::StatusCode::kUnimplemented:
      return grpc::StatusCode::UNIMPLEMENTED;
    case absl::StatusCode::kUnavailable:
      return grpc::StatusCode::UNAVAILABLE;
    case absl::StatusCode::kUnauthenticated:
      return grpc::StatusCode::UNAUTHENTICATED;
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kDataLoss:
    default:
      return grpc::StatusCode::INTERNAL;
  }
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const grpc::StatusCode code = GrpcCodeFor(status.code());
  if (code == grpc::StatusCode::INTERNAL) {
    return grpc::Status(code, kGenericInternalMessage);
  }
  std::string message(ToStd(status.message()));
  std::vector<FieldViolation> violations = FieldViolationsOf(status);
  if (violations.empty()) return grpc::Status(code, message);

  // The details travel base64-encoded in a trailer, and gRPC clients refuse metadata over 8 KiB
  // (RESOURCE_EXHAUSTED instead of our error): list only as many violations as fit, and say so.
  const std::size_t all = violations.size();
  google::rpc::BadRequest bad_request = ToBadRequest(violations);
  while (bad_request.field_violations_size() > 1 &&
         bad_request.ByteSizeLong() > kMaxViolationBytes) {
    bad_request.mutable_field_violations()->RemoveLast();
  }
  if (static_cast<std::size_t>(bad_request.field_violations_size()) < all) {
    message += " (the first " + std::to_string(bad_request.field_violations_size()) + " of " +
               std::to_string(all) + " problems are listed)";
  }
  google::rpc::Status details;
  details.set_code(static_cast<int>(code));
  details.set_message(message);
  details.add_details()->PackFrom(bad_request);
  return grpc::Status(code, message, details.SerializeAsString());
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status result(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  google::rpc::Status details;
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    for (const auto& any : details.details()) {
      google::rpc::BadRequest bad_request;
      if (any.UnpackTo(&bad_request)) {
        return InvalidArgumentWithFields(status.error_message(), FromBadRequest(bad_request));
      }
    }
  }
  return result;
}

}  // namespace secsched
