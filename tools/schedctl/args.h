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

  bool Has(std::string_view flag) const { return flags.find(flag) != flags.end(); }
  // The flag's value, or `fallback` when it was not given.
  std::string Get(std::string_view flag, std::string_view fallback = "") const;
};

// Flags may come anywhere, before or after the words. `switches` take no value; every other
// flag needs one, written `--flag value` or `--flag=value`. `-h` means --help and `--` ends the
// flags. A flag given twice is an error: silently keeping one of them would hide a typo.
absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::set<std::string, std::less<>>& switches);

}  // namespace secsched::schedctl
