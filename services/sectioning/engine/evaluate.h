// The evaluator: checks a School's sections, placements and enrollments against every hard
// constraint and measures load quality. It is independent of the builder and the loader (it never
// calls them), so it can judge any schedule: the engine's, a hand-made one, or an imported one.
//
// Semantics used throughout (documented in docs/formats/school-json.md):
// - A placed section occupies periods [period, period + periods_per_meeting) in its term mask
//   (with a day rotation, a mask of (term, day) slots: see Calendar in model.h).
//   Two placements overlap when those period ranges intersect AND the masks intersect, so
//   sections on different rotation days never collide.
// - A PeriodSlot with terms == 0 means "every term" (a blocked period all year, every day).
// - SAME_TERM / DIFFERENT_TERM / PRECEDES compare the terms of the masks, never the days.
// - A section's capacity is its max_students when set, else its course's max_students, and no
//   more than its room's capacity when it has a room (SchoolIndex::Capacity). Students over the
//   first are SECTION_OVER_CAPACITY, over the room's seats ROOM_TOO_SMALL.
// - A schedule is finished only when every section has a primary teacher, a period and a room:
//   a section missing one is a violation (SECTION_UNSTAFFED / _UNPLACED / _WITHOUT_ROOM), so
//   "no violations" means a school that can open as scheduled.
// - NOT_SAME_PERIOD binds students enrolled in both courses (RuleScope::kStudent: different
//   periods, whatever the terms) or, with RuleScope::kMaster, every pair of sections of the two
//   courses (not in the same period in a shared term).
// - A section's team is its own team when set, else its course's team.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/sectioning/engine/model.h"

namespace secsched::engine {

// Constraint names as they appear in violations (and in the JSON report). Stable strings.
namespace constraint {
inline constexpr std::string_view kTeacherDoubleBooked = "TEACHER_DOUBLE_BOOKED";
inline constexpr std::string_view kRoomDoubleBooked = "ROOM_DOUBLE_BOOKED";
inline constexpr std::string_view kTeacherUnavailable = "TEACHER_UNAVAILABLE";
inline constexpr std::string_view kRoomUnavailable = "ROOM_UNAVAILABLE";
inline constexpr std::string_view kRoomTypeMismatch = "ROOM_TYPE_MISMATCH";
inline constexpr std::string_view kRoomTooSmall = "ROOM_TOO_SMALL";
inline constexpr std::string_view kTeacherNotQualified = "TEACHER_NOT_QUALIFIED";
inline constexpr std::string_view kTeacherOverMaxSections = "TEACHER_OVER_MAX_SECTIONS";
inline constexpr std::string_view kSectionOverCapacity = "SECTION_OVER_CAPACITY";
inline constexpr std::string_view kStudentTimeConflict = "STUDENT_TIME_CONFLICT";
inline constexpr std::string_view kTeamViolation = "TEAM_VIOLATION";
inline constexpr std::string_view kRuleSamePeriod = "RULE_SAME_PERIOD";
inline constexpr std::string_view kRuleNotSamePeriod = "RULE_NOT_SAME_PERIOD";
inline constexpr std::string_view kRuleSameTerm = "RULE_SAME_TERM";
inline constexpr std::string_view kRuleDifferentTerm = "RULE_DIFFERENT_TERM";
inline constexpr std::string_view kRulePrecedes = "RULE_PRECEDES";
inline constexpr std::string_view kRuleLinked = "RULE_LINKED";
inline constexpr std::string_view kStudentAvoidTeacher = "STUDENT_AVOID_TEACHER";
inline constexpr std::string_view kStudentKeepPeriodFree = "STUDENT_KEEP_PERIOD_FREE";
inline constexpr std::string_view kLockedEnrollmentMissing = "LOCKED_ENROLLMENT_MISSING";
inline constexpr std::string_view kEnrollmentInUnplacedSection = "ENROLLMENT_IN_UNPLACED_SECTION";
inline constexpr std::string_view kWrongTermLength = "WRONG_TERM_LENGTH";
inline constexpr std::string_view kGradeOutOfRange = "GRADE_OUT_OF_RANGE";
inline constexpr std::string_view kSectionUnstaffed = "SECTION_UNSTAFFED";
inline constexpr std::string_view kSectionUnplaced = "SECTION_UNPLACED";
inline constexpr std::string_view kSectionWithoutRoom = "SECTION_WITHOUT_ROOM";
inline constexpr std::string_view kTeacherOverTermLoad = "TEACHER_OVER_TERM_LOAD";
inline constexpr std::string_view kRuleNotSamePeriodMaster = "RULE_NOT_SAME_PERIOD_MASTER";
inline constexpr std::string_view kEnrollmentInUnstaffedSection = "ENROLLMENT_IN_UNSTAFFED_SECTION";
inline constexpr std::string_view kAlternateInvalid = "ALTERNATE_INVALID";
inline constexpr std::string_view kStudentCourseTwice = "STUDENT_COURSE_TWICE";
}  // namespace constraint

struct Violation {
  std::string constraint;               // one of the constraint:: names
  std::vector<std::string> entity_ids;  // the sections/teachers/rooms/students involved
  std::string message;                  // one human sentence
};

// Load-quality metrics. Definitions (also in docs/formats/school-json.md):
// - A primary request is one Request of a student. It is "met" when the student is enrolled in a
//   section of that very course; it is "filled by an alternate" when it is not met and an
//   enrollment with is_alternate = true names it as requested_course_id.
// - A student's schedule is "complete" when every primary request is met or filled by an
//   alternate (alternates count as filling: that is what counselors report). The strict figure,
//   with alternates not counting, is complete_schedules_strict.
// - Students with no requests count as complete and are included in the denominator.
struct Metrics {
  int students = 0;
  int primary_requests = 0;
  int primary_requests_met = 0;
  double primary_requests_met_pct = 100;
  int required_requests = 0;
  int required_requests_met = 0;
  double required_requests_met_pct = 100;
  int requests_filled_by_alternates = 0;
  int alternates_used = 0;  // enrollments with is_alternate (incl. general alternates)
  int complete_schedules = 0;
  double complete_schedules_pct = 100;
  int complete_schedules_strict = 0;
  double complete_schedules_strict_pct = 100;
  int enrollments = 0;
  // Section balance over courses with at least two placed sections: enrolled max - min, among
  // the sections open to the same students (a team's sections are compared among themselves;
  // multi_section_courses counts such groups).
  int multi_section_courses = 0;
  double mean_section_spread = 0;
  int worst_section_spread = 0;
  std::string worst_spread_course_id;
  // Teacher load: sections taught (primary or co-teacher) per teacher id.
  std::map<std::string, int> teacher_sections;
  int max_teacher_sections = 0;
  int sections = 0;
  std::vector<std::string> unplaced_section_ids;
  std::vector<std::string> unstaffed_section_ids;  // no primary teacher
};

struct EvaluationReport {
  std::vector<Violation> violations;
  Metrics metrics;
  // Violations counted per constraint name, for summaries.
  std::map<std::string, int> violation_counts;
};

// Validates ids (InvalidArgument naming the offending id; unknown section/student in an
// enrollment included), then checks every constraint and computes the metrics.
absl::StatusOr<EvaluationReport> Evaluate(const School& school);

}  // namespace secsched::engine
