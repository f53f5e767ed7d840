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

// A plaintext channel (TLS, when used, is the mesh's job, as on the server side) that spreads
// calls over every address the target resolves to (`round_robin`), instead of gRPC's default
// `pick_first`, which pins a client to one server, and accepts responses up to
// `max_receive_message_bytes`. `address` is a gRPC target: "host:port" (resolved through DNS,
// like "dns:///host:port"; a Kubernetes headless Service name resolves to every ready pod), or
// "ipv4:127.0.0.1:5001,127.0.0.1:5002" for a fixed list. DNS is resolved again whenever a
// connection closes; ServerRunner ages connections out (ServerOptions::max_connection_age), so
// clients also find pods added by a scale-up.
std::shared_ptr<grpc::Channel> MakeChannel(
    std::string_view address, int max_receive_message_bytes = kClientMaxReceiveMessageBytes);

// The service config MakeChannel applies (JSON): round_robin.
extern const char kClientServiceConfig[];

// Sets `authorization: Bearer <token>`, `x-request-id` and the deadline on a fresh context.
// An empty request_id propagates the current thread's one (inside a handler: the incoming
// call's), so one id follows a request across services; with neither, the server makes one.
void PrepareClientContext(grpc::ClientContext& context, std::string_view bearer_token,
                          std::string_view request_id = "",
                          std::chrono::milliseconds deadline = std::chrono::seconds(10));

}  // namespace secsched
