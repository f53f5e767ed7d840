// Auto-load: which requests a calendar's auto-load rules ask for that its students do not have yet.
// Pure: the same snapshot, rules and catalog always give the same plan, so a run after a run
// plans nothing (the requests it created now satisfy the rules).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "common/catalog/catalog_reader.h"
#include "services/requests/domain/planning_model.h"
#include "services/requests/domain/request_repository.h"

namespace secsched::requests {

struct PlannedRequest {
  std::string course_id;
  bool required = false;  // any asking rule marks it required
  int priority = 0;       // the highest priority among the asking rules
  std::vector<std::string> rule_ids;
};

struct StudentAutoLoadPlan {
  std::string student_number;
  std::vector<PlannedRequest> requests;  // ordered by course id
};

struct AutoLoadSkip {
  std::string student_number;
  std::string course_id;
  std::string rule_id;
  std::string reason;
};

struct AutoLoadPlan {
  std::vector<StudentAutoLoadPlan> students;  // only students who get something, by number
  std::vector<AutoLoadSkip> skipped;
  int request_count() const;
};

using CoursesById = std::map<std::string, catalog::CatalogCourse, std::less<>>;
CoursesById IndexCourses(const std::vector<catalog::CatalogCourse>& courses);

// For every active student and every rule matching the student: nothing when the student already
// requests the course as a primary; a skip when the course is unknown, inactive or not offered to
// the student's grade, or when the student requests it as an alternate; otherwise a planned
// request.
AutoLoadPlan PlanAutoLoad(const RequestSnapshot& snapshot, const std::vector<AutoLoadRule>& rules,
                          const CoursesById& courses);

// The auto-load run as changes for RequestRepository::ChangeCalendar: PlanAutoLoad on the calendar
// as read in the writing transaction, then every planned request through PlanAdd — the rules every
// way of adding a request shares (course_request.h) — as a PRIMARY with source AUTO_LOAD entered
// by `entered_by`. A request PlanAdd refuses becomes a skip with its message. `plan` receives the
// preview.
CalendarChanges PlanAutoLoadChanges(const CalendarSnapshot& calendar,
                                    const std::vector<AutoLoadRule>& rules,
                                    const std::vector<catalog::CatalogCourse>& courses,
                                    std::string_view entered_by, AutoLoadPlan& plan);

// FAILED_PRECONDITION naming the course when `course_id` is unknown, inactive, or (grade != 0)
// not offered to `grade`: what an auto-load rule's course must satisfy when it is saved.
absl::Status CheckAutoLoadCourse(const CoursesById& courses, std::string_view course_id, int grade);

}  // namespace secsched::requests
