// What request planning reads and writes: a calendar's students and requests as plain values, the
// auto-load rules and credit ranges, and the repository that stores them (storage/ implements it).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "common/api/paging.h"
#include "services/requests/domain/course_rules.h"
#include "services/requests/domain/student_constraint.h"

namespace secsched::requests {

struct PlanningStudent {
  std::string student_number;
  int grade = 9;
  std::string team;  // "" = none
  bool active = true;
  std::string display_name;
  std::string gender;  // "", "F", "M" or "X"
};

struct PlanningRequest {
  std::string student_number;
  std::string request_id;
  std::string course_id;
  bool alternate = false;
  bool required = false;
  int priority = 0;
  std::string alternate_for;  // request id of the primary an alternate stands in for ("" = general)
  int alternate_rank = 0;     // 1.. for alternates
};

// One calendar's students (ordered by number) and requests (ordered by student, then request id).
struct RequestSnapshot {
  std::vector<PlanningStudent> students;
  std::vector<PlanningRequest> requests;
};

// Everything the scheduling engine reads of a calendar's requests, read from one moment: the
// students and requests, the student constraints and the course rules.
struct SchedulingSnapshot {
  RequestSnapshot requests;
  std::vector<StudentConstraint> constraints;
  std::vector<CourseRule> rules;
};

// A student's requests, found by student number (whatever order the snapshot holds them in).
class StudentRequestIndex {
 public:
  explicit StudentRequestIndex(const RequestSnapshot& snapshot);
  const std::vector<const PlanningRequest*>& Of(std::string_view student_number) const;

 private:
  std::unordered_map<std::string_view, std::vector<const PlanningRequest*>> by_student_;
};

// "Every student of `grade` (0 = any) in `team` ("" = any) requests `course_id`".
struct AutoLoadRule {
  std::string calendar_id;
  std::string id;
  int grade = 0;
  std::string team;
  std::string course_id;
  bool required = false;
  int priority = 0;
  std::chrono::system_clock::time_point create_time;
  std::chrono::system_clock::time_point update_time;

  bool Matches(const PlanningStudent& student) const {
    return (grade == 0 || grade == student.grade) && (team.empty() || team == student.team);
  }
};

struct GradeCreditRange {
  int grade = 9;
  double min_credits = 0;
  double max_credits = 0;
};

class PlanningRepository {
 public:
  virtual ~PlanningRepository() = default;

  // Course rules. CreateCourseRule runs `check` on the rules already on the same pair inside the
  // inserting transaction (serialized per pair), so two contradicting creates cannot both pass.
  // A non-empty request_id seen before returns the first result.
  virtual absl::StatusOr<CourseRule> CreateCourseRule(
      const CourseRule& rule, std::string_view request_id,
      const std::function<absl::Status(const std::vector<CourseRule>&)>& check) = 0;
  // Ordered by id; `course` non-empty = only the rules touching it. One extra row past page.size
  // tells the caller there is more. In both lists page.size <= 0 reads every row.
  virtual absl::StatusOr<std::vector<CourseRule>> ListCourseRules(std::string_view calendar_id,
                                                                  std::string_view course,
                                                                  const api::PageRequest& page) = 0;
  virtual absl::Status DeleteCourseRule(std::string_view calendar_id, std::string_view id) = 0;

  // Auto-load rules. ALREADY_EXISTS for a taken id; NOT_FOUND for Get/Update/Delete.
  virtual absl::StatusOr<AutoLoadRule> CreateAutoLoadRule(const AutoLoadRule& rule,
                                                          std::string_view request_id) = 0;
  virtual absl::StatusOr<AutoLoadRule> GetAutoLoadRule(std::string_view calendar_id,
                                                       std::string_view id) = 0;
  virtual absl::StatusOr<std::vector<AutoLoadRule>> ListAutoLoadRules(
      std::string_view calendar_id, const api::PageRequest& page) = 0;
  virtual absl::StatusOr<AutoLoadRule> UpdateAutoLoadRule(const AutoLoadRule& rule) = 0;
  virtual absl::Status DeleteAutoLoadRule(std::string_view calendar_id, std::string_view id) = 0;

  // Credit ranges, ordered by grade; Replace swaps the whole list in one transaction.
  virtual absl::StatusOr<std::vector<GradeCreditRange>> CreditRanges(
      std::string_view calendar_id) = 0;
  virtual absl::Status ReplaceCreditRanges(std::string_view calendar_id,
                                           const std::vector<GradeCreditRange>& ranges) = 0;

  virtual absl::StatusOr<RequestSnapshot> Snapshot(std::string_view calendar_id) = 0;
  // One REPEATABLE READ transaction.
  virtual absl::StatusOr<SchedulingSnapshot> ReadSchedulingSnapshot(
      std::string_view calendar_id) = 0;
};

}  // namespace secsched::requests
