// Where and how schedctl calls the services: addresses, bearer token, deadline, output format.
// Flags win over environment variables, which win over the defaults.
#pragma once

#include <array>
#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/config/config.h"
#include "tools/schedctl/args.h"

namespace secsched::schedctl {

enum class Service { kAccess = 0, kCatalog = 1, kRequests = 2, kSectioning = 3 };
inline constexpr int kServiceCount = 4;

// "access", "catalog", ... for messages.
std::string_view ServiceName(Service service);

// --server HOST:PORT when given (one address for every service, e.g. behind a gateway), else
// SECSCHED_<SERVICE>_ADDR, else 127.0.0.1:50051..50054 (access, catalog, requests, sectioning).
std::string ResolveAddress(Service service, std::string_view server_flag,
                           const EnvironmentLookup& environment);

// --token, else SECSCHED_TOKEN; empty when neither is set (callers turn that into a usage error
// only for commands that call a service, so `help` works without a token).
std::string ResolveToken(std::string_view token_flag, const EnvironmentLookup& environment);

enum class OutputFormat { kTable, kJson };

struct GlobalOptions {
  OutputFormat output = OutputFormat::kTable;
  std::array<std::string, kServiceCount> addresses;
  std::string token;
  // Deadline of each unary call. Watching a job has no deadline unless --timeout is given.
  std::chrono::milliseconds timeout = std::chrono::seconds(10);
  bool timeout_given = false;
  // Sent as x-request-id, and as the idempotency key (request_id) of create/start requests, so
  // re-running the same command with the same --request-id is a safe retry.
  std::string request_id;

  const std::string& AddressOf(Service service) const {
    return addresses[static_cast<int>(service)];
  }
};

// The global flags every command accepts (besides --help).
inline constexpr std::array<std::string_view, 5> kGlobalFlags = {"output", "server", "token",
                                                                 "timeout", "request-id"};

// Reads the global flags and the environment. Errors are usage errors (bad --output/--timeout).
absl::StatusOr<GlobalOptions> ResolveGlobalOptions(const ParsedArgs& args,
                                                   const EnvironmentLookup& environment);

}  // namespace secsched::schedctl
