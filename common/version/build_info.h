// What build a binary is: every binary answers `--version` with VersionLine, and every server's
// /metrics carries secsched_build_info{version,build_type} 1 (common/grpc/build_info_metric.h).
// Standard library only, so any binary (the engine CLI included) can use it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace secsched {

// `git describe --always --dirty` when CMake configured the build, or -DSECSCHED_VERSION;
// "unknown" outside a git checkout.
std::string_view BuildVersion();

// CMAKE_BUILD_TYPE ("RelWithDebInfo", "Debug", ...); "unknown" when none was set.
std::string_view BuildType();

// "schedctl 3f2a1c9-dirty (RelWithDebInfo)"
std::string VersionLine(std::string_view program);

// True when the command line (without the program name) asks for the version: its first
// argument is --version.
bool AsksForVersion(const std::vector<std::string>& args);

}  // namespace secsched
