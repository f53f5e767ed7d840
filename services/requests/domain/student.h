// Students of a calendar: plain values and the rules for creating and reading them.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/access/calendar_schools.h"
#include "common/auth/caller.h"

namespace secsched::requests {

struct Student {
  std::string calendar_id;
  std::string student_number;  // district number; unique within the calendar
  std::string display_name;
  int grade = 9;
  std::string team;  // "" = no team
  bool active = true;
  std::chrono::system_clock::time_point create_time;
};

class StudentRepository {
 public:
  virtual ~StudentRepository() = default;
  // Inserts the student; a non-empty `request_id` seen before returns the first result.
  // ALREADY_EXISTS when the number is taken in that calendar.
  virtual absl::StatusOr<Student> Create(const Student& student, std::string_view request_id) = 0;
  virtual absl::StatusOr<Student> Get(std::string_view calendar_id,
                                      std::string_view student_number) = 0;  // NOT_FOUND
};

class Students {
 public:
  Students(StudentRepository& repository, access::CalendarSchools& schools,
           access::AccessChecker& access)
      : repository_(repository), schools_(schools), access_(access) {}

  // INVALID_ARGUMENT with field violations; NOT_FOUND for an unknown calendar; PERMISSION_DENIED
  // unless the caller may schedule at the calendar's school.
  absl::StatusOr<Student> Create(const auth::Caller& caller, const Student& student,
                                 std::string_view request_id);
  absl::StatusOr<Student> Get(const auth::Caller& caller, std::string_view calendar_id,
                              std::string_view student_number);

 private:
  StudentRepository& repository_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
};

}  // namespace secsched::requests
