// The walk-in checks: one named pure function per rule, each OK or FAILED_PRECONDITION with a
// sentence a counselor can act on. Run under the storage's locks on a snapshot of the section(s)
// and the student's other sections (roster_walk_in.h), so what they see is what gets written.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/sectioning/domain/roster_ports.h"
#include "services/sectioning/domain/schedule_model.h"

namespace secsched::sectioning {

// "alg1-2": the course id and section number, as counselors name a section.
std::string SectionLabel(const Section& section);

// True when one more student would put the section past its capacity.
bool IsFull(const Section& section);

// A seat left, or the overload right. "Section alg1-2 is full (30 of 30 seats)."
absl::Status CheckSeatLeft(const Section& target, bool may_overload);

// No meeting of `target` at the same time as one of the student's `others` (PlacementsClash).
absl::Status CheckNoTimeClash(const Section& target, const std::vector<Section>& others);

// A section with a team takes only that team's students.
absl::Status CheckTeam(const Section& target, const StudentInfo& student);

// The student takes the target's course in none of `others` (a course at most once).
absl::Status CheckCourseNotTaken(const Section& target, const std::vector<Section>& others);

// Whether one rule holds between the student's section `a` of rule.course_a and `b` of
// rule.course_b. `term_order` lists the calendar's term ids in date order (for PRECEDES). A
// section not placed yet breaks no rule.
bool CourseRuleHolds(const StudentCourseRule& rule, const Section& a, const Section& b,
                     const std::vector<std::string>& term_order);

// Every rule naming the target's course and a course of one of `others` holds.
absl::Status CheckCourseRules(const Section& target, const std::vector<Section>& others,
                              const std::vector<StudentCourseRule>& rules,
                              const std::vector<std::string>& term_order);

// A move stays within one course.
absl::Status CheckSameCourse(const Section& from, const Section& to);

// What the checks need besides the sections: read before the transaction (RPCs).
struct WalkInFacts {
  StudentInfo student;
  std::vector<StudentCourseRule> rules;  // the rules naming the target's course
  std::vector<std::string> term_order;
  bool may_overload = false;
};

// All checks for putting the student into `target` next to `others` (the student's other
// sections, without the one a move leaves). Returns whether the enrollment is an overload.
absl::StatusOr<bool> CheckWalkIn(const Section& target, const std::vector<Section>& others,
                                 const WalkInFacts& facts);

}  // namespace secsched::sectioning
