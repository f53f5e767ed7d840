#include "common/grpc/request_checks.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/stubs/logging.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/pg/migrations.h"
#include "common/status/grpc_status.h"
#include "common/status/status.h"

namespace secsched {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

void CheckMessage(const Message& message, const std::string& prefix,
                  std::vector<FieldViolation>& violations) {
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);  // set fields only (proto3: non-default)
  for (const FieldDescriptor* field : fields) {
    const std::string path = prefix + field->name();
    if (field->type() == FieldDescriptor::TYPE_ENUM) {
      auto check = [&](int value, const std::string& at) {
        if (field->enum_type()->FindValueByNumber(value) == nullptr) {
          violations.push_back(
              {at, std::to_string(value) + " is not a value of " + field->enum_type()->name()});
        }
      };
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          check(reflection->GetRepeatedEnumValue(message, field, i),
                path + "[" + std::to_string(i) + "]");
        }
      } else {
        check(reflection->GetEnumValue(message, field), path);
      }
    } else if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          CheckMessage(reflection->GetRepeatedMessage(message, field, i),
                       path + "[" + std::to_string(i) + "].", violations);
        }
      } else {
        CheckMessage(reflection->GetMessage(message, field), path + ".", violations);
      }
    }
  }
}

// The last parse complaint libprotobuf logged on this thread (gRPC parses a sync call's request
// on the thread that then sends its status).
thread_local std::optional<std::string> last_parse_complaint;

void LogProtobuf(google::protobuf::LogLevel level, const char* file, int line,
                 const std::string& message) {
  if (message.find("invalid UTF-8") != std::string::npos ||
      message.find("parsing") != std::string::npos) {
    last_parse_complaint = message;
  }
  switch (level) {
    case google::protobuf::LOGLEVEL_INFO:
      spdlog::debug("libprotobuf {}:{}: {}", file, line, message);
      break;
    case google::protobuf::LOGLEVEL_WARNING:
      spdlog::warn("libprotobuf {}:{}: {}", file, line, message);
      break;
    default:
      spdlog::info("libprotobuf {}:{}: {}", file, line, message);  // a client's bad bytes
      break;
  }
}

// "String field 'secsched.catalog.v1.Course.display_name' contains invalid UTF-8 data …" →
// "display_name"; "" when no field is named.
std::string FieldNamed(const std::string& complaint) {
  const size_t open = complaint.find('\'');
  const size_t close = open == std::string::npos ? open : complaint.find('\'', open + 1);
  if (close == std::string::npos) return "";
  const std::string full = complaint.substr(open + 1, close - open - 1);
  const size_t dot = full.rfind('.');
  return dot == std::string::npos ? full : full.substr(dot + 1);
}

class ParseErrorInterceptor final : public grpc::experimental::Interceptor {
 public:
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      if (status.error_code() == grpc::StatusCode::INTERNAL && status.error_message().empty()) {
        const std::string complaint = last_parse_complaint.value_or("");
        const std::string field = FieldNamed(complaint);
        const bool utf8 = complaint.find("invalid UTF-8") != std::string::npos;
        absl::Status replaced =
            field.empty()
                ? absl::InvalidArgumentError("The request could not be parsed as its message type.")
                : InvalidField(field, utf8 ? "is not valid UTF-8" : "could not be parsed");
        methods->ModifySendStatus(ToGrpcStatus(replaced));
      }
      last_parse_complaint.reset();
    }
    methods->Proceed();
  }
};

}  // namespace

absl::Status CheckEnumValues(const Message& request) {
  std::vector<FieldViolation> violations;
  CheckMessage(request, "", violations);
  if (violations.empty()) return absl::OkStatus();
  return InvalidArgumentWithFields("The request has enum fields with undefined values.",
                                   std::move(violations));
}

std::string RequestFingerprint(const Message& request) {
  const FieldDescriptor* request_id = request.GetDescriptor()->FindFieldByName("request_id");
  if (request_id == nullptr || request_id->type() != FieldDescriptor::TYPE_STRING ||
      request_id->is_repeated() ||
      request.GetReflection()->GetString(request, request_id).empty()) {
    return "";
  }
  std::unique_ptr<Message> body(request.New());
  body->CopyFrom(request);
  body->GetReflection()->ClearField(body.get(), request_id);
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);  // map fields in key order
    body->SerializeToCodedStream(&coded);
  }
  return pg::Sha256Hex(bytes);
}

void InstallProtobufLogHandler() {
  static std::once_flag once;
  std::call_once(once, [] { google::protobuf::SetLogHandler(&LogProtobuf); });
}

grpc::experimental::Interceptor* ParseErrorInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo*) {
  return new ParseErrorInterceptor();
}

}  // namespace secsched
