// Which school owns a calendar — what services holding only a calendar id (requests,
// sectioning) need to apply the per-school access rule. Free of gRPC so domain code can use it.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/access/authorize.h"

namespace secsched::access {

class CalendarSchools {
 public:
  virtual ~CalendarSchools() = default;
  // NOT_FOUND for an unknown calendar; UNAVAILABLE when the catalog cannot be asked.
  virtual absl::StatusOr<std::string> SchoolOf(std::string_view calendar_id) = 0;
};

// Which school owns which calendar from a fixed map (unknown → NOT_FOUND): tests and tools.
class StaticCalendarSchools final : public CalendarSchools {
 public:
  void Set(std::string calendar_id, std::string school_id) {
    schools_[std::move(calendar_id)] = std::move(school_id);
  }
  absl::StatusOr<std::string> SchoolOf(std::string_view calendar_id) override;

 private:
  std::map<std::string, std::string, std::less<>> schools_;
};

// AuthorizeSchoolAccess on the school that owns `calendar_id`. An unknown calendar is NOT_FOUND
// (the caller named something that does not exist), checked before access.
absl::Status AuthorizeCalendarAccess(const auth::Caller& caller, std::string_view calendar_id,
                                     Mode mode, CalendarSchools& schools, AccessChecker& checker);

}  // namespace secsched::access
