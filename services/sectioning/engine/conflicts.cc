#include "services/sectioning/engine/conflicts.h"

#include <algorithm>

namespace secsched::engine {

Meeting MeetingOf(const SchoolIndex& index, int section) {
  const Section& s = index.school().sections[section];
  return Meeting{s.placement, index.PeriodsPerMeeting(section), &s.link_group};
}

bool SamePeriodHolds(const Meeting& a, const Meeting& b) {
  return a.placement.period == b.placement.period;
}

bool NotSamePeriodHolds(const Meeting& a, const Meeting& b) {
  return !SchoolIndex::SharePeriod(a.placement, a.periods_per_meeting, b.placement,
                                   b.periods_per_meeting);
}

bool SameTermHolds(const SchoolIndex& index, const Meeting& a, const Meeting& b) {
  return index.TermBits(a.placement.terms) == index.TermBits(b.placement.terms);
}

bool DifferentTermHolds(const SchoolIndex& index, const Meeting& a, const Meeting& b) {
  return (index.TermBits(a.placement.terms) & index.TermBits(b.placement.terms)) == 0;
}

bool PrecedesHolds(const SchoolIndex& index, const Meeting& a, const Meeting& b) {
  return index.LastOrder(a.placement.terms) < index.FirstOrder(b.placement.terms);
}

// Sections with no link group on either side carry no pairing; once either side names a group,
// both must name the same one.
bool LinkedHolds(const Meeting& a, const Meeting& b) {
  static const std::string kNone;
  const std::string& ga = a.link_group ? *a.link_group : kNone;
  const std::string& gb = b.link_group ? *b.link_group : kNone;
  return ga == gb;
}

bool RuleHolds(const SchoolIndex& index, RuleType type, const Meeting& a, const Meeting& b) {
  if (type == RuleType::kLinked) return LinkedHolds(a, b);
  if (!a.placement.placed() || !b.placement.placed()) return true;
  switch (type) {
    case RuleType::kSamePeriod:
      return SamePeriodHolds(a, b);
    case RuleType::kNotSamePeriod:
      return NotSamePeriodHolds(a, b);
    case RuleType::kSameTerm:
      return SameTermHolds(index, a, b);
    case RuleType::kDifferentTerm:
      return DifferentTermHolds(index, a, b);
    case RuleType::kPrecedes:
      return PrecedesHolds(index, a, b);
    case RuleType::kLinked:
      break;
  }
  return true;
}

std::optional<int> FirstBrokenRule(const SchoolIndex& index, int section_x, int section_y) {
  const int cx = index.CourseIndexOfSection(section_x);
  const int cy = index.CourseIndexOfSection(section_y);
  for (int r : index.RulesOfCourse(cx)) {
    const CourseRule& rule = index.school().rules[r];
    const auto [a, b] = index.RuleCourses(r);
    if (a == cx && b == cy) {
      if (!RuleHolds(index, rule.type, MeetingOf(index, section_x), MeetingOf(index, section_y)))
        return r;
    } else if (a == cy && b == cx) {
      if (!RuleHolds(index, rule.type, MeetingOf(index, section_y), MeetingOf(index, section_x)))
        return r;
    }
  }
  return std::nullopt;
}

bool RulesHoldBetween(const SchoolIndex& index, int section_x, int section_y) {
  return !FirstBrokenRule(index, section_x, section_y).has_value();
}

const std::optional<std::string>& EffectiveTeam(const SchoolIndex& index, int section) {
  const Section& s = index.school().sections[section];
  if (s.team) return s.team;
  return index.school().courses[index.CourseIndexOfSection(section)].team;
}

bool TeamAllows(const SchoolIndex& index, const Student& student, int section) {
  const std::optional<std::string>& team = EffectiveTeam(index, section);
  if (!team || team->empty()) return true;
  return student.team && *student.team == *team;
}

bool GradeAllows(const SchoolIndex& index, const Student& student, int section) {
  const Course& course = index.school().courses[index.CourseIndexOfSection(section)];
  return student.grade >= course.min_grade && student.grade <= course.max_grade;
}

bool AvoidsTeacherOf(const Student& student, const Section& section) {
  for (const StudentConstraint& c : student.constraints) {
    if (c.kind != StudentConstraintKind::kAvoidTeacher) continue;
    if (c.teacher_id == section.teacher_id) return true;
    if (std::find(section.co_teacher_ids.begin(), section.co_teacher_ids.end(), c.teacher_id) !=
        section.co_teacher_ids.end())
      return true;
  }
  return false;
}

bool HitsKeptFreePeriod(const SchoolIndex& index, const Student& student, int section) {
  const Placement& p = index.school().sections[section].placement;
  if (!p.placed()) return false;
  const int ppm = index.PeriodsPerMeeting(section);
  for (const StudentConstraint& c : student.constraints) {
    if (c.kind != StudentConstraintKind::kKeepPeriodFree) continue;
    const Placement blocked{c.slot.period, SlotTerms(c.slot, index.AllTerms())};
    if (index.Overlaps(p, ppm, blocked, 1)) return true;
  }
  return false;
}

bool TimeClash(const SchoolIndex& index, int section_x, int section_y) {
  return index.Overlaps(
      index.school().sections[section_x].placement, index.PeriodsPerMeeting(section_x),
      index.school().sections[section_y].placement, index.PeriodsPerMeeting(section_y));
}

}  // namespace secsched::engine
