// Schools of the district (id = the access service's location id, a name, a grade span). A
// district-level directory: written by the district (submission.h RequireDistrict), read by
// anyone with a scheduling scope. Calendars name a school by id and do not require it here.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/caller.h"
#include "services/catalog/domain/calendar.h"

namespace secsched::catalog {

struct School {
  std::string id;
  std::string display_name;
  int low_grade = 6;
  int high_grade = 12;
  std::chrono::system_clock::time_point create_time;
};

class SchoolRepository {
 public:
  virtual ~SchoolRepository() = default;
  // Inserts; a non-empty request_id already used returns that school. ALREADY_EXISTS (id).
  virtual absl::StatusOr<School> Create(const School& school, std::string_view request_id) = 0;
  virtual absl::StatusOr<School> Get(std::string_view id) = 0;  // NOT_FOUND
  // Up to `limit` schools with id > after_id, ordered by id.
  virtual absl::StatusOr<std::vector<School>> List(std::string_view after_id, int limit) = 0;
};

struct NewSchool {
  std::string id;
  std::string display_name;
  int low_grade = 0;
  int high_grade = 0;
  std::string request_id;
};

class Schools {
 public:
  explicit Schools(SchoolRepository& repository) : repository_(repository) {}

  // INVALID_ARGUMENT (school_id, school.display_name, school.low_grade, school.high_grade);
  // PERMISSION_DENIED unless district.
  absl::StatusOr<School> Create(const auth::Caller& caller, const NewSchool& request);
  absl::StatusOr<School> Get(const auth::Caller& caller, std::string_view id);
  absl::StatusOr<api::Page<School>> List(const auth::Caller& caller, const api::PageRequest& page);

 private:
  SchoolRepository& repository_;
};

}  // namespace secsched::catalog
