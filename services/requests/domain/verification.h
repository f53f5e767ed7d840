// The verification report: one named check per rule, each a pure function of one student's
// requests and the calendar's context, so each can be tested alone (like Timefold constraints).
// Only active students are checked.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "services/requests/domain/auto_load.h"
#include "services/requests/domain/planning_model.h"

namespace secsched::requests {

enum class CheckKind {
  kMissingRequiredCourse,
  kCreditsOutOfRange,
  kInactiveOrUnofferedCourse,
  kDuplicateRequest,
  kAlternateDuplicatesPrimary,
  kNoRequests,
};
inline constexpr int kCheckKinds = 6;

struct Finding {
  CheckKind check = CheckKind::kNoRequests;
  std::string course_id;  // "" when the finding is about no single course
  std::string message;
  bool operator==(const Finding&) const = default;
};

// What every check may look at besides the student.
struct VerificationContext {
  CoursesById courses;
  std::vector<AutoLoadRule> auto_load_rules;
  std::map<int, GradeCreditRange> credit_ranges;  // by grade; a grade without one is not checked
};

using StudentRequestList = std::vector<const PlanningRequest*>;

// Courses the student must request as a primary and does not: required auto-load rules matching
// the student, and active catalog courses marked required that are offered to the student's grade.
std::vector<Finding> CheckMissingRequiredCourses(const PlanningStudent& student,
                                                 const StudentRequestList& requests,
                                                 const VerificationContext& context);
// The credits of the student's primary requests outside the range set for the grade.
std::vector<Finding> CheckCreditRange(const PlanningStudent& student,
                                      const StudentRequestList& requests,
                                      const VerificationContext& context);
// Requests (primary or alternate) for a course that is not in the catalog, inactive, or not
// offered to the student's grade.
std::vector<Finding> CheckInactiveOrUnofferedCourses(const PlanningStudent& student,
                                                     const StudentRequestList& requests,
                                                     const VerificationContext& context);
// A course requested as a primary more than once.
std::vector<Finding> CheckDuplicateRequests(const PlanningStudent& student,
                                            const StudentRequestList& requests,
                                            const VerificationContext& context);
// An alternate for a course the student also requests as a primary (or ranked twice).
std::vector<Finding> CheckAlternatesDuplicatingPrimaries(const PlanningStudent& student,
                                                         const StudentRequestList& requests,
                                                         const VerificationContext& context);
// An active student without a single primary request.
std::vector<Finding> CheckHasRequests(const PlanningStudent& student,
                                      const StudentRequestList& requests,
                                      const VerificationContext& context);

struct StudentFindings {
  std::string student_number;
  int grade = 9;
  std::vector<Finding> findings;
};

struct CheckCount {
  int findings = 0;
  int students = 0;
};

struct VerificationResult {
  int students_checked = 0;
  std::vector<StudentFindings> students;   // only those with findings, by student number
  std::map<CheckKind, CheckCount> counts;  // every check, zero included
};

// Every check on every active student.
VerificationResult Verify(const RequestSnapshot& snapshot, const VerificationContext& context);

}  // namespace secsched::requests
