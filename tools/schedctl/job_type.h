// Job types as typed on the command line: the enum name in kebab case ("count-sections" for
// COUNT_SECTIONS), read from the proto so a new Job.Type works without touching schedctl.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "secsched/sectioning/v1/sectioning.pb.h"

namespace secsched::schedctl {

// "count-sections" or "COUNT_SECTIONS" → COUNT_SECTIONS; nullopt for unknown or unspecified.
std::optional<secsched::sectioning::v1::Job::Type> ParseJobType(std::string_view text);

// "count-sections, ..." for help and errors.
std::string JobTypeList();

}  // namespace secsched::schedctl
