#include "common/access/calendar_schools.h"

namespace secsched::access {

absl::StatusOr<std::string> StaticCalendarSchools::SchoolOf(std::string_view calendar_id) {
  auto it = schools_.find(calendar_id);
  if (it == schools_.end()) {
    return absl::NotFoundError("Calendar " + std::string(calendar_id) + " not found.");
  }
  return it->second;
}

absl::Status AuthorizeCalendarAccess(const auth::Caller& caller, std::string_view calendar_id,
                                     Mode mode, CalendarSchools& schools, AccessChecker& checker) {
  absl::StatusOr<std::string> school = schools.SchoolOf(calendar_id);
  if (!school.ok()) return school.status();
  return AuthorizeSchoolAccess(caller, *school, mode, checker);
}

}  // namespace secsched::access
