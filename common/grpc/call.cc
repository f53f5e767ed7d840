#include "common/grpc/call.h"

#include <cxxabi.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <new>
#include <optional>
#include <pqxx/except>
#include <random>
#include <typeinfo>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "common/grpc/internal_errors.h"
#include "common/grpc/metrics_interceptor.h"
#include "common/grpc/request_checks.h"
#include "common/log/log.h"
#include "common/pg/errors.h"
#include "common/pg/request_ids.h"
#include "common/status/grpc_status.h"
#include "common/status/strings.h"

namespace secsched {
namespace {

constexpr size_t kMaxRequestIdLength = 128;

std::optional<std::string_view> FindMetadata(const grpc::ServerContext& context,
                                             std::string_view key) {
  const auto& metadata = context.client_metadata();
  auto found = metadata.find(grpc::string_ref(key.data(), key.size()));
  if (found == metadata.end()) return std::nullopt;
  return std::string_view(found->second.data(), found->second.size());
}

bool IsRequestIdCharacter(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
         c == ':';
}

// The readable name of an exception's type ("pqxx::usage_error", "std::out_of_range").
std::string TypeName(const std::type_info* type) {
  if (type == nullptr) return "unknown type";
  int failed = 0;
  char* demangled = abi::__cxa_demangle(type->name(), nullptr, nullptr, &failed);
  std::string name = failed == 0 && demangled != nullptr ? demangled : type->name();
  std::free(demangled);
  return name;
}

// What the environment may throw past the storage layer's translation, and the code it gets
// from the error table. PostgreSQL going away mid-call is UNAVAILABLE (or ABORTED, DEADLINE_
// EXCEEDED: the same answers pg::StatusFromPqxx gives inside a transaction); running out of memory
// is RESOURCE_EXHAUSTED. Everything else that escapes a handler (a constraint violation or SQL
// error the storage layer did not catch, std::out_of_range, a json::exception, ...) is a
// programming error: nullopt.
std::optional<absl::Status> EnvironmentFailure(const std::exception& error) {
  if (dynamic_cast<const std::bad_alloc*>(&error) != nullptr) {
    return absl::ResourceExhaustedError("The server is out of memory; retry later.");
  }
  if (dynamic_cast<const pqxx::failure*>(&error) != nullptr) {
    absl::Status status = pg::StatusFromPqxx(error);
    switch (status.code()) {
      case absl::StatusCode::kUnavailable:
      case absl::StatusCode::kAborted:
      case absl::StatusCode::kDeadlineExceeded:
        return status;
      default:
        break;
    }
  }
  return std::nullopt;
}

// A programming error: logged with everything known (the request id is in the log scope), counted
// for alerting, answered with the table's generic INTERNAL. Not a crash: one server process
// answers many schools at once, and a request that trips a bug would take every other call in
// flight down with it, again on each client retry (docs/architecture.md, "Decisions").
grpc::Status ProgrammingError(const grpc::ServerContext& context, const auth::Caller& caller,
                              std::string_view type, std::string_view what) {
  spdlog::error("Programming error: the handler threw {} ({}); caller {}, peer {}", type, what,
                caller.subject, context.peer());
  CountInternalError("exception");
  return ToGrpcStatus(absl::InternalError("Handler threw."));  // the table makes it generic
}

}  // namespace

std::string AcceptRequestId(std::string_view sent) {
  if (sent.empty() || sent.size() > kMaxRequestIdLength) return NewRequestId();
  for (char c : sent) {
    if (!IsRequestIdCharacter(c)) return NewRequestId();
  }
  return std::string(sent);
}

namespace {

std::atomic<double> call_log_sample_rate{1.0};

bool SampledForLog(const grpc::Status& status) {
  if (!status.ok()) return true;  // every failure is logged
  const double rate = call_log_sample_rate.load(std::memory_order_relaxed);
  if (rate >= 1.0) return true;
  if (rate <= 0.0) return false;
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator) < rate;
}

// The one line per call (docs/operations.md, "Logs"): the request id is the line's own field.
void LogCall(const grpc::Status& status, std::chrono::steady_clock::time_point start,
             std::string_view subject) {
  if (!SampledForLog(status)) return;
  const double milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::string_view method = CurrentRpcMethod();
  if (method.empty()) method = "unknown";
  const std::string_view code = GrpcCodeName(status.error_code());
  LogFieldsScope fields({{"method", JsonString(method)},
                         {"code", JsonString(code)},
                         {"duration_ms", absl::StrFormat("%.3f", milliseconds)},
                         {"caller", JsonString(subject)}});
  if (status.ok()) {
    spdlog::info("{} {} in {:.3f} ms, caller {}", method, code, milliseconds,
                 subject.empty() ? "-" : subject);
  } else {
    spdlog::info("{} {} in {:.3f} ms, caller {}: {}", method, code, milliseconds,
                 subject.empty() ? "-" : subject, status.error_message());
  }
}

// Everything HandleCall does but the log line; `subject` receives the authenticated caller.
grpc::Status RunCall(grpc::ServerContext* context, const google::protobuf::Message& request,
                     const auth::JwtVerifier& verifier,
                     const std::function<absl::Status(const auth::Caller&)>& body,
                     std::string& subject) {
  absl::StatusOr<auth::Caller> caller = auth::AuthenticateMetadata(
      verifier, FindMetadata(*context, kAuthorizationMetadata), std::chrono::system_clock::now());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  subject = caller->subject;
  if (absl::Status enums = CheckEnumValues(request); !enums.ok()) return ToGrpcStatus(enums);
  pg::RequestFingerprintScope fingerprint_scope(RequestFingerprint(request));

  absl::Status result;
  try {
    result = body(*caller);
  } catch (const std::exception& error) {
    if (std::optional<absl::Status> failure = EnvironmentFailure(error)) {
      spdlog::warn("Call failed on its environment: {} ({})", TypeName(&typeid(error)),
                   error.what());
      return ToGrpcStatus(*failure);
    }
    return ProgrammingError(*context, *caller, TypeName(&typeid(error)), error.what());
  } catch (...) {
    return ProgrammingError(*context, *caller, TypeName(abi::__cxa_current_exception_type()),
                            "not a std::exception");
  }
  if (result.code() == absl::StatusCode::kInternal || result.code() == absl::StatusCode::kUnknown ||
      result.code() == absl::StatusCode::kDataLoss) {
    // ToGrpcStatus sends these with a generic message; the details live only in the log.
    spdlog::error("Call failed: {}", result.ToString());
    CountInternalError("status");
  }
  return ToGrpcStatus(result);
}

}  // namespace

void SetCallLogSampleRate(double rate) {
  call_log_sample_rate.store(rate, std::memory_order_relaxed);
}

grpc::Status HandleCall(grpc::ServerContext* context, const google::protobuf::Message& request,
                        const auth::JwtVerifier& verifier,
                        const std::function<absl::Status(const auth::Caller&)>& body) {
  const auto start = std::chrono::steady_clock::now();
  std::string request_id = AcceptRequestId(FindMetadata(*context, kRequestIdMetadata).value_or(""));
  context->AddInitialMetadata(std::string(kRequestIdMetadata), request_id);
  RequestIdScope request_id_scope(std::move(request_id));
  std::string subject;
  grpc::Status status = RunCall(context, request, verifier, body, subject);
  LogCall(status, start, subject);
  return status;
}

}  // namespace secsched
