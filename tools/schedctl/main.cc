// schedctl: the operator CLI over the secsched gRPC APIs. See docs/schedctl.md.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "tools/schedctl/schedctl.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return secsched::schedctl::RunSchedctl(args, secsched::ProcessEnvironment(), std::cout, std::cerr,
                                         isatty(STDOUT_FILENO) == 1);
}
