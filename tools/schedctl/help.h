// The help texts: the overview (`schedctl help`), a resource's commands (`schedctl jobs
// --help`), and one command (`schedctl jobs start --help`).
#pragma once

#include <string>
#include <vector>

#include "tools/schedctl/command.h"

namespace secsched::schedctl {

std::string OverviewHelp(const std::vector<Command>& commands);
std::string ResourceHelp(const std::vector<Command>& commands, const std::string& resource);
std::string CommandHelp(const Command& command);

}  // namespace secsched::schedctl
