// schedctl's entry point, apart from main() so tests can run whole command lines without a
// process: parse, pick the command, check its flags and operands, then run it.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "common/config/config.h"
#include "tools/schedctl/command.h"

namespace secsched::schedctl {

// Every command, in the order help lists them.
const std::vector<Command>& AllCommands();

// Runs one command line (without the program name) and returns the exit code: 0 success,
// 1 the call failed (or the watched job did not succeed), 2 usage error.
int RunSchedctl(const std::vector<std::string>& args, const EnvironmentLookup& environment,
                std::ostream& out, std::ostream& err, bool out_is_terminal);

}  // namespace secsched::schedctl
