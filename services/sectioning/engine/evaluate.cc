// Evaluate(): builds the shared lookups, runs every named check, computes the metrics.
#include "services/sectioning/engine/evaluate.h"

#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/sectioning/engine/evaluate_context.h"

namespace secsched::engine {
namespace evaluate_internal {

int EvalContext::capacity(int s) const { return index.Capacity(s); }

std::string EvalContext::team(int s) const {
  if (section(s).team) return *section(s).team;
  return course_of(s).team.value_or("");
}

absl::StatusOr<EvalContext> BuildEvalContext(const School& school) {
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  if (!index.ok()) return index.status();
  EvalContext ctx;
  ctx.school = &school;
  ctx.index = *std::move(index);
  ctx.all_terms = ctx.index.AllTerms();
  for (int s = 0; s < static_cast<int>(school.sections.size()); ++s)
    ctx.section_course.push_back(ctx.index.CourseIndexOfSection(s));
  ctx.section_enrolled.assign(school.sections.size(), 0);
  ctx.student_sections.assign(school.students.size(), {});
  // The index accepts an enrollment listed twice; counting it twice would invent a time conflict
  // and an extra seat, so it is malformed input here.
  std::set<std::pair<int, int>> seen;
  for (const Enrollment& e : school.enrollments) {
    const int st = ctx.index.StudentIndex(e.student_id);
    const int sec = ctx.index.SectionIndex(e.section_id);
    if (!seen.emplace(st, sec).second)
      return absl::InvalidArgumentError(absl::StrCat(
          "enrollment listed twice: student '", e.student_id, "' in section '", e.section_id, "'"));
    ctx.student_sections[st].push_back(sec);
    ++ctx.section_enrolled[sec];
  }
  return ctx;
}

// Placed sections per teacher (primary and co-teachers): a co-teacher is in the room too.
std::vector<std::vector<int>> SectionsByTeacher(const EvalContext& ctx, bool placed_only) {
  std::vector<std::vector<int>> by_teacher(ctx.school->teachers.size());
  for (int s = 0; s < static_cast<int>(ctx.school->sections.size()); ++s) {
    const Section& sec = ctx.section(s);
    if (placed_only && !sec.placement.placed()) continue;
    if (!sec.teacher_id.empty()) by_teacher[ctx.index.TeacherIndex(sec.teacher_id)].push_back(s);
    for (const std::string& t : sec.co_teacher_ids) {
      if (t == sec.teacher_id) continue;  // listed twice: still one body in the room
      by_teacher[ctx.index.TeacherIndex(t)].push_back(s);
    }
  }
  return by_teacher;
}

bool OccupiesSlot(const Placement& p, int ppm, const PeriodSlot& slot, TermMask all_terms) {
  if (!p.placed()) return false;
  if ((p.terms & SlotTerms(slot, all_terms)) == 0) return false;
  return slot.period >= p.period && slot.period < p.period + ppm;
}

}  // namespace evaluate_internal

absl::StatusOr<EvaluationReport> Evaluate(const School& school) {
  using namespace evaluate_internal;
  absl::StatusOr<EvalContext> ctx = BuildEvalContext(school);
  if (!ctx.ok()) return ctx.status();
  EvaluationReport report;
  Violations& v = report.violations;
  for (auto* check : {&CheckTeacherDoubleBooked,
                      &CheckRoomDoubleBooked,
                      &CheckTeacherUnavailable,
                      &CheckRoomUnavailable,
                      &CheckRoomTypeMismatch,
                      &CheckRoomTooSmall,
                      &CheckTeacherNotQualified,
                      &CheckTeacherOverMaxSections,
                      &CheckWrongTermLength,
                      &CheckSectionOverCapacity,
                      &CheckStudentTimeConflict,
                      &CheckTeamViolation,
                      &CheckStudentAvoidTeacher,
                      &CheckStudentKeepPeriodFree,
                      &CheckLockedEnrollmentMissing,
                      &CheckEnrollmentInUnplacedSection,
                      &CheckGradeOutOfRange,
                      &CheckRuleSamePeriod,
                      &CheckRuleNotSamePeriod,
                      &CheckRuleSameTerm,
                      &CheckRuleDifferentTerm,
                      &CheckRulePrecedes,
                      &CheckRuleLinked,
                      &CheckSectionUnstaffed,
                      &CheckSectionUnplaced,
                      &CheckSectionWithoutRoom,
                      &CheckTeacherOverTermLoad,
                      &CheckRuleNotSamePeriodMaster,
                      &CheckEnrollmentInUnstaffedSection,
                      &CheckAlternateInvalid,
                      &CheckStudentCourseTwice}) {
    check(*ctx, v);
  }
  for (const Violation& x : v) ++report.violation_counts[x.constraint];
  report.metrics = ComputeMetrics(*ctx);
  return report;
}

}  // namespace secsched::engine
