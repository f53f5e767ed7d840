// Hard constraints on the master schedule as a whole: every section staffed, placed and roomed,
// teachers within their per-term load, and course rules that bind the master itself. One named
// function per constraint.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/sectioning/engine/evaluate_context.h"

namespace secsched::engine::evaluate_internal {
namespace {

int SectionCount(const EvalContext& ctx) { return static_cast<int>(ctx.school->sections.size()); }

}  // namespace

void CheckSectionUnstaffed(const EvalContext& ctx, Violations& out) {
  for (int s = 0; s < SectionCount(ctx); ++s) {
    if (!ctx.section(s).teacher_id.empty()) continue;
    Add(out, constraint::kSectionUnstaffed, {ctx.section(s).id},
        absl::StrCat("section ", ctx.section(s).id, " of ", ctx.section(s).course_id,
                     " has no teacher"));
  }
}

void CheckSectionUnplaced(const EvalContext& ctx, Violations& out) {
  for (int s = 0; s < SectionCount(ctx); ++s) {
    if (ctx.section(s).placement.placed()) continue;
    Add(out, constraint::kSectionUnplaced, {ctx.section(s).id},
        absl::StrCat("section ", ctx.section(s).id, " of ", ctx.section(s).course_id,
                     " has no period"));
  }
}

// A placed section must meet somewhere; an unplaced one is reported by CheckSectionUnplaced.
void CheckSectionWithoutRoom(const EvalContext& ctx, Violations& out) {
  for (int s = 0; s < SectionCount(ctx); ++s) {
    if (!ctx.section(s).placement.placed() || !ctx.section(s).room_id.empty()) continue;
    Add(out, constraint::kSectionWithoutRoom, {ctx.section(s).id},
        absl::StrCat("section ", ctx.section(s).id, " of ", ctx.section(s).course_id,
                     " meets in no room"));
  }
}

void CheckTeacherOverTermLoad(const EvalContext& ctx, Violations& out) {
  const Calendar& calendar = ctx.school->calendar;
  const auto by_teacher = SectionsByTeacher(ctx, /*placed_only=*/true);
  for (size_t t = 0; t < by_teacher.size(); ++t) {
    const Teacher& teacher = ctx.school->teachers[t];
    if (!teacher.max_sections_per_term) continue;
    std::vector<int> load(calendar.terms.size(), 0);
    for (int s : by_teacher[t]) AddTermLoad(calendar, ctx.section(s).placement, ctx.ppm(s), load);
    const int limit = TermLoadLimit(calendar, teacher);
    const int days = std::max(1, calendar.rotation_days);
    for (size_t term = 0; term < load.size(); ++term) {
      if (load[term] <= limit) continue;
      Add(out, constraint::kTeacherOverTermLoad, {teacher.id, calendar.terms[term].id},
          absl::StrCat("teacher ", teacher.id, " teaches ",
                       days == 1 ? absl::StrCat(load[term]) : absl::StrCat(load[term], "/", days),
                       " periods in term ", calendar.terms[term].id, "; max ",
                       *teacher.max_sections_per_term));
    }
  }
}

// Sections of the two courses may not share a period in a term they both meet in (rotation days
// aside: a singleton pair kept apart in the master is apart on every day).
void CheckRuleNotSamePeriodMaster(const EvalContext& ctx, Violations& out) {
  for (const CourseRule& rule : ctx.school->rules) {
    if (rule.type != RuleType::kNotSamePeriod || rule.scope != RuleScope::kMaster) continue;
    const auto [course_a, course_b] =
        std::pair(ctx.index.CourseIndex(rule.course_a), ctx.index.CourseIndex(rule.course_b));
    for (int a : ctx.index.SectionsOfCourse(course_a)) {
      const Placement& pa = ctx.section(a).placement;
      if (!pa.placed()) continue;
      for (int b : ctx.index.SectionsOfCourse(course_b)) {
        const Placement& pb = ctx.section(b).placement;
        if (!pb.placed() || !SchoolIndex::SharePeriod(pa, ctx.ppm(a), pb, ctx.ppm(b))) continue;
        if ((ctx.index.TermBits(pa.terms) & ctx.index.TermBits(pb.terms)) == 0) continue;
        Add(out, constraint::kRuleNotSamePeriodMaster, {ctx.section(a).id, ctx.section(b).id},
            absl::StrCat("sections ", ctx.section(a).id, " (", rule.course_a, ") and ",
                         ctx.section(b).id, " (", rule.course_b,
                         ") share a period in a term; the master may not put them together"));
      }
    }
  }
}

}  // namespace secsched::engine::evaluate_internal
