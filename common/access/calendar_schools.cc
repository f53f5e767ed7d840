#include "common/access/calendar_schools.h"

namespace secsched::access {

absl::Status AuthorizeCalendarAccess(const auth::Caller& caller, std::string_view calendar_id,
                                     Mode mode, CalendarSchools& schools, AccessChecker& checker) {
  absl::StatusOr<std::string> school = schools.SchoolOf(calendar_id);
  if (!school.ok()) return school.status();
  return AuthorizeSchoolAccess(caller, *school, mode, checker);
}

}  // namespace secsched::access
