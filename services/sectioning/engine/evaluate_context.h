// Internal to the evaluator: the lookups every check shares, and one named function per hard
// constraint. Each check appends the violations it finds; none of them stops at the first one.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/model.h"

namespace secsched::engine::evaluate_internal {

struct EvalContext {
  const School* school = nullptr;
  SchoolIndex index;  // validation, id lookups and calendar geometry shared with the engine
  std::vector<int> section_course;                 // section index -> course index
  std::vector<int> section_enrolled;               // section index -> enrolled students
  std::vector<std::vector<int>> student_sections;  // student index -> enrolled section indices
  TermMask all_terms = 0;

  const Section& section(int s) const { return school->sections[s]; }
  const Course& course_of(int s) const { return school->courses[section_course[s]]; }
  int ppm(int s) const { return course_of(s).periods_per_meeting; }
  int capacity(int s) const;
  // The section's team: its own, else its course's; empty when it has none.
  std::string team(int s) const;
};

// Validates through SchoolIndex::Build (InvalidArgument naming the id), rejects an enrollment
// listed twice, and builds the per-student and per-section lookups.
absl::StatusOr<EvalContext> BuildEvalContext(const School& school);

// Sections per teacher index (primary and co-teachers; placed ones only if asked).
std::vector<std::vector<int>> SectionsByTeacher(const EvalContext& ctx, bool placed_only);

// True when a placement of `ppm` periods uses the blocked slot (see evaluate.h).
bool OccupiesSlot(const Placement& p, int ppm, const PeriodSlot& slot, TermMask all_terms);
// For messages: the rotation days on which section s meets in the blocked slot ("" without a
// rotation).
std::string BlockedDays(const EvalContext& ctx, int s, const PeriodSlot& slot);

using Violations = std::vector<Violation>;

// Appends one violation: the checks' one way of reporting.
inline void Add(Violations& out, std::string_view constraint, std::vector<std::string> ids,
                std::string message) {
  out.push_back(Violation{std::string(constraint), std::move(ids), std::move(message)});
}

// Sections, teachers and rooms.
void CheckTeacherDoubleBooked(const EvalContext& ctx, Violations& out);
void CheckRoomDoubleBooked(const EvalContext& ctx, Violations& out);
void CheckTeacherUnavailable(const EvalContext& ctx, Violations& out);
void CheckRoomUnavailable(const EvalContext& ctx, Violations& out);
void CheckRoomTypeMismatch(const EvalContext& ctx, Violations& out);
void CheckRoomTooSmall(const EvalContext& ctx, Violations& out);
void CheckTeacherNotQualified(const EvalContext& ctx, Violations& out);
void CheckTeacherOverMaxSections(const EvalContext& ctx, Violations& out);
void CheckWrongTermLength(const EvalContext& ctx, Violations& out);
void CheckSectionOverCapacity(const EvalContext& ctx, Violations& out);

// Completeness of the master schedule and its master-level rules.
void CheckSectionUnstaffed(const EvalContext& ctx, Violations& out);
void CheckSectionUnplaced(const EvalContext& ctx, Violations& out);
void CheckSectionWithoutRoom(const EvalContext& ctx, Violations& out);
void CheckTeacherOverTermLoad(const EvalContext& ctx, Violations& out);
void CheckRuleNotSamePeriodMaster(const EvalContext& ctx, Violations& out);

// Students.
void CheckStudentTimeConflict(const EvalContext& ctx, Violations& out);
void CheckTeamViolation(const EvalContext& ctx, Violations& out);
void CheckStudentAvoidTeacher(const EvalContext& ctx, Violations& out);
void CheckStudentKeepPeriodFree(const EvalContext& ctx, Violations& out);
void CheckLockedEnrollmentMissing(const EvalContext& ctx, Violations& out);
void CheckEnrollmentInUnplacedSection(const EvalContext& ctx, Violations& out);
void CheckGradeOutOfRange(const EvalContext& ctx, Violations& out);
void CheckEnrollmentInUnstaffedSection(const EvalContext& ctx, Violations& out);
void CheckAlternateInvalid(const EvalContext& ctx, Violations& out);
void CheckStudentCourseTwice(const EvalContext& ctx, Violations& out);

// Course rules, for a student enrolled in a section of each course.
void CheckRuleSamePeriod(const EvalContext& ctx, Violations& out);
void CheckRuleNotSamePeriod(const EvalContext& ctx, Violations& out);
void CheckRuleSameTerm(const EvalContext& ctx, Violations& out);
void CheckRuleDifferentTerm(const EvalContext& ctx, Violations& out);
void CheckRulePrecedes(const EvalContext& ctx, Violations& out);
void CheckRuleLinked(const EvalContext& ctx, Violations& out);

Metrics ComputeMetrics(const EvalContext& ctx);

}  // namespace secsched::engine::evaluate_internal
