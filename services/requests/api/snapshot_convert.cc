#include "services/requests/api/snapshot_convert.h"

#include <unordered_map>

#include "common/api/resource_name.h"
#include "services/requests/api/planning_convert.h"
#include "services/requests/api/proto_convert.h"

namespace secsched::requests {
namespace {

void StudentToProto(std::string_view calendar_id, const PlanningStudent& s, v1::Student* out) {
  out->set_name(planning_api::StudentName(calendar_id, s.student_number));
  out->set_student_number(s.student_number);
  out->set_display_name(s.display_name);
  out->set_grade(s.grade);
  out->set_team(s.team);
  out->set_active(s.active);
  out->set_gender(s.gender);
}

void RequestToProto(std::string_view calendar_id, const PlanningRequest& r,
                    v1::CourseRequest* out) {
  const std::string calendar(calendar_id);
  out->set_name(api::FormatName(kRequestPattern, {calendar, r.student_number, r.request_id}));
  out->set_course(planning_api::CourseName(calendar_id, r.course_id));
  out->set_kind(r.alternate ? v1::ALTERNATE : v1::PRIMARY);
  out->set_required(r.required);
  out->set_priority(r.priority);
  if (!r.alternate_for.empty()) {
    out->set_alternate_for(
        api::FormatName(kRequestPattern, {calendar, r.student_number, r.alternate_for}));
  }
  out->set_alternate_rank(r.alternate_rank);
}

}  // namespace

void ForEachSnapshotChunk(std::string_view calendar_id, const SchedulingSnapshot& snapshot,
                          int chunk_size,
                          const std::function<bool(const v1::SchedulingSnapshotChunk&)>& write) {
  const StudentRequestIndex requests(snapshot.requests);
  std::unordered_map<std::string_view, std::vector<const StudentConstraint*>> constraints;
  for (const StudentConstraint& c : snapshot.constraints) {
    constraints[c.student_number].push_back(&c);
  }
  const std::vector<PlanningStudent>& students = snapshot.requests.students;
  const int total = static_cast<int>(students.size());
  size_t next = 0;
  bool first = true;
  do {
    v1::SchedulingSnapshotChunk chunk;
    chunk.set_total_students(total);
    if (first) {
      for (const CourseRule& rule : snapshot.rules) {
        planning_api::ToProto(rule, chunk.add_course_rules());
      }
    }
    for (int n = 0; n < chunk_size && next < students.size(); ++n, ++next) {
      const PlanningStudent& student = students[next];
      v1::SnapshotStudent* out = chunk.add_students();
      StudentToProto(calendar_id, student, out->mutable_student());
      for (const PlanningRequest* r : requests.Of(student.student_number)) {
        RequestToProto(calendar_id, *r, out->add_course_requests());
      }
      if (auto it = constraints.find(student.student_number); it != constraints.end()) {
        for (const StudentConstraint* c : it->second) ToProto(*c, out->add_student_constraints());
      }
    }
    if (!write(chunk)) return;
    first = false;
  } while (next < students.size());
}

}  // namespace secsched::requests
