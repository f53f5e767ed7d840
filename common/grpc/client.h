// Client side of the suite's conventions, for service-to-service calls, the CLI and tests.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <chrono>
#include <memory>
#include <string_view>

namespace secsched {

// A plaintext channel to host:port (TLS, when used, is the mesh's job, as on the server side).
std::shared_ptr<grpc::Channel> MakeChannel(std::string_view address);

// Sets `authorization: Bearer <token>`, `x-request-id` and the deadline on a fresh context.
// An empty request_id propagates the current thread's one (inside a handler: the incoming
// call's), so one id follows a request across services; with neither, the server makes one.
void PrepareClientContext(grpc::ClientContext& context, std::string_view bearer_token,
                          std::string_view request_id = "",
                          std::chrono::milliseconds deadline = std::chrono::seconds(10));

}  // namespace secsched
