// Client side of the suite's conventions, for service-to-service calls, the CLI and tests.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <chrono>
#include <memory>
#include <string_view>

namespace secsched {

// The largest response a client of the suite accepts (gRPC's own default is 4 MiB): CSV exports
// arrive as one message. The same figure as the servers' default request limit
// (ServerOptions::max_receive_message_bytes); docs/api.md ("Size limits") lists both.
inline constexpr int kClientMaxReceiveMessageBytes = 32 << 20;

// A plaintext channel to host:port (TLS, when used, is the mesh's job, as on the server side)
// that accepts responses up to `max_receive_message_bytes`.
std::shared_ptr<grpc::Channel> MakeChannel(
    std::string_view address, int max_receive_message_bytes = kClientMaxReceiveMessageBytes);

// Sets `authorization: Bearer <token>`, `x-request-id` and the deadline on a fresh context.
// An empty request_id propagates the current thread's one (inside a handler: the incoming
// call's), so one id follows a request across services; with neither, the server makes one.
void PrepareClientContext(grpc::ClientContext& context, std::string_view bearer_token,
                          std::string_view request_id = "",
                          std::chrono::milliseconds deadline = std::chrono::seconds(10));

}  // namespace secsched
