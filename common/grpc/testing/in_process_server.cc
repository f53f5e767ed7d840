#include "common/grpc/testing/in_process_server.h"

#include <stdexcept>

#include "common/grpc/client.h"

namespace secsched {
namespace {

ServerOptions OnLoopback(ServerOptions options) {
  options.listen_address = "127.0.0.1:0";
  return options;
}

}  // namespace

const auth::JwtConfig& TestJwtConfig() {
  static const auth::JwtConfig config{
      .algorithm = auth::JwtConfig::Algorithm::kHS256,
      .key = "secsched-test-only-hs256-key-0123456789abcdef",
  };
  return config;
}

const auth::JwtVerifier& TestJwtVerifier() {
  static const auth::JwtVerifier verifier = [] {
    auto created = auth::JwtVerifier::Create(TestJwtConfig());
    if (!created.ok()) throw std::runtime_error(created.status().ToString());
    return *std::move(created);
  }();
  return verifier;
}

std::string MintTestToken(std::string_view subject, const std::vector<std::string>& scopes,
                          std::chrono::seconds ttl) {
  auto token =
      auth::MintToken(TestJwtConfig(), subject, scopes, ttl, std::chrono::system_clock::now());
  if (!token.ok()) throw std::runtime_error(token.status().ToString());
  return *std::move(token);
}

InProcessServer::InProcessServer(std::vector<ServiceToServe> services, ServerOptions options)
    : runner_(OnLoopback(std::move(options))) {
  for (ServiceToServe& entry : services) {
    runner_.AddService(entry.service, std::move(entry.health_name));
  }
  if (absl::Status started = runner_.Start(); !started.ok()) {
    throw std::runtime_error("InProcessServer: " + started.ToString());
  }
  channel_ = MakeChannel(address());
}

InProcessServer::~InProcessServer() { runner_.Shutdown(); }

std::string InProcessServer::address() const {
  return "127.0.0.1:" + std::to_string(runner_.port());
}

}  // namespace secsched
