#include "services/sectioning/api/names.h"

#include <vector>

#include "common/api/resource_name.h"

namespace secsched::sectioning {

absl::StatusOr<std::string> ParseCalendar(const std::string& name, std::string_view field) {
  absl::StatusOr<std::vector<std::string>> ids = api::ParseName(name, kCalendarPattern, field);
  if (!ids.ok()) return ids.status();
  return (*ids)[0];
}

absl::StatusOr<TrialKey> ParseTrial(const std::string& name, std::string_view field) {
  absl::StatusOr<std::vector<std::string>> ids = api::ParseName(name, kTrialPattern, field);
  if (!ids.ok()) return ids.status();
  return TrialKey{(*ids)[0], (*ids)[1]};
}

absl::StatusOr<SectionKey> ParseSection(const std::string& name, std::string_view field) {
  absl::StatusOr<std::vector<std::string>> ids = api::ParseName(name, kSectionPattern, field);
  if (!ids.ok()) return ids.status();
  return SectionKey{(*ids)[0], (*ids)[1], (*ids)[2]};
}

std::string SectionName(const std::string& calendar_id, const std::string& trial_id,
                        const std::string& section_id) {
  return api::FormatName(kSectionPattern, {calendar_id, trial_id, section_id});
}

}  // namespace secsched::sectioning
