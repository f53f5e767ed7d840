// The sectioning service's resource names (AIP-122), once for every handler: the patterns and
// the parsers that turn a name into the domain's key (INVALID_ARGUMENT on `field` otherwise).
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "services/sectioning/domain/trial.h"

namespace secsched::sectioning {

inline constexpr char kCalendarPattern[] = "calendars/{calendar}";
inline constexpr char kTrialPattern[] = "calendars/{calendar}/trials/{trial}";
inline constexpr char kSectionPattern[] = "calendars/{calendar}/trials/{trial}/sections/{section}";

// The calendar id of "calendars/{calendar}".
absl::StatusOr<std::string> ParseCalendar(const std::string& name, std::string_view field);
absl::StatusOr<TrialKey> ParseTrial(const std::string& name, std::string_view field);
absl::StatusOr<SectionKey> ParseSection(const std::string& name, std::string_view field);

std::string SectionName(const std::string& calendar_id, const std::string& trial_id,
                        const std::string& section_id);

}  // namespace secsched::sectioning
