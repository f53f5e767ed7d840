#include "services/requests/domain/course_rules.h"

#include <utility>

namespace secsched::requests {
namespace {

using T = CourseRuleType;

// Does rule `r` say "x PRECEDES y"?
bool Precedes(const CourseRule& r, std::string_view x, std::string_view y) {
  return r.type == T::kPrecedes && r.course_a == x && r.course_b == y;
}

bool IsPair(const CourseRule& a, const CourseRule& b, T one, T other) {
  return (a.type == one && b.type == other) || (a.type == other && b.type == one);
}

std::string Describe(const CourseRule& rule) {
  return "rule " + rule.id + " (" + rule.course_a + " " +
         std::string(CourseRuleTypeName(rule.type)) + " " + rule.course_b +
         (rule.scope == CourseRuleScope::kMaster ? ", MASTER" : "") + ")";
}

}  // namespace

std::string_view CourseRuleTypeName(CourseRuleType type) {
  switch (type) {
    case T::kSamePeriod:
      return "SAME_PERIOD";
    case T::kNotSamePeriod:
      return "NOT_SAME_PERIOD";
    case T::kSameTerm:
      return "SAME_TERM";
    case T::kDifferentTerm:
      return "DIFFERENT_TERM";
    case T::kPrecedes:
      return "PRECEDES";
    case T::kLinked:
      return "LINKED";
  }
  return "UNKNOWN";
}

std::string_view CourseRuleScopeName(CourseRuleScope scope) {
  return scope == CourseRuleScope::kMaster ? "MASTER" : "STUDENT";
}

bool IsSymmetric(CourseRuleType type) { return type != T::kPrecedes; }

CourseRule SeenFrom(const CourseRule& rule, std::string_view course) {
  CourseRule seen = rule;
  if (IsSymmetric(rule.type) && rule.course_b == course) std::swap(seen.course_a, seen.course_b);
  return seen;
}

bool SameRule(const CourseRule& a, const CourseRule& b) {
  if (a.type != b.type || a.scope != b.scope) return false;
  if (a.course_a == b.course_a && a.course_b == b.course_b) return true;
  return IsSymmetric(a.type) && a.course_a == b.course_b && a.course_b == b.course_a;
}

std::optional<std::string> Contradiction(const CourseRule& a, const CourseRule& b) {
  // A master-level NOT_SAME_PERIOD keeps sections apart only within a term, which SAME_PERIOD's
  // sections in different terms (Health S1, PE S2) satisfy.
  const bool master = a.scope == CourseRuleScope::kMaster || b.scope == CourseRuleScope::kMaster;
  if (IsPair(a, b, T::kSamePeriod, T::kNotSamePeriod) && !master) {
    return "SAME_PERIOD and NOT_SAME_PERIOD cannot both hold";
  }
  if (IsPair(a, b, T::kSameTerm, T::kDifferentTerm)) {
    return "SAME_TERM and DIFFERENT_TERM cannot both hold";
  }
  if (IsPair(a, b, T::kSameTerm, T::kPrecedes)) {
    return "courses in the same terms cannot have one before the other";
  }
  if (IsPair(a, b, T::kSamePeriod, T::kSameTerm)) {
    return "sections in the same period and the same terms meet at the same time";
  }
  if (a.type == T::kPrecedes && b.type == T::kPrecedes && Precedes(b, a.course_b, a.course_a)) {
    return "PRECEDES cannot hold both ways";
  }
  return std::nullopt;
}

absl::Status CheckAgainstExisting(const CourseRule& proposed,
                                  const std::vector<CourseRule>& existing) {
  for (const CourseRule& rule : existing) {
    if (!(rule.Touches(proposed.course_a) && rule.Touches(proposed.course_b))) continue;
    if (SameRule(proposed, rule)) {
      return absl::AlreadyExistsError("The same rule already exists: " + Describe(rule) + ".");
    }
    if (std::optional<std::string> why = Contradiction(proposed, rule)) {
      return absl::FailedPreconditionError("The rule contradicts " + Describe(rule) + ": " + *why +
                                           ".");
    }
  }
  return absl::OkStatus();
}

}  // namespace secsched::requests
