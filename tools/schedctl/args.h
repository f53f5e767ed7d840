// schedctl's command line: `schedctl [global flags] RESOURCE VERB [OPERAND] [flags]`.
//
// A small hand parser rather than absl flags: absl flags are process-wide globals, while each
// schedctl subcommand has its own flags, and the dispatcher (schedctl.cc) wants to check them
// against the chosen command with a usage error, not abort.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace secsched::schedctl {

struct ParsedArgs {
  // Words that are not flags, in order: resource, verb, then operands.
  std::vector<std::string> positionals;
  // Flag name without the leading dashes → value ("" for a switch such as --watch).
  std::map<std::string, std::string, std::less<>> flags;
  // Flags no command knows, without dashes, in order. They take no value: whether the next word
  // was meant as one cannot be known, and the line is refused anyway (with the nearest match).
  std::vector<std::string> unknown_flags;

  bool Has(std::string_view flag) const { return flags.find(flag) != flags.end(); }
  // The flag's value, or `fallback` when it was not given.
  std::string Get(std::string_view flag, std::string_view fallback = "") const;
};

// Every flag the parser may meet, before it knows the command: whether a known flag belongs to
// the chosen command is checked afterwards (schedctl.cc).
struct KnownFlags {
  std::set<std::string, std::less<>> switches;  // take no value (--watch)
  std::set<std::string, std::less<>> values;    // need one (--calendar C)
};

// Flags may come anywhere, before or after the words. `known.switches` take no value;
// `known.values` need one, written `--flag value` or `--flag=value`; any other flag goes to
// `unknown_flags`. `-h` means --help and `--` ends the flags. A flag given twice is an error:
// silently keeping one of them would hide a typo.
absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args, const KnownFlags& known);

}  // namespace secsched::schedctl
