// Students of a calendar: plain values, the repository they are kept in, and the rules for
// creating, reading, listing, updating and deleting them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/calendar_schools.h"
#include "common/api/paging.h"
#include "common/auth/caller.h"
#include "common/status/status.h"

namespace secsched::requests {

struct Student {
  std::string calendar_id;
  std::string student_number;  // district number; unique within the calendar
  std::string display_name;
  int grade = 9;
  std::string team;    // a team id of the calendar; "" = no team
  std::string gender;  // "", "F", "M" or "X" (optional; used to balance sections)
  bool active = true;
  std::chrono::system_clock::time_point create_time;
  std::chrono::system_clock::time_point update_time;
};

// The editable fields of a student (AIP-134 update_mask paths).
struct StudentFieldMask {
  bool display_name = false;
  bool grade = false;
  bool team = false;
  bool gender = false;
  bool active = false;
  static StudentFieldMask All() { return {true, true, true, true, true}; }
};

struct StudentFilter {
  std::optional<int> grade;
  std::optional<std::string> team;
  std::optional<bool> active;
};

// Field checks shared by create, update and import. `prefix` names the message ("student.").
void ValidateStudentFields(const Student& student, const StudentFieldMask& fields,
                           std::string_view prefix, FieldValidator& v);

class StudentRepository {
 public:
  virtual ~StudentRepository() = default;
  // Inserts the student; a non-empty `request_id` seen before returns the first result.
  // ALREADY_EXISTS when the number is taken in that calendar; FAILED_PRECONDITION when the team
  // does not exist.
  virtual absl::StatusOr<Student> Create(const Student& student, std::string_view request_id) = 0;
  virtual absl::StatusOr<Student> Get(std::string_view calendar_id,
                                      std::string_view student_number) = 0;  // NOT_FOUND
  // Up to `page_size` students numbered after `after`, by number.
  virtual absl::StatusOr<api::Page<Student>> List(std::string_view calendar_id,
                                                  const StudentFilter& filter,
                                                  std::string_view after, int page_size) = 0;
  // Writes the masked fields. NOT_FOUND; FAILED_PRECONDITION for a team that does not exist.
  virtual absl::StatusOr<Student> Update(const Student& student,
                                         const StudentFieldMask& fields) = 0;
  // Deletes the student and (by cascade) their requests and constraints. NOT_FOUND.
  virtual absl::Status Delete(std::string_view calendar_id, std::string_view student_number) = 0;
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
  absl::StatusOr<api::Page<Student>> List(const auth::Caller& caller, std::string_view calendar_id,
                                          const StudentFilter& filter, std::string_view after,
                                          int page_size);
  absl::StatusOr<Student> Update(const auth::Caller& caller, const Student& student,
                                 const StudentFieldMask& fields);
  absl::Status Delete(const auth::Caller& caller, std::string_view calendar_id,
                      std::string_view student_number);

 private:
  absl::Status Authorize(const auth::Caller& caller, std::string_view calendar_id, bool write);

  StudentRepository& repository_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
};

}  // namespace secsched::requests
