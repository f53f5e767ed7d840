// Test fixture: a real ServerRunner on 127.0.0.1:<free port> serving the given handlers, a channel
// to it, and tokens its handlers accept. Shuts down in the destructor.
//
//   InProcessServer server({{&handler, "secsched.catalog.v1.CatalogService"}});
//   auto stub = CatalogService::NewStub(server.channel());
//   grpc::ClientContext context;
//   PrepareClientContext(context, server.Token("staff-1", {"scheduler"}));
//
// Handlers are built before the server, so they take TestJwtVerifier() directly.
#pragma once

#include <grpcpp/channel.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/auth/jwt.h"
#include "common/grpc/server_runner.h"

namespace secsched {

// The HS256 configuration every test server and token shares. Test-only key.
const auth::JwtConfig& TestJwtConfig();
const auth::JwtVerifier& TestJwtVerifier();
// A token TestJwtVerifier() accepts (valid for `ttl` from now).
std::string MintTestToken(std::string_view subject = "staff-test",
                          const std::vector<std::string>& scopes = {"admin"},
                          std::chrono::seconds ttl = std::chrono::hours(1));

class InProcessServer {
 public:
  struct ServiceToServe {
    grpc::Service* service;
    std::string health_name;  // e.g. "secsched.catalog.v1.CatalogService"
  };

  // Throws std::runtime_error when the server cannot start (GoogleTest reports it as a failure).
  // options.listen_address is always 127.0.0.1:0.
  explicit InProcessServer(std::vector<ServiceToServe> services, ServerOptions options = {});
  ~InProcessServer();

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  std::string address() const;  // "127.0.0.1:<port>"
  ServerRunner& runner() { return runner_; }
  std::string Token(std::string_view subject = "staff-test",
                    const std::vector<std::string>& scopes = {"admin"}) const {
    return MintTestToken(subject, scopes);
  }

 private:
  ServerRunner runner_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace secsched
