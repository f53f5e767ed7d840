#include "common/version/build_info.h"

#include "build_info_values.h"

namespace secsched {

std::string_view BuildVersion() { return SECSCHED_BUILD_VERSION; }

std::string_view BuildType() { return SECSCHED_BUILD_TYPE; }

std::string VersionLine(std::string_view program) {
  std::string line(program);
  line += ' ';
  line += BuildVersion();
  line += " (";
  line += BuildType();
  line += ')';
  return line;
}

bool AsksForVersion(const std::vector<std::string>& args) {
  return !args.empty() && args[0] == "--version";
}

}  // namespace secsched
