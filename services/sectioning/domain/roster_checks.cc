#include "services/sectioning/domain/roster_checks.h"

#include <algorithm>
#include <set>

namespace secsched::sectioning {
namespace {

std::string MeetingText(const Meeting& m) {
  std::string text = "term " + m.term_id + " period " + std::to_string(m.period);
  if (!m.day_type.empty()) text += " day " + m.day_type;
  return text;
}

std::set<int> PeriodsOf(const Section& s) {
  std::set<int> periods;
  for (const Meeting& m : s.meetings) periods.insert(m.period);
  return periods;
}

std::set<std::string> TermsOf(const Section& s) {
  std::set<std::string> terms;
  for (const Meeting& m : s.meetings) terms.insert(m.term_id);
  return terms;
}

template <class T>
bool Intersect(const std::set<T>& a, const std::set<T>& b) {
  return std::any_of(a.begin(), a.end(), [&](const T& x) { return b.count(x) > 0; });
}

int TermIndex(const std::vector<std::string>& order, const std::string& term) {
  auto it = std::find(order.begin(), order.end(), term);
  return it == order.end() ? -1 : static_cast<int>(it - order.begin());
}

std::string_view KindName(CourseRuleKind kind) {
  switch (kind) {
    case CourseRuleKind::kSamePeriod:
      return "SAME_PERIOD";
    case CourseRuleKind::kNotSamePeriod:
      return "NOT_SAME_PERIOD";
    case CourseRuleKind::kSameTerm:
      return "SAME_TERM";
    case CourseRuleKind::kDifferentTerm:
      return "DIFFERENT_TERM";
    case CourseRuleKind::kPrecedes:
      return "PRECEDES";
  }
  return "?";
}

}  // namespace

std::string SectionLabel(const Section& section) {
  return section.course_id + "-" + std::to_string(section.section_number);
}

bool IsFull(const Section& section) { return section.enrolled >= section.capacity; }

absl::Status CheckSeatLeft(const Section& target, bool may_overload) {
  if (!IsFull(target) || may_overload) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "Section " + SectionLabel(target) + " is full (" + std::to_string(target.enrolled) + " of " +
      std::to_string(target.capacity) +
      " seats); adding past capacity needs the overload right (scope `overload`).");
}

absl::Status CheckNoTimeClash(const Section& target, const std::vector<Section>& others) {
  for (const Section& other : others) {
    if (!PlacementsClash(target.meetings, other.meetings)) continue;
    for (const Meeting& a : target.meetings) {
      for (const Meeting& b : other.meetings) {
        if (!MeetingsClash(a, b)) continue;
        return absl::FailedPreconditionError("Section " + SectionLabel(target) +
                                             " meets at the same time as the student's section " +
                                             SectionLabel(other) + " (" + MeetingText(a) + ").");
      }
    }
  }
  return absl::OkStatus();
}

absl::Status CheckTeam(const Section& target, const StudentInfo& student) {
  if (target.team_id.empty() || target.team_id == student.team_id) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "Section " + SectionLabel(target) + " is for team " + target.team_id + "; student " +
      student.student_id + " is " +
      (student.team_id.empty() ? std::string("on no team") : "on team " + student.team_id) + ".");
}

absl::Status CheckCourseNotTaken(const Section& target, const std::vector<Section>& others) {
  for (const Section& other : others) {
    if (other.course_id != target.course_id) continue;
    if (other.section_id == target.section_id) {
      return absl::FailedPreconditionError("The student is already in section " +
                                           SectionLabel(target) + ".");
    }
    return absl::FailedPreconditionError("The student already takes course " + target.course_id +
                                         " in section " + SectionLabel(other) +
                                         "; move the student instead.");
  }
  return absl::OkStatus();
}

bool CourseRuleHolds(const StudentCourseRule& rule, const Section& a, const Section& b,
                     const std::vector<std::string>& term_order) {
  if (a.meetings.empty() || b.meetings.empty()) return true;
  switch (rule.kind) {
    case CourseRuleKind::kSamePeriod:
      return *PeriodsOf(a).begin() == *PeriodsOf(b).begin();
    case CourseRuleKind::kNotSamePeriod:
      return !Intersect(PeriodsOf(a), PeriodsOf(b));
    case CourseRuleKind::kSameTerm:
      return TermsOf(a) == TermsOf(b);
    case CourseRuleKind::kDifferentTerm:
      return !Intersect(TermsOf(a), TermsOf(b));
    case CourseRuleKind::kPrecedes: {
      int last_a = -1;
      int first_b = static_cast<int>(term_order.size());
      for (const std::string& t : TermsOf(a)) last_a = std::max(last_a, TermIndex(term_order, t));
      for (const std::string& t : TermsOf(b)) {
        int index = TermIndex(term_order, t);
        if (index >= 0) first_b = std::min(first_b, index);
      }
      return last_a < first_b;
    }
  }
  return true;
}

absl::Status CheckCourseRules(const Section& target, const std::vector<Section>& others,
                              const std::vector<StudentCourseRule>& rules,
                              const std::vector<std::string>& term_order) {
  for (const StudentCourseRule& rule : rules) {
    for (const Section& other : others) {
      const Section* a = nullptr;
      const Section* b = nullptr;
      if (rule.course_a == target.course_id && rule.course_b == other.course_id) {
        a = &target;
        b = &other;
      } else if (rule.course_b == target.course_id && rule.course_a == other.course_id) {
        a = &other;
        b = &target;
      } else {
        continue;
      }
      if (CourseRuleHolds(rule, *a, *b, term_order)) continue;
      return absl::FailedPreconditionError(
          "Section " + SectionLabel(target) + " breaks the course rule " + rule.course_a + " " +
          std::string(KindName(rule.kind)) + " " + rule.course_b + " with the student's section " +
          SectionLabel(other) + ".");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckSameCourse(const Section& from, const Section& to) {
  if (from.course_id == to.course_id) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "A student moves only between sections of one course: " + SectionLabel(from) + " is " +
      from.course_id + ", " + SectionLabel(to) + " is " + to.course_id + ".");
}

absl::StatusOr<bool> CheckWalkIn(const Section& target, const std::vector<Section>& others,
                                 const WalkInFacts& facts) {
  if (absl::Status s = CheckCourseNotTaken(target, others); !s.ok()) return s;
  if (absl::Status s = CheckTeam(target, facts.student); !s.ok()) return s;
  if (absl::Status s = CheckNoTimeClash(target, others); !s.ok()) return s;
  if (absl::Status s = CheckCourseRules(target, others, facts.rules, facts.term_order); !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckSeatLeft(target, facts.may_overload); !s.ok()) return s;
  return IsFull(target);
}

}  // namespace secsched::sectioning
