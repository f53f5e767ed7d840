// How schedctl shows responses and errors.
//
// table: an aligned field/value listing for people (every field in declaration order, so a
//        zero such as `progress_percent 0` is shown rather than hidden);
// json:  the response message as protobuf JSON, with the .proto field names (snake_case) and
//        default values included, so scripts can rely on every key being present.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tools/schedctl/settings.h"

namespace google::protobuf {
class Message;
}
namespace grpc {
class Status;
}

namespace secsched::schedctl {

// (field, value) pairs of a message: enums by name, timestamps in RFC 3339 (empty when unset),
// nested messages flattened as `parent.child`, repeated fields as `field[i]`.
std::vector<std::pair<std::string, std::string>> MessageFields(
    const google::protobuf::Message& message);

// Rows as left-aligned columns separated by two spaces, one line per row, no trailing spaces.
std::string RenderColumns(const std::vector<std::vector<std::string>>& rows);

// The two-column field/value table of a message.
std::string RenderTable(const google::protobuf::Message& message);

// Protobuf JSON of a message, followed by a newline. `multiline` indents it for reading; a
// single line suits streams (one JSON object per line).
std::string RenderJson(const google::protobuf::Message& message, bool multiline = true);

std::string RenderMessage(const google::protobuf::Message& message, OutputFormat format);

// "error: CODE: message" and one "  field: description" line per field violation.
std::string FormatRpcError(const grpc::Status& status);

}  // namespace secsched::schedctl
