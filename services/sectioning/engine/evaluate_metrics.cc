// Load-quality metrics (definitions in evaluate.h and docs/formats/school-json.md).
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "services/sectioning/engine/evaluate_context.h"

namespace secsched::engine::evaluate_internal {
namespace {

double Pct(int part, int whole) { return whole == 0 ? 100.0 : 100.0 * part / whole; }

void RequestMetrics(const EvalContext& ctx, Metrics& m) {
  const School& school = *ctx.school;
  std::vector<std::set<std::string>> alternate_for(school.students.size());
  for (const Enrollment& e : school.enrollments) {
    if (!e.is_alternate) continue;
    ++m.alternates_used;
    alternate_for[ctx.index.StudentIndex(e.student_id)].insert(e.requested_course_id);
  }
  for (size_t st = 0; st < school.students.size(); ++st) {
    std::set<std::string> enrolled_courses;
    for (int s : ctx.student_sections[st]) enrolled_courses.insert(ctx.section(s).course_id);
    bool complete = true, complete_strict = true;
    for (const Request& r : school.students[st].requests) {
      ++m.primary_requests;
      if (r.required) ++m.required_requests;
      if (enrolled_courses.contains(r.course_id)) {
        ++m.primary_requests_met;
        if (r.required) ++m.required_requests_met;
        continue;
      }
      complete_strict = false;
      if (alternate_for[st].contains(r.course_id)) {
        ++m.requests_filled_by_alternates;
      } else {
        complete = false;
      }
    }
    m.complete_schedules += complete ? 1 : 0;
    m.complete_schedules_strict += complete_strict ? 1 : 0;
  }
  m.students = static_cast<int>(school.students.size());
  m.enrollments = static_cast<int>(school.enrollments.size());
  m.primary_requests_met_pct = Pct(m.primary_requests_met, m.primary_requests);
  m.required_requests_met_pct = Pct(m.required_requests_met, m.required_requests);
  m.complete_schedules_pct = Pct(m.complete_schedules, m.students);
  m.complete_schedules_strict_pct = Pct(m.complete_schedules_strict, m.students);
}

void SectionMetrics(const EvalContext& ctx, Metrics& m) {
  const School& school = *ctx.school;
  m.sections = static_cast<int>(school.sections.size());
  // Sections of a course reserved for a team serve other students than its open sections, so
  // sizes are compared within (course, team) groups: a 9th-grade team's small section next to a
  // full open one is no imbalance the loader could fix.
  std::map<std::pair<int, std::string>, std::vector<int>> sizes_by_group;
  for (int s = 0; s < m.sections; ++s) {
    if (ctx.section(s).teacher_id.empty()) m.unstaffed_section_ids.push_back(ctx.section(s).id);
    if (!ctx.section(s).placement.placed()) {
      m.unplaced_section_ids.push_back(ctx.section(s).id);
      continue;
    }
    sizes_by_group[{ctx.section_course[s], ctx.section(s).team.value_or("")}].push_back(
        ctx.section_enrolled[s]);
  }
  long total_spread = 0;
  for (const auto& [group, sizes] : sizes_by_group) {
    const int c = group.first;
    if (sizes.size() < 2) continue;
    const auto [lo, hi] = std::minmax_element(sizes.begin(), sizes.end());
    const int spread = *hi - *lo;
    ++m.multi_section_courses;
    total_spread += spread;
    if (spread > m.worst_section_spread || m.worst_spread_course_id.empty()) {
      m.worst_section_spread = std::max(m.worst_section_spread, spread);
      if (spread == m.worst_section_spread) m.worst_spread_course_id = school.courses[c].id;
    }
  }
  if (m.multi_section_courses > 0)
    m.mean_section_spread = static_cast<double>(total_spread) / m.multi_section_courses;

  for (const Teacher& t : school.teachers) m.teacher_sections[t.id] = 0;
  for (const Section& sec : school.sections) {
    if (!sec.teacher_id.empty()) ++m.teacher_sections[sec.teacher_id];
    for (const std::string& t : sec.co_teacher_ids)
      if (t != sec.teacher_id) ++m.teacher_sections[t];
  }
  for (const auto& [id, n] : m.teacher_sections)
    m.max_teacher_sections = std::max(m.max_teacher_sections, n);
}

}  // namespace

Metrics ComputeMetrics(const EvalContext& ctx) {
  Metrics m;
  RequestMetrics(ctx, m);
  SectionMetrics(ctx, m);
  return m;
}

}  // namespace secsched::engine::evaluate_internal
