// Teams of a calendar (a group of students scheduled together, e.g. "academy-9"). A student's
// team must exist; a team with students cannot be deleted.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/calendar_schools.h"
#include "common/api/paging.h"
#include "common/auth/caller.h"

namespace secsched::requests {

struct Team {
  std::string calendar_id;
  std::string team_id;
  std::string display_name;
  int student_count = 0;  // read only
  std::chrono::system_clock::time_point create_time;
};

class TeamRepository {
 public:
  virtual ~TeamRepository() = default;
  virtual absl::StatusOr<Team> Create(const Team& team) = 0;  // ALREADY_EXISTS
  virtual absl::StatusOr<api::Page<Team>> List(std::string_view calendar_id, std::string_view after,
                                               int page_size) = 0;
  // NOT_FOUND; FAILED_PRECONDITION while students are on the team.
  virtual absl::Status Delete(std::string_view calendar_id, std::string_view team_id) = 0;
};

class Teams {
 public:
  Teams(TeamRepository& repository, access::CalendarSchools& schools, access::AccessChecker& access)
      : repository_(repository), schools_(schools), access_(access) {}

  absl::StatusOr<Team> Create(const auth::Caller& caller, const Team& team);
  absl::StatusOr<api::Page<Team>> List(const auth::Caller& caller, std::string_view calendar_id,
                                       std::string_view after, int page_size);
  absl::Status Delete(const auth::Caller& caller, std::string_view calendar_id,
                      std::string_view team_id);

 private:
  TeamRepository& repository_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
};

}  // namespace secsched::requests
