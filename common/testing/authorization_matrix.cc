#include "common/testing/authorization_matrix.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <stdexcept>

#include "common/auth/jwt.h"
#include "common/grpc/client.h"
#include "common/grpc/metrics_interceptor.h"
#include "common/grpc/testing/in_process_server.h"

namespace secsched::testing {
namespace {

// A cell that hangs (a streaming RPC that never writes, say) fails instead of stalling the test.
constexpr std::chrono::seconds kCallDeadline{10};

std::string MethodPart(const std::string& label) { return label.substr(0, label.find(" (")); }

std::string MintOrThrow(const auth::JwtConfig& config, const std::string& subject,
                        const std::vector<std::string>& scopes,
                        std::chrono::system_clock::time_point issued) {
  absl::StatusOr<std::string> token =
      auth::MintToken(config, subject, scopes, std::chrono::hours(1), issued);
  if (!token.ok()) throw std::runtime_error(token.status().ToString());
  return *std::move(token);
}

const google::protobuf::MethodDescriptor* FindInFile(const google::protobuf::FileDescriptor* file,
                                                     const std::string& method,
                                                     const google::protobuf::Descriptor* input,
                                                     const google::protobuf::Descriptor* output) {
  for (int s = 0; s < file->service_count(); ++s) {
    const google::protobuf::MethodDescriptor* found = file->service(s)->FindMethodByName(method);
    if (found != nullptr && found->input_type() == input && found->output_type() == output) {
      return found;
    }
  }
  return nullptr;
}

}  // namespace

Outcome Outcome::Allowed() {
  Outcome outcome;
  outcome.allowed_ = true;
  return outcome;
}

Outcome Outcome::Is(grpc::StatusCode code) { return OneOf({code}); }

Outcome Outcome::OneOf(std::vector<grpc::StatusCode> codes) {
  Outcome outcome;
  outcome.codes_ = std::move(codes);
  return outcome;
}

Outcome Outcome::WithMessageContaining(std::string text) const {
  Outcome outcome = *this;
  outcome.message_part_ = std::move(text);
  return outcome;
}

bool Outcome::Matches(const grpc::Status& status) const {
  const grpc::StatusCode code = status.error_code();
  const bool code_matches =
      allowed_
          ? code != grpc::StatusCode::UNAUTHENTICATED && code != grpc::StatusCode::PERMISSION_DENIED
          : std::find(codes_.begin(), codes_.end(), code) != codes_.end();
  return code_matches && status.error_message().find(message_part_) != std::string::npos;
}

std::string Outcome::ToString() const {
  std::string text;
  if (allowed_) {
    text = "allowed (neither UNAUTHENTICATED nor PERMISSION_DENIED)";
  } else {
    for (std::size_t i = 0; i < codes_.size(); ++i) {
      if (i > 0) text += " or ";
      text += StatusCodeName(codes_[i]);
    }
  }
  if (!message_part_.empty()) text += " saying \"" + message_part_ + "\"";
  return text;
}

Outcome Allowed() { return Outcome::Allowed(); }
Outcome Ok() { return Outcome::Is(grpc::StatusCode::OK); }
Outcome Unauthenticated() { return Outcome::Is(grpc::StatusCode::UNAUTHENTICATED); }
Outcome PermissionDenied() { return Outcome::Is(grpc::StatusCode::PERMISSION_DENIED); }

std::string StatusCodeName(grpc::StatusCode code) { return std::string(GrpcCodeName(code)); }

std::string BadlySignedTestToken(const std::string& subject,
                                 const std::vector<std::string>& scopes) {
  const auth::JwtConfig other_key{.algorithm = auth::JwtConfig::Algorithm::kHS256,
                                  .key = "not-the-test-key-so-the-signature-fails-0123456789"};
  return MintOrThrow(other_key, subject, scopes, std::chrono::system_clock::now());
}

std::string ExpiredTestToken(const std::string& subject, const std::vector<std::string>& scopes) {
  // Issued four hours ago for one hour: expired three hours ago, far beyond the leeway.
  return MintOrThrow(TestJwtConfig(), subject, scopes,
                     std::chrono::system_clock::now() - std::chrono::hours(4));
}

MatrixCaller NoToken() { return {"no token", "", Unauthenticated(), Unauthenticated()}; }

MatrixCaller BadSignature(const std::string& subject, const std::vector<std::string>& scopes) {
  return {"bad signature", BadlySignedTestToken(subject, scopes), Unauthenticated(),
          Unauthenticated()};
}

MatrixCaller ExpiredToken(const std::string& subject, const std::vector<std::string>& scopes) {
  return {"expired token", ExpiredTestToken(subject, scopes), Unauthenticated(), Unauthenticated()};
}

MatrixCaller OtherSchoolStaff(const std::string& staff_id, const std::vector<std::string>& scopes) {
  return {"staff of another school (" + staff_id + ")", MintTestToken(staff_id, scopes),
          PermissionDenied(), PermissionDenied()};
}

MatrixCaller Reader(const std::string& subject, const std::vector<std::string>& scopes) {
  return {"reader (" + subject + ")", MintTestToken(subject, scopes), Allowed(),
          PermissionDenied()};
}

MatrixCaller RevokedStaff(const std::string& staff_id) {
  return {"revoked approval (" + staff_id + ")", MintTestToken(staff_id, {}), PermissionDenied(),
          PermissionDenied()};
}

MatrixCaller StaffWithAccess(const std::string& staff_id) {
  return {"staff with access (" + staff_id + ")", MintTestToken(staff_id, {}), Allowed(),
          Allowed()};
}

MatrixCaller Admin(const std::string& subject) {
  return {"admin", MintTestToken(subject, {"admin"}), Allowed(), Allowed()};
}

MatrixCaller Refused(std::string name, const std::string& subject,
                     const std::vector<std::string>& scopes) {
  return {std::move(name), MintTestToken(subject, scopes), PermissionDenied(), PermissionDenied()};
}

RpcRow RpcRow::Except(const std::string& caller, Outcome expected) && {
  exceptions.push_back({caller, std::move(expected)});
  return std::move(*this);
}

RpcRow RpcRow::AlsoAs(MatrixCaller caller) && {
  own_callers.push_back(std::move(caller));
  return std::move(*this);
}

const google::protobuf::MethodDescriptor* FindRpc(const std::string& label,
                                                  const google::protobuf::Descriptor* input,
                                                  const google::protobuf::Descriptor* output) {
  const std::string method = MethodPart(label);
  if (const auto* found = FindInFile(input->file(), method, input, output)) return found;
  return FindInFile(output->file(), method, input, output);
}

AuthorizationMatrix& AuthorizationMatrix::Add(RpcRow row) {
  for (const RpcRow& existing : rows_) {
    if (existing.label == row.label) {
      throw std::invalid_argument("Two rows are labelled \"" + row.label +
                                  "\"; add a note in parentheses to tell them apart.");
    }
  }
  rows_.push_back(std::move(row));
  return *this;
}

void AuthorizationMatrix::ExpectEveryRpcHasARow(
    std::initializer_list<std::string> service_full_names) const {
  std::set<std::string> covered;
  for (const RpcRow& row : rows_) {
    if (row.method == nullptr) {
      ADD_FAILURE() << "Row \"" << row.label << "\" names no RPC: no service method called \""
                    << MethodPart(row.label) << "\" takes and returns the row's types.";
    } else {
      covered.insert(row.method->full_name());
    }
  }
  const google::protobuf::DescriptorPool* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& name : service_full_names) {
    const google::protobuf::ServiceDescriptor* service = pool->FindServiceByName(name);
    if (service == nullptr) {
      ADD_FAILURE() << "No gRPC service " << name << " is linked into this test.";
      continue;
    }
    for (int m = 0; m < service->method_count(); ++m) {
      if (covered.count(service->method(m)->full_name()) == 0) {
        ADD_FAILURE() << service->method(m)->full_name()
                      << " has no row in the authorization matrix.";
      }
    }
  }
}

void AuthorizationMatrix::Check(const std::vector<MatrixCaller>& callers) const {
  for (const MatrixCaller& caller : callers) {
    for (const RpcRow& row : rows_) CheckCell(row, caller);
  }
  for (const RpcRow& row : rows_) {
    for (const MatrixCaller& caller : row.own_callers) CheckCell(row, caller);
  }
}

void AuthorizationMatrix::CheckCell(const RpcRow& row, const MatrixCaller& caller) const {
  const Outcome* expected = row.needs == Needs::kWrite ? &caller.writes : &caller.reads;
  for (const CallerException& exception : row.exceptions) {
    if (exception.caller == caller.name) expected = &exception.expected;
  }
  const grpc::Status status = Run(row, caller.token);
  if (!expected->Matches(status)) {
    ADD_FAILURE() << row.label << " × " << caller.name << ": expected " << expected->ToString()
                  << ", got " << StatusCodeName(status.error_code()) << " ("
                  << status.error_message() << ")";
  }
}

grpc::Status AuthorizationMatrix::Call(const std::string& label, const std::string& token) const {
  for (const RpcRow& row : rows_) {
    if (row.label == label) return Run(row, token);
  }
  throw std::invalid_argument("The matrix has no row \"" + label + "\".");
}

grpc::Status AuthorizationMatrix::Run(const RpcRow& row, const std::string& token) const {
  grpc::ClientContext context;
  if (token.empty()) {
    context.set_deadline(std::chrono::system_clock::now() + kCallDeadline);
  } else {
    PrepareClientContext(context, token, "", kCallDeadline);
  }
  return row.call(channel_, &context);
}

}  // namespace secsched::testing
