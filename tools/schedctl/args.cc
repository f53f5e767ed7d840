#include "tools/schedctl/args.h"

#include "absl/status/status.h"

namespace secsched::schedctl {
namespace {

absl::Status UsageError(const std::string& message) { return absl::InvalidArgumentError(message); }

}  // namespace

std::string ParsedArgs::Get(std::string_view flag, std::string_view fallback) const {
  auto it = flags.find(flag);
  return it == flags.end() ? std::string(fallback) : it->second;
}

absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const KnownFlags& known) {
  ParsedArgs parsed;
  bool flags_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_ended || arg == "-" || arg.empty() || arg[0] != '-') {
      parsed.positionals.push_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_ended = true;
      continue;
    }
    if (arg == "-h") {
      parsed.flags["help"] = "";
      continue;
    }
    if (arg.rfind("--", 0) != 0) return UsageError("unknown flag " + arg + " (flags are --name)");

    std::string name = arg.substr(2);
    std::string value;
    bool has_inline_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_inline_value = true;
    }
    if (name.empty()) return UsageError("malformed flag " + arg);
    if (!known.switches.contains(name) && !known.values.contains(name)) {
      parsed.unknown_flags.push_back(name);
      continue;
    }
    if (parsed.Has(name)) return UsageError("--" + name + " is given more than once");

    if (known.switches.contains(name)) {
      if (has_inline_value) return UsageError("--" + name + " takes no value");
    } else if (!has_inline_value) {
      if (i + 1 >= args.size()) return UsageError("--" + name + " needs a value");
      value = args[++i];
    }
    parsed.flags[name] = value;
  }
  return parsed;
}

}  // namespace secsched::schedctl
