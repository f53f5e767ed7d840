// Runs a schedctl command line in-process for tests, capturing exit code, stdout and stderr.
#pragma once

#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "tools/schedctl/schedctl.h"

namespace secsched::schedctl {

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

inline Outcome RunCommandLine(const std::vector<std::string>& args,
                              std::map<std::string, std::string> env = {{"SECSCHED_TOKEN",
                                                                         "test-token"}},
                              bool out_is_terminal = false) {
  std::ostringstream out, err;
  const EnvironmentLookup environment = [&env](const std::string& name) {
    auto it = env.find(name);
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  const int code = RunSchedctl(args, environment, out, err, out_is_terminal);
  return {code, out.str(), err.str()};
}

}  // namespace secsched::schedctl
