#include "tools/schedctl/settings.h"

#include <optional>

#include "absl/status/status.h"

namespace secsched::schedctl {
namespace {

struct ServiceEndpoint {
  std::string_view name;
  const char* env;
  const char* default_address;
};

constexpr std::array<ServiceEndpoint, kServiceCount> kEndpoints = {{
    {"access", "SECSCHED_ACCESS_ADDR", "127.0.0.1:50051"},
    {"catalog", "SECSCHED_CATALOG_ADDR", "127.0.0.1:50052"},
    {"requests", "SECSCHED_REQUESTS_ADDR", "127.0.0.1:50053"},
    {"sectioning", "SECSCHED_SECTIONING_ADDR", "127.0.0.1:50054"},
}};

// An empty variable counts as unset: `SECSCHED_TOKEN= schedctl ...` should not send "Bearer ".
std::string NonEmptyEnv(const EnvironmentLookup& environment, const std::string& name) {
  std::optional<std::string> value = environment(name);
  return value.has_value() ? *value : "";
}

}  // namespace

std::string_view ServiceName(Service service) { return kEndpoints[static_cast<int>(service)].name; }

std::string ResolveAddress(Service service, std::string_view server_flag,
                           const EnvironmentLookup& environment) {
  if (!server_flag.empty()) return std::string(server_flag);
  const ServiceEndpoint& endpoint = kEndpoints[static_cast<int>(service)];
  std::string from_env = NonEmptyEnv(environment, endpoint.env);
  return from_env.empty() ? endpoint.default_address : from_env;
}

std::string ResolveToken(std::string_view token_flag, const EnvironmentLookup& environment) {
  if (!token_flag.empty()) return std::string(token_flag);
  return NonEmptyEnv(environment, "SECSCHED_TOKEN");
}

absl::StatusOr<GlobalOptions> ResolveGlobalOptions(const ParsedArgs& args,
                                                   const EnvironmentLookup& environment) {
  GlobalOptions options;

  const std::string output = args.Get("output", "table");
  if (output == "table") {
    options.output = OutputFormat::kTable;
  } else if (output == "json") {
    options.output = OutputFormat::kJson;
  } else {
    return absl::InvalidArgumentError("--output must be table or json, not \"" + output + "\"");
  }

  if (args.Has("server") && args.Get("server").empty()) {
    return absl::InvalidArgumentError("--server needs HOST:PORT");
  }
  for (int i = 0; i < kServiceCount; ++i) {
    options.addresses[i] = ResolveAddress(static_cast<Service>(i), args.Get("server"), environment);
  }

  options.token = ResolveToken(args.Get("token"), environment);

  if (args.Has("timeout")) {
    absl::StatusOr<std::chrono::milliseconds> timeout = ParseDuration(args.Get("timeout"));
    if (!timeout.ok() || timeout->count() <= 0) {
      return absl::InvalidArgumentError(
          "--timeout must be a positive duration such as 500ms, "
          "10s or 2m, not \"" +
          args.Get("timeout") + "\"");
    }
    options.timeout = *timeout;
    options.timeout_given = true;
  }

  options.request_id = args.Get("request-id");
  return options;
}

}  // namespace secsched::schedctl
