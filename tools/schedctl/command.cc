#include "tools/schedctl/command.h"

#include <google/protobuf/message.h>

#include "common/grpc/client.h"
#include "tools/schedctl/output.h"

namespace secsched::schedctl {

std::shared_ptr<grpc::Channel> ChannelTo(const CommandContext& context, Service service) {
  return MakeChannel(context.options.AddressOf(service));
}

void PrepareCall(const CommandContext& context, grpc::ClientContext& call) {
  PrepareClientContext(call, context.options.token, context.options.request_id,
                       context.options.timeout);
}

int Report(const CommandContext& context, Service service, const grpc::Status& status,
           const google::protobuf::Message& response) {
  if (!status.ok()) return ReportRpcError(context, service, status);
  context.out << RenderMessage(response, context.options.output) << std::flush;
  return kExitOk;
}

int ReportRpcError(const CommandContext& context, Service service, const grpc::Status& status) {
  context.err << FormatRpcError(status);
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
      status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    context.err << "  (called the " << ServiceName(service) << " service at "
                << context.options.AddressOf(service) << ")\n";
  }
  return kExitFailed;
}

std::string UsageLine(const Command& command) {
  std::string line = "schedctl " + command.resource + " " + command.verb;
  if (!command.synopsis.empty()) line += " " + command.synopsis;
  return line;
}

int UsageError(const CommandContext& context, std::string_view message) {
  context.err << "error: " << message << "\nusage: " << UsageLine(context.command) << "\n";
  return kExitUsage;
}

std::string QualifiedName(std::string_view collection, std::string_view name_or_id) {
  const std::string prefix = std::string(collection) + "/";
  if (name_or_id.starts_with(prefix)) return std::string(name_or_id);
  return prefix + std::string(name_or_id);
}

}  // namespace secsched::schedctl
