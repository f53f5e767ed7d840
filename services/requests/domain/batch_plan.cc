#include "services/requests/domain/batch_plan.h"

#include <algorithm>
#include <set>

#include "common/api/resource_name.h"
#include "common/status/status.h"

namespace secsched::requests {
namespace {

constexpr size_t kMaxBatchCourses = 50;

bool HasCourse(const StudentRequests& s, std::string_view course_id) {
  return std::any_of(s.requests.begin(), s.requests.end(),
                     [&](const CourseRequest& r) { return r.course_id == course_id; });
}

bool Matches(const StudentRequests& s, const BatchFilter& filter) {
  if (!s.student.active) return false;
  if (!filter.grades.empty() && std::find(filter.grades.begin(), filter.grades.end(),
                                          s.student.grade) == filter.grades.end()) {
    return false;
  }
  if (!filter.team.empty() && s.student.team != filter.team) return false;
  if (!filter.has_course.empty() && !HasCourse(s, filter.has_course)) return false;
  if (!filter.lacks_course.empty() && HasCourse(s, filter.lacks_course)) return false;
  return true;
}

}  // namespace

absl::Status ValidateBatch(const BatchFilter& filter, const std::vector<BatchCourse>& courses) {
  FieldValidator v;
  for (size_t i = 0; i < filter.grades.size(); ++i) {
    v.Require(filter.grades[i] >= 6 && filter.grades[i] <= 12,
              "filter.grades[" + std::to_string(i) + "]", "must be between 6 and 12");
  }
  v.Require(filter.team.empty() || api::IsValidId(filter.team), "filter.team", "must be a team id");
  v.Require(filter.has_course.empty() || api::IsValidId(filter.has_course), "filter.has_course",
            "must be calendars/{calendar}/courses/{course}");
  v.Require(filter.lacks_course.empty() || api::IsValidId(filter.lacks_course),
            "filter.lacks_course", "must be calendars/{calendar}/courses/{course}");
  v.Require(!courses.empty() && courses.size() <= kMaxBatchCourses, "courses",
            "must list 1 to 50 courses");
  std::set<std::string> seen;
  for (size_t i = 0; i < courses.size(); ++i) {
    const std::string field = "courses[" + std::to_string(i) + "]";
    v.Require(api::IsValidId(courses[i].course_id), field + ".course",
              "must be calendars/{calendar}/courses/{course}");
    v.Require(courses[i].priority >= 0 && courses[i].priority <= 100, field + ".priority",
              "must be between 0 and 100");
    v.Require(seen.insert(courses[i].course_id).second, field + ".course", "is listed twice");
  }
  return v.Finish("The batch has invalid fields.");
}

absl::StatusOr<BatchPlan> PlanBatch(const CalendarSnapshot& calendar, const BatchFilter& filter,
                                    const std::vector<BatchCourse>& courses,
                                    const CourseIndex& index, const std::string& entered_by) {
  for (const BatchCourse& c : courses) {
    if (absl::Status usable = CheckCourseUsable(index, c.course_id); !usable.ok()) return usable;
  }
  BatchPlan plan;
  for (const StudentRequests& s : calendar.students) {
    if (!Matches(s, filter)) continue;
    StudentBatchPlan student{.student_number = s.student.student_number};
    for (const BatchCourse& c : courses) {
      const catalog::CatalogCourse& course = *index.ById(c.course_id);
      std::string why;
      if (HasCourse(s, c.course_id)) {
        why = "already requested";
      } else if (!course.OfferedToGrade(s.student.grade)) {
        why = "not offered to grade " + std::to_string(s.student.grade);
      }
      if (!why.empty()) {
        student.skipped.emplace_back(c.course_id, std::move(why));
        ++plan.skipped;
        continue;
      }
      student.added.push_back(c.course_id);
      ++plan.added;
      plan.changes.inserts.push_back(CourseRequest{
          .calendar_id = s.student.calendar_id,
          .student_number = s.student.student_number,
          .request_id = api::NewId("req-"),
          .course_id = c.course_id,
          .kind = RequestKind::kPrimary,
          .required = c.required,
          .priority = c.priority,
          .source = RequestSource::kBatch,
          .entered_by = entered_by,
      });
    }
    plan.students.push_back(std::move(student));
  }
  return plan;
}

}  // namespace secsched::requests
