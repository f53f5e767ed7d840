// Course rules between two courses of a calendar: the engine's rule types (same names and
// meanings, docs/formats/course-rules.md), how a rule reads from either course, and which rules
// on the same pair contradict each other.
//
// A rule is stored once. Its complement on course_b is the same rule seen from course_b: for a
// symmetric type the courses swap places; PRECEDES keeps its order (seen from B it still reads
// "A PRECEDES B", i.e. B follows A), so there is no FOLLOWS type the engine would not know.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace secsched::requests {

// Same names as the engine's RuleType (services/sectioning/engine/model.h).
enum class CourseRuleType {
  kSamePeriod,
  kNotSamePeriod,
  kSameTerm,
  kDifferentTerm,
  kPrecedes,
  kLinked
};

// "SAME_PERIOD", ... (the wire and document names).
std::string_view CourseRuleTypeName(CourseRuleType type);

// Every type except PRECEDES holds the same whichever course is named first.
bool IsSymmetric(CourseRuleType type);

// Who a rule binds: a student taking both courses, or (NOT_SAME_PERIOD only) the master schedule
// itself, every pair of sections (docs/formats/course-rules.md, "Scope").
enum class CourseRuleScope { kStudent, kMaster };
std::string_view CourseRuleScopeName(CourseRuleScope scope);

struct CourseRule {
  std::string calendar_id;
  std::string id;  // {rule} of calendars/{calendar}/courseRules/{rule}
  CourseRuleType type = CourseRuleType::kSamePeriod;
  CourseRuleScope scope = CourseRuleScope::kStudent;
  std::string course_a;  // course ids of the calendar
  std::string course_b;
  std::string creator;
  std::chrono::system_clock::time_point create_time;

  bool Touches(std::string_view course) const { return course_a == course || course_b == course; }
};

// The rule as listed for `course` (one of its two courses): a symmetric rule is turned so that
// course_a == course; PRECEDES is returned unchanged.
CourseRule SeenFrom(const CourseRule& rule, std::string_view course);

// True when `a` and `b` (on the same pair of courses, in any order) say the same thing.
bool SameRule(const CourseRule& a, const CourseRule& b);

// Why two rules on the same pair cannot both hold for a student who takes both courses, or
// nullopt when they can. Refused: SAME_PERIOD with NOT_SAME_PERIOD; SAME_TERM with DIFFERENT_TERM;
// SAME_TERM with PRECEDES; PRECEDES both ways; SAME_PERIOD with SAME_TERM (the two sections would
// meet at the same time, so no student could attend both).
std::optional<std::string> Contradiction(const CourseRule& a, const CourseRule& b);

// Whether `proposed` may join `existing` (the rules already on its pair of courses):
// ALREADY_EXISTS naming the equal rule; FAILED_PRECONDITION naming the contradicting rule.
absl::Status CheckAgainstExisting(const CourseRule& proposed,
                                  const std::vector<CourseRule>& existing);

}  // namespace secsched::requests
