// Hard constraints on students' enrollments and the course rules: one named function each.
#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/sectioning/engine/evaluate_context.h"

namespace secsched::engine::evaluate_internal {
namespace {

int StudentCount(const EvalContext& ctx) { return static_cast<int>(ctx.school->students.size()); }

// Calls `holds(a, b)` for every student enrolled in a section a of rule.course_a and a section b
// of rule.course_b, and records a violation when it returns false.
void CheckRule(const EvalContext& ctx, RuleType type, std::string_view constraint,
               std::string_view meaning, const std::function<bool(int, int)>& holds,
               Violations& out) {
  for (const CourseRule& rule : ctx.school->rules) {
    if (rule.type != type || rule.scope != RuleScope::kStudent) continue;
    for (int st = 0; st < StudentCount(ctx); ++st) {
      for (int a : ctx.student_sections[st]) {
        if (ctx.section(a).course_id != rule.course_a) continue;
        for (int b : ctx.student_sections[st]) {
          if (ctx.section(b).course_id != rule.course_b || holds(a, b)) continue;
          const std::string& student = ctx.school->students[st].id;
          Add(out, constraint, {student, ctx.section(a).id, ctx.section(b).id},
              absl::StrCat("student ", student, ": sections ", ctx.section(a).id, " (",
                           rule.course_a, ") and ", ctx.section(b).id, " (", rule.course_b,
                           ") must ", std::string(meaning)));
        }
      }
    }
  }
}

// Term rules compare terms, never rotation days (Health on A days and PE on B days in the same
// semester are in the same term).
TermMask TermsOf(const EvalContext& ctx, int s) {
  return ctx.index.TermBits(ctx.section(s).placement.terms);
}

bool BothPlaced(const EvalContext& ctx, int a, int b) {
  return ctx.section(a).placement.placed() && ctx.section(b).placement.placed();
}

}  // namespace

void CheckStudentTimeConflict(const EvalContext& ctx, Violations& out) {
  for (int st = 0; st < StudentCount(ctx); ++st) {
    const auto& secs = ctx.student_sections[st];
    for (size_t i = 0; i < secs.size(); ++i) {
      for (size_t j = i + 1; j < secs.size(); ++j) {
        const int a = secs[i], b = secs[j];
        if (!ctx.index.Overlaps(ctx.section(a).placement, ctx.ppm(a), ctx.section(b).placement,
                                ctx.ppm(b)))
          continue;
        const std::string& student = ctx.school->students[st].id;
        Add(out, constraint::kStudentTimeConflict, {student, ctx.section(a).id, ctx.section(b).id},
            absl::StrCat(
                "student ", student, " is in sections ", ctx.section(a).id, " and ",
                ctx.section(b).id, ", which meet at the same time",
                ctx.index.OnDays(ctx.section(a).placement.terms & ctx.section(b).placement.terms)));
      }
    }
  }
}

void CheckTeamViolation(const EvalContext& ctx, Violations& out) {
  for (int st = 0; st < StudentCount(ctx); ++st) {
    const Student& student = ctx.school->students[st];
    const std::string own = student.team.value_or("");
    for (int s : ctx.student_sections[st]) {
      const std::string section_team = ctx.team(s);
      if (section_team.empty() || section_team == own) continue;
      Add(out, constraint::kTeamViolation, {student.id, ctx.section(s).id},
          absl::StrCat("section ", ctx.section(s).id, " belongs to team ", section_team,
                       "; student ", student.id, " is ",
                       own.empty() ? std::string("in no team") : "in team " + own));
    }
  }
}

void CheckStudentAvoidTeacher(const EvalContext& ctx, Violations& out) {
  for (int st = 0; st < StudentCount(ctx); ++st) {
    const Student& student = ctx.school->students[st];
    for (const StudentConstraint& k : student.constraints) {
      if (k.kind != StudentConstraintKind::kAvoidTeacher) continue;
      for (int s : ctx.student_sections[st]) {
        const Section& sec = ctx.section(s);
        const bool taught_by = sec.teacher_id == k.teacher_id ||
                               std::find(sec.co_teacher_ids.begin(), sec.co_teacher_ids.end(),
                                         k.teacher_id) != sec.co_teacher_ids.end();
        if (!taught_by) continue;
        Add(out, constraint::kStudentAvoidTeacher, {student.id, k.teacher_id, sec.id},
            absl::StrCat("student ", student.id, " must avoid teacher ", k.teacher_id,
                         ", who teaches section ", sec.id));
      }
    }
  }
}

void CheckStudentKeepPeriodFree(const EvalContext& ctx, Violations& out) {
  for (int st = 0; st < StudentCount(ctx); ++st) {
    const Student& student = ctx.school->students[st];
    for (const StudentConstraint& k : student.constraints) {
      if (k.kind != StudentConstraintKind::kKeepPeriodFree) continue;
      for (int s : ctx.student_sections[st]) {
        if (!OccupiesSlot(ctx.section(s).placement, ctx.ppm(s), k.slot, ctx.all_terms)) continue;
        Add(out, constraint::kStudentKeepPeriodFree, {student.id, ctx.section(s).id},
            absl::StrCat("student ", student.id, " must keep period ", k.slot.period,
                         " free; section ", ctx.section(s).id, " meets then",
                         BlockedDays(ctx, s, k.slot)));
      }
    }
  }
}

void CheckLockedEnrollmentMissing(const EvalContext& ctx, Violations& out) {
  for (int st = 0; st < StudentCount(ctx); ++st) {
    const Student& student = ctx.school->students[st];
    for (const std::string& locked : student.locked_section_ids) {
      const int s = ctx.index.SectionIndex(locked);
      const auto& mine = ctx.student_sections[st];
      if (std::find(mine.begin(), mine.end(), s) != mine.end()) continue;
      Add(out, constraint::kLockedEnrollmentMissing, {student.id, locked},
          absl::StrCat("student ", student.id, " is locked into section ", locked,
                       " but not enrolled in it"));
    }
  }
}

void CheckEnrollmentInUnplacedSection(const EvalContext& ctx, Violations& out) {
  for (int st = 0; st < StudentCount(ctx); ++st) {
    for (int s : ctx.student_sections[st]) {
      if (ctx.section(s).placement.placed()) continue;
      const std::string& student = ctx.school->students[st].id;
      Add(out, constraint::kEnrollmentInUnplacedSection, {student, ctx.section(s).id},
          absl::StrCat("student ", student, " is enrolled in section ", ctx.section(s).id,
                       ", which has no period"));
    }
  }
}

void CheckEnrollmentInUnstaffedSection(const EvalContext& ctx, Violations& out) {
  for (int st = 0; st < StudentCount(ctx); ++st) {
    for (int s : ctx.student_sections[st]) {
      if (!ctx.section(s).teacher_id.empty()) continue;
      const std::string& student = ctx.school->students[st].id;
      Add(out, constraint::kEnrollmentInUnstaffedSection, {student, ctx.section(s).id},
          absl::StrCat("student ", student, " is enrolled in section ", ctx.section(s).id,
                       ", which has no teacher"));
    }
  }
}

// An alternate enrollment stands in for one unmet primary request of the student, with a course
// that request (or the student's general list) names as an alternate, and only one per request.
void CheckAlternateInvalid(const EvalContext& ctx, Violations& out) {
  std::map<std::pair<int, std::string>, int> fills;  // (student, requested course) -> alternates
  for (const Enrollment& e : ctx.school->enrollments) {
    if (!e.is_alternate) continue;
    const int st = ctx.index.StudentIndex(e.student_id);
    const Student& student = ctx.school->students[st];
    const int s = ctx.index.SectionIndex(e.section_id);
    const std::string& course = ctx.section(s).course_id;
    auto request =
        std::find_if(student.requests.begin(), student.requests.end(),
                     [&](const Request& r) { return r.course_id == e.requested_course_id; });
    std::string problem;
    if (request == student.requests.end()) {
      problem = absl::StrCat("stands in for ", e.requested_course_id, ", which is not requested");
    } else if (std::find(request->alternate_course_ids.begin(), request->alternate_course_ids.end(),
                         course) == request->alternate_course_ids.end() &&
               std::find(student.general_alternate_course_ids.begin(),
                         student.general_alternate_course_ids.end(),
                         course) == student.general_alternate_course_ids.end()) {
      problem = absl::StrCat("is not an alternate for ", e.requested_course_id);
    } else if (std::any_of(
                   ctx.student_sections[st].begin(), ctx.student_sections[st].end(),
                   [&](int x) { return ctx.section(x).course_id == e.requested_course_id; })) {
      problem = absl::StrCat("stands in for ", e.requested_course_id, ", which is met");
    } else if (++fills[{st, e.requested_course_id}] > 1) {
      problem = absl::StrCat("is a second alternate for ", e.requested_course_id);
    }
    if (problem.empty()) continue;
    Add(out, constraint::kAlternateInvalid, {student.id, e.section_id},
        absl::StrCat("student ", student.id, ": alternate section ", e.section_id, " (", course,
                     ") ", problem));
  }
}

void CheckStudentCourseTwice(const EvalContext& ctx, Violations& out) {
  for (int st = 0; st < StudentCount(ctx); ++st) {
    const auto& secs = ctx.student_sections[st];
    for (size_t i = 0; i < secs.size(); ++i) {
      for (size_t j = i + 1; j < secs.size(); ++j) {
        if (ctx.section(secs[i]).course_id != ctx.section(secs[j]).course_id) continue;
        const std::string& student = ctx.school->students[st].id;
        Add(out, constraint::kStudentCourseTwice,
            {student, ctx.section(secs[i]).id, ctx.section(secs[j]).id},
            absl::StrCat("student ", student, " is in two sections of ",
                         ctx.section(secs[i]).course_id, ": ", ctx.section(secs[i]).id, " and ",
                         ctx.section(secs[j]).id));
      }
    }
  }
}

void CheckGradeOutOfRange(const EvalContext& ctx, Violations& out) {
  for (int st = 0; st < StudentCount(ctx); ++st) {
    const Student& student = ctx.school->students[st];
    for (int s : ctx.student_sections[st]) {
      const Course& c = ctx.course_of(s);
      if (student.grade >= c.min_grade && student.grade <= c.max_grade) continue;
      Add(out, constraint::kGradeOutOfRange, {student.id, ctx.section(s).id, c.id},
          absl::StrCat("student ", student.id, " is in grade ", student.grade, "; course ", c.id,
                       " is for grades ", c.min_grade, "-", c.max_grade));
    }
  }
}

void CheckRuleSamePeriod(const EvalContext& ctx, Violations& out) {
  CheckRule(
      ctx, RuleType::kSamePeriod, constraint::kRuleSamePeriod, "meet in the same period",
      [&](int a, int b) {
        return !BothPlaced(ctx, a, b) ||
               ctx.section(a).placement.period == ctx.section(b).placement.period;
      },
      out);
}

// Not the same period: the occupied period ranges must not intersect (whatever the terms).
void CheckRuleNotSamePeriod(const EvalContext& ctx, Violations& out) {
  CheckRule(
      ctx, RuleType::kNotSamePeriod, constraint::kRuleNotSamePeriod, "meet in different periods",
      [&](int a, int b) {
        return !BothPlaced(ctx, a, b) ||
               !SchoolIndex::SharePeriod(ctx.section(a).placement, ctx.ppm(a),
                                         ctx.section(b).placement, ctx.ppm(b));
      },
      out);
}

void CheckRuleSameTerm(const EvalContext& ctx, Violations& out) {
  CheckRule(
      ctx, RuleType::kSameTerm, constraint::kRuleSameTerm, "meet in the same term(s)",
      [&](int a, int b) { return !BothPlaced(ctx, a, b) || TermsOf(ctx, a) == TermsOf(ctx, b); },
      out);
}

void CheckRuleDifferentTerm(const EvalContext& ctx, Violations& out) {
  CheckRule(
      ctx, RuleType::kDifferentTerm, constraint::kRuleDifferentTerm, "meet in different terms",
      [&](int a, int b) {
        return !BothPlaced(ctx, a, b) || (TermsOf(ctx, a) & TermsOf(ctx, b)) == 0;
      },
      out);
}

void CheckRulePrecedes(const EvalContext& ctx, Violations& out) {
  CheckRule(
      ctx, RuleType::kPrecedes, constraint::kRulePrecedes,
      "be ordered: the first ends before the second starts",
      [&](int a, int b) {
        if (!BothPlaced(ctx, a, b)) return true;
        return ctx.index.LastOrder(ctx.section(a).placement.terms) <
               ctx.index.FirstOrder(ctx.section(b).placement.terms);
      },
      out);
}

// Sections with no link group on either side carry no pairing, so any pair is fine; once either
// side names a group, the two must name the same one.
void CheckRuleLinked(const EvalContext& ctx, Violations& out) {
  CheckRule(
      ctx, RuleType::kLinked, constraint::kRuleLinked, "share a link group",
      [&](int a, int b) {
        const std::string& ga = ctx.section(a).link_group;
        const std::string& gb = ctx.section(b).link_group;
        return (ga.empty() && gb.empty()) || ga == gb;
      },
      out);
}

}  // namespace secsched::engine::evaluate_internal
