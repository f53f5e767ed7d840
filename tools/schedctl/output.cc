#include "tools/schedctl/output.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>
#include <grpcpp/support/status.h>

#include <algorithm>
#include <sstream>

#include "absl/status/status.h"
#include "common/status/grpc_status.h"
#include "common/status/strings.h"

namespace secsched::schedctl {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

using FieldList = std::vector<std::pair<std::string, std::string>>;

// Keeps one value on one table line; Job.result may hold JSON with newlines.
std::string OneLine(std::string text) {
  std::string escaped;
  for (char c : text) {
    if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string FormatDouble(double value) {
  std::ostringstream stream;
  stream << value;
  return stream.str();
}

std::string TimestampText(const Message& message) {
  google::protobuf::Timestamp timestamp;
  timestamp.ParseFromString(message.SerializeAsString());
  return google::protobuf::util::TimeUtil::ToString(timestamp);
}

bool IsTimestamp(const FieldDescriptor& field) {
  return field.message_type() != nullptr &&
         field.message_type()->full_name() == "google.protobuf.Timestamp";
}

// One element of a field (index -1 for a singular field) as text; messages are not handled here.
std::string ScalarText(const Message& message, const FieldDescriptor& field, int index) {
  const Reflection& r = *message.GetReflection();
  const bool repeated = index >= 0;
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return OneLine(repeated ? r.GetRepeatedString(message, &field, index)
                              : r.GetString(message, &field));
    case FieldDescriptor::CPPTYPE_INT32:
      return std::to_string(repeated ? r.GetRepeatedInt32(message, &field, index)
                                     : r.GetInt32(message, &field));
    case FieldDescriptor::CPPTYPE_INT64:
      return std::to_string(repeated ? r.GetRepeatedInt64(message, &field, index)
                                     : r.GetInt64(message, &field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return std::to_string(repeated ? r.GetRepeatedUInt32(message, &field, index)
                                     : r.GetUInt32(message, &field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return std::to_string(repeated ? r.GetRepeatedUInt64(message, &field, index)
                                     : r.GetUInt64(message, &field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return FormatDouble(repeated ? r.GetRepeatedDouble(message, &field, index)
                                   : r.GetDouble(message, &field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return FormatDouble(repeated ? r.GetRepeatedFloat(message, &field, index)
                                   : r.GetFloat(message, &field));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (repeated ? r.GetRepeatedBool(message, &field, index) : r.GetBool(message, &field))
                 ? "true"
                 : "false";
    case FieldDescriptor::CPPTYPE_ENUM:
      return (repeated ? r.GetRepeatedEnum(message, &field, index) : r.GetEnum(message, &field))
          ->name();
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return "";
}

void AppendFields(const Message& message, const std::string& prefix, FieldList& fields);

// A message-typed value: timestamps stay one cell, other messages flatten into `name.child`.
void AppendMessageValue(const Message& value, const FieldDescriptor& field, const std::string& name,
                        FieldList& fields) {
  if (IsTimestamp(field)) {
    fields.emplace_back(name, TimestampText(value));
  } else {
    AppendFields(value, name + ".", fields);
  }
}

void AppendFields(const Message& message, const std::string& prefix, FieldList& fields) {
  const Reflection& r = *message.GetReflection();
  const auto& descriptor = *message.GetDescriptor();
  for (int i = 0; i < descriptor.field_count(); ++i) {
    const FieldDescriptor& field = *descriptor.field(i);
    const std::string name = prefix + field.name();
    if (field.is_repeated()) {
      for (int j = 0; j < r.FieldSize(message, &field); ++j) {
        const std::string element = name + "[" + std::to_string(j) + "]";
        if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
          AppendMessageValue(r.GetRepeatedMessage(message, &field, j), field, element, fields);
        } else {
          fields.emplace_back(element, ScalarText(message, field, j));
        }
      }
    } else if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (r.HasField(message, &field)) {
        AppendMessageValue(r.GetMessage(message, &field), field, name, fields);
      } else if (IsTimestamp(field)) {
        fields.emplace_back(name, "");  // keep the row so tables always have the same shape
      }
    } else {
      fields.emplace_back(name, ScalarText(message, field, -1));
    }
  }
}

}  // namespace

FieldList MessageFields(const Message& message) {
  FieldList fields;
  AppendFields(message, "", fields);
  return fields;
}

std::string RenderColumns(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - row[c].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string RenderTable(const Message& message) {
  std::vector<std::vector<std::string>> rows;
  for (auto& [field, value] : MessageFields(message)) rows.push_back({field, value});
  return RenderColumns(rows);
}

std::string RenderJson(const Message& message, bool multiline) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = multiline;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  options.always_print_enums_as_ints = false;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  // Only a malformed Any can fail here, and the APIs have none; say so rather than print nothing.
  if (!status.ok()) return "{\"error\": \"cannot render the response as JSON\"}\n";
  if (json.empty() || json.back() != '\n') json += "\n";
  return json;
}

std::string RenderMessage(const Message& message, OutputFormat format) {
  return format == OutputFormat::kJson ? RenderJson(message) : RenderTable(message);
}

std::string FormatRpcError(const grpc::Status& status) {
  const absl::Status converted = FromGrpcStatus(status);
  std::string out = "error: " + absl::StatusCodeToString(converted.code()) + ": " +
                    std::string(ToStd(converted.message())) + "\n";
  for (const FieldViolation& violation : FieldViolationsOf(converted)) {
    out += "  " + violation.field + ": " + violation.description + "\n";
  }
  return out;
}

}  // namespace secsched::schedctl
