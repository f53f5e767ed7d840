#include "services/requests/domain/auto_load.h"

#include <algorithm>
#include <set>

#include "common/api/resource_name.h"

namespace secsched::requests {
namespace {

// Why `course` cannot be auto-loaded for a student of `grade`, or "" when it can.
std::string Unavailable(const CoursesById& courses, std::string_view course_id, int grade) {
  auto it = courses.find(course_id);
  if (it == courses.end()) return "course " + std::string(course_id) + " is not in the catalog";
  if (!it->second.active) return "course " + std::string(course_id) + " is inactive";
  if (grade != 0 && !it->second.OfferedToGrade(grade)) {
    return "course " + std::string(course_id) + " is not offered to grade " + std::to_string(grade);
  }
  return "";
}

}  // namespace

int AutoLoadPlan::request_count() const {
  int n = 0;
  for (const StudentAutoLoadPlan& s : students) n += static_cast<int>(s.requests.size());
  return n;
}

CoursesById IndexCourses(const std::vector<catalog::CatalogCourse>& courses) {
  CoursesById out;
  for (const catalog::CatalogCourse& c : courses) out.emplace(c.id, c);
  return out;
}

AutoLoadPlan PlanAutoLoad(const RequestSnapshot& snapshot, const std::vector<AutoLoadRule>& rules,
                          const CoursesById& courses) {
  AutoLoadPlan plan;
  const StudentRequestIndex index(snapshot);
  for (const PlanningStudent& student : snapshot.students) {
    if (!student.active) continue;
    std::set<std::string, std::less<>> primaries, alternates;
    for (const PlanningRequest* r : index.Of(student.student_number)) {
      (r->alternate ? alternates : primaries).insert(r->course_id);
    }
    std::map<std::string, PlannedRequest, std::less<>> planned;
    for (const AutoLoadRule& rule : rules) {
      if (!rule.Matches(student) || primaries.contains(rule.course_id)) continue;
      std::string why = Unavailable(courses, rule.course_id, student.grade);
      if (why.empty() && alternates.contains(rule.course_id)) {
        why = "course " + rule.course_id + " is already requested as an alternate";
      }
      if (!why.empty()) {
        plan.skipped.push_back({student.student_number, rule.course_id, rule.id, why});
        continue;
      }
      auto [it, fresh] = planned.try_emplace(rule.course_id);
      PlannedRequest& p = it->second;
      if (fresh) {
        p.course_id = rule.course_id;
        p.priority = rule.priority;
      }
      p.required = p.required || rule.required;
      p.priority = std::max(p.priority, rule.priority);
      p.rule_ids.push_back(rule.id);
    }
    if (planned.empty()) continue;
    StudentAutoLoadPlan& out = plan.students.emplace_back();
    out.student_number = student.student_number;
    for (auto& [course, p] : planned) out.requests.push_back(std::move(p));
  }
  return plan;
}

CalendarChanges PlanAutoLoadChanges(const CalendarSnapshot& calendar,
                                    const std::vector<AutoLoadRule>& rules,
                                    const std::vector<catalog::CatalogCourse>& courses,
                                    std::string_view entered_by, AutoLoadPlan& plan) {
  RequestSnapshot snapshot;
  std::map<std::string, StudentRequests, std::less<>> current;
  for (const StudentRequests& s : calendar.students) {
    snapshot.students.push_back(
        {s.student.student_number, s.student.grade, s.student.team, s.student.active});
    for (const CourseRequest& r : s.requests) {
      snapshot.requests.push_back({.student_number = s.student.student_number,
                                   .request_id = r.request_id,
                                   .course_id = r.course_id,
                                   .alternate = r.kind == RequestKind::kAlternate,
                                   .required = r.required,
                                   .priority = r.priority,
                                   .alternate_for = r.alternate_for,
                                   .alternate_rank = r.alternate_rank});
    }
    current.emplace(s.student.student_number, s);
  }
  const CourseIndex index(courses);
  AutoLoadPlan planned = PlanAutoLoad(snapshot, rules, IndexCourses(courses));
  plan = AutoLoadPlan{.skipped = std::move(planned.skipped)};
  CalendarChanges changes;
  for (StudentAutoLoadPlan& student : planned.students) {
    StudentRequests& mine = current.at(student.student_number);
    StudentAutoLoadPlan kept{.student_number = student.student_number};
    for (PlannedRequest& p : student.requests) {
      CourseRequest request{.calendar_id = mine.student.calendar_id,
                            .student_number = student.student_number,
                            .request_id = api::NewId("req-"),
                            .course_id = p.course_id,
                            .kind = RequestKind::kPrimary,
                            .required = p.required,
                            .priority = p.priority,
                            .source = RequestSource::kAutoLoad,
                            .entered_by = std::string(entered_by)};
      absl::StatusOr<RequestChanges> added = PlanAdd(mine, request, index);
      if (!added.ok()) {
        plan.skipped.push_back({student.student_number, p.course_id, p.rule_ids.front(),
                                std::string(added.status().message())});
        continue;
      }
      mine.requests = Applied(mine.requests, *added);
      changes.requests.Append(*std::move(added));
      kept.requests.push_back(std::move(p));
    }
    if (!kept.requests.empty()) plan.students.push_back(std::move(kept));
  }
  return changes;
}

absl::Status CheckAutoLoadCourse(const CoursesById& courses, std::string_view course_id,
                                 int grade) {
  std::string why = Unavailable(courses, course_id, grade);
  if (why.empty()) return absl::OkStatus();
  why[0] = 'C';
  return absl::FailedPreconditionError(why + ".");
}

}  // namespace secsched::requests
