// Batch request creation, planned: which students match a filter, and for each which of the
// requested courses would be added and which skipped (already requested, not offered to the grade).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/requests/domain/course_request.h"
#include "services/requests/domain/request_repository.h"

namespace secsched::requests {

struct BatchFilter {
  std::vector<int> grades;   // any of; empty = every grade
  std::string team;          // "" = any
  std::string has_course;    // course id the student must already request; "" = any
  std::string lacks_course;  // course id the student must not request; "" = any
};

struct BatchCourse {
  std::string course_id;
  bool required = false;
  int priority = 0;
};

struct StudentBatchPlan {
  std::string student_number;
  std::vector<std::string> added;                            // course ids
  std::vector<std::pair<std::string, std::string>> skipped;  // course id, reason
};

struct BatchPlan {
  std::vector<StudentBatchPlan> students;  // every matching student, by number
  int added = 0;
  int skipped = 0;
  bool applied = false;
  RequestChanges changes;  // the inserts
};

// INVALID_ARGUMENT (field violations) for a bad filter or course list: grades outside 6..12,
// bad ids, no courses, more than 50, a course twice, negative priority.
absl::Status ValidateBatch(const BatchFilter& filter, const std::vector<BatchCourse>& courses);

// Active students matching the filter; courses must be usable (FAILED_PRECONDITION naming one
// that is not). New requests are PRIMARY, source BATCH, entered by `entered_by`.
absl::StatusOr<BatchPlan> PlanBatch(const CalendarSnapshot& calendar, const BatchFilter& filter,
                                    const std::vector<BatchCourse>& courses,
                                    const CourseIndex& index, const std::string& entered_by);

}  // namespace secsched::requests
