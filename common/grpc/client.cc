#include "common/grpc/client.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <string>

#include "common/grpc/call.h"
#include "common/log/log.h"

namespace secsched {

const char kClientServiceConfig[] = R"({"loadBalancingConfig": [{"round_robin": {}}]})";

std::shared_ptr<grpc::Channel> MakeChannel(std::string_view address,
                                           int max_receive_message_bytes) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(max_receive_message_bytes);
  arguments.SetServiceConfigJSON(kClientServiceConfig);
  return grpc::CreateCustomChannel(std::string(address), grpc::InsecureChannelCredentials(),
                                   arguments);
}

void PrepareClientContext(grpc::ClientContext& context, std::string_view bearer_token,
                          std::string_view request_id, std::chrono::milliseconds deadline) {
  context.AddMetadata(std::string(kAuthorizationMetadata), "Bearer " + std::string(bearer_token));
  if (request_id.empty()) request_id = CurrentRequestId();
  if (!request_id.empty()) {
    context.AddMetadata(std::string(kRequestIdMetadata), std::string(request_id));
  }
  context.set_deadline(std::chrono::system_clock::now() + deadline);
}

}  // namespace secsched
