#include "common/status/status.h"

#include <charconv>

#include "absl/strings/cord.h"
#include "common/status/strings.h"

namespace secsched {
namespace {

// The payload is in-process only (it never leaves as is), so a simple length-prefixed encoding
// is enough: "<length>:<bytes>" for each field and description in turn.
constexpr char kFieldViolationsPayload[] = "secsched.FieldViolations";

void AppendPart(std::string& out, std::string_view part) {
  out += std::to_string(part.size());
  out += ':';
  out += part;
}

bool ReadPart(std::string_view& in, std::string& part) {
  const std::size_t colon = in.find(':');
  if (colon == std::string_view::npos) return false;
  std::size_t length = 0;
  const auto [end, error] = std::from_chars(in.data(), in.data() + colon, length);
  if (error != std::errc() || end != in.data() + colon || length > in.size() - colon - 1) {
    return false;
  }
  part.assign(in.substr(colon + 1, length));
  in.remove_prefix(colon + 1 + length);
  return true;
}

}  // namespace

absl::Status InvalidArgumentWithFields(std::string_view message,
                                       std::vector<FieldViolation> violations) {
  absl::Status status = absl::InvalidArgumentError(ToAbsl(message));
  if (!violations.empty()) {
    std::string encoded;
    for (const FieldViolation& v : violations) {
      AppendPart(encoded, v.field);
      AppendPart(encoded, v.description);
    }
    status.SetPayload(kFieldViolationsPayload, absl::Cord(encoded));
  }
  return status;
}

absl::Status InvalidField(std::string_view field, std::string_view description) {
  return InvalidArgumentWithFields(description, {{std::string(field), std::string(description)}});
}

std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status) {
  auto payload = status.GetPayload(kFieldViolationsPayload);  // absl::optional, not std::
  if (!payload) return {};
  const std::string encoded(*payload);
  std::string_view in = encoded;
  std::vector<FieldViolation> violations;
  while (!in.empty()) {
    FieldViolation v;
    if (!ReadPart(in, v.field) || !ReadPart(in, v.description)) return {};
    violations.push_back(std::move(v));
  }
  return violations;
}

bool FieldValidator::Require(bool ok, std::string_view field, std::string_view description) {
  if (!ok) Add(field, description);
  return ok;
}

void FieldValidator::Add(std::string_view field, std::string_view description) {
  violations_.push_back({std::string(field), std::string(description)});
}

absl::Status FieldValidator::Finish(std::string_view message) const {
  if (violations_.empty()) return absl::OkStatus();
  if (violations_.size() == 1) {
    return InvalidArgumentWithFields(violations_.front().description, violations_);
  }
  return InvalidArgumentWithFields(message, violations_);
}

}  // namespace secsched
