#include "tools/schedctl/help.h"

#include "tools/schedctl/output.h"

namespace secsched::schedctl {
namespace {

constexpr char kGlobalFlagsHelp[] =
    "global flags (anywhere on the line):\n"
    "  --output table|json  table (default) for people; json: the response as protobuf JSON\n"
    "                       with .proto field names and every field present\n"
    "  --server HOST:PORT   call this address for every service (overrides SECSCHED_*_ADDR)\n"
    "  --token TOKEN        bearer token (default: $SECSCHED_TOKEN)\n"
    "  --timeout DURATION   deadline of each call: 500ms, 10s, 2m (default 10s; a job watch\n"
    "                       has none unless this is given)\n"
    "  --request-id ID      sent as x-request-id, and as the idempotency key of create and\n"
    "                       start, so re-running with the same id is a safe retry\n"
    "  --help, -h           this help; after a command, that command's help\n"
    "  --version            schedctl's version (git describe) and build type\n";

constexpr char kEnvironmentHelp[] =
    "environment:\n"
    "  SECSCHED_TOKEN            bearer token when --token is not given\n"
    "  SECSCHED_ACCESS_ADDR      access service      (default 127.0.0.1:50051)\n"
    "  SECSCHED_CATALOG_ADDR     catalog service     (default 127.0.0.1:50052)\n"
    "  SECSCHED_REQUESTS_ADDR    requests service    (default 127.0.0.1:50053)\n"
    "  SECSCHED_SECTIONING_ADDR  sectioning service  (default 127.0.0.1:50054)\n";

constexpr char kExitCodesHelp[] =
    "exit codes: 0 success; 1 the call failed, or the watched job FAILED or was CANCELLED;\n"
    "            2 usage error (bad flags, missing token): nothing was sent\n";

}  // namespace

std::string OverviewHelp(const std::vector<Command>& commands) {
  std::vector<std::vector<std::string>> rows;
  for (const Command& command : commands) {
    rows.push_back({"  " + command.resource + " " + command.verb, command.summary});
  }
  return "schedctl: the secsched operator CLI.\n\n"
         "usage: schedctl [global flags] RESOURCE VERB [OPERAND] [flags]\n"
         "       schedctl help [RESOURCE [VERB]]\n\n"
         "commands:\n" +
         RenderColumns(rows) + "\n" + kGlobalFlagsHelp + "\n" + kEnvironmentHelp + "\n" +
         kExitCodesHelp + "\nRun `schedctl RESOURCE VERB --help` for a command's flags.\n";
}

std::string ResourceHelp(const std::vector<Command>& commands, const std::string& resource) {
  std::string text = "commands of " + resource + ":\n";
  for (const Command& command : commands) {
    if (command.resource != resource) continue;
    text += "  " + UsageLine(command) + "\n      " + command.summary + "\n";
  }
  return text + "\nRun `schedctl --help` for the global flags.\n";
}

std::string CommandHelp(const Command& command) {
  return "usage: " + UsageLine(command) + "\n\n" + command.summary + "\n\n" + kGlobalFlagsHelp;
}

}  // namespace secsched::schedctl
