// Per-student scheduling constraints: avoid a teacher, keep a period free. The loader honours
// them; here they are kept and checked (the teacher must exist in the calendar's catalog).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/calendar_schools.h"
#include "common/api/paging.h"
#include "common/auth/caller.h"
#include "common/catalog/catalog_reader.h"

namespace secsched::requests {

enum class ConstraintKind { kAvoidTeacher, kKeepPeriodFree };
std::string_view ConstraintKindName(ConstraintKind kind);  // "AVOID_TEACHER", "KEEP_PERIOD_FREE"

inline constexpr int kMaxPeriod = 20;

struct StudentConstraint {
  std::string calendar_id;
  std::string student_number;
  std::string constraint_id;
  ConstraintKind kind = ConstraintKind::kAvoidTeacher;
  std::string teacher_id;  // AVOID_TEACHER
  int period = 0;          // KEEP_PERIOD_FREE: 1..kMaxPeriod
  std::string term_id;     // KEEP_PERIOD_FREE: "" = every term
  std::string note;
  std::string entered_by;
  std::chrono::system_clock::time_point create_time;
};

class ConstraintRepository {
 public:
  virtual ~ConstraintRepository() = default;
  // NOT_FOUND for an unknown student; ALREADY_EXISTS for the same constraint or id.
  virtual absl::StatusOr<StudentConstraint> Create(const StudentConstraint& constraint) = 0;
  // NOT_FOUND for an unknown student.
  virtual absl::StatusOr<api::Page<StudentConstraint>> List(std::string_view calendar_id,
                                                            std::string_view student_number,
                                                            std::string_view after,
                                                            int page_size) = 0;
  virtual absl::Status Delete(std::string_view calendar_id, std::string_view student_number,
                              std::string_view constraint_id) = 0;  // NOT_FOUND
};

// INVALID_ARGUMENT with field violations under "student_constraint.".
absl::Status ValidateConstraint(const StudentConstraint& constraint);

class StudentConstraints {
 public:
  StudentConstraints(ConstraintRepository& repository, catalog::CatalogReader& catalog,
                     access::CalendarSchools& schools, access::AccessChecker& access)
      : repository_(repository), catalog_(catalog), schools_(schools), access_(access) {}

  absl::StatusOr<StudentConstraint> Create(const auth::Caller& caller,
                                           StudentConstraint constraint);
  absl::StatusOr<api::Page<StudentConstraint>> List(const auth::Caller& caller,
                                                    std::string_view calendar_id,
                                                    std::string_view student_number,
                                                    std::string_view after, int page_size);
  absl::Status Delete(const auth::Caller& caller, std::string_view calendar_id,
                      std::string_view student_number, std::string_view constraint_id);

 private:
  ConstraintRepository& repository_;
  catalog::CatalogReader& catalog_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
};

}  // namespace secsched::requests
