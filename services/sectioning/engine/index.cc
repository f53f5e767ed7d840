#include "services/sectioning/engine/index.h"

#include <algorithm>
#include <bit>
#include <climits>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/sectioning/engine/day_patterns.h"

namespace secsched::engine {
namespace {

absl::Status Invalid(const std::string& what, const std::string& id) {
  return absl::InvalidArgumentError(absl::StrCat(what, ": '", id, "'"));
}

// Adds every id of `items` to `map`, rejecting empty and duplicate ids.
template <typename T>
absl::Status IndexIds(const std::vector<T>& items, const std::string& kind,
                      std::unordered_map<std::string_view, int>& map) {
  for (int i = 0; i < static_cast<int>(items.size()); ++i) {
    const std::string& id = items[i].id;
    if (id.empty()) return Invalid(absl::StrCat(kind, " #", i, " has an empty id"), id);
    if (!map.emplace(id, i).second) return Invalid(absl::StrCat("duplicate ", kind, " id"), id);
  }
  return absl::OkStatus();
}

// Every mask the formats can express is some terms on some days (a set of terms x a set of
// days); the JSON writer relies on it, so a hand-built mask such as "S1 on A + S2 on B" is refused.
bool IsTermsTimesDays(const Calendar& cal, TermMask slots) {
  return slots == SlotMask(cal, TermBitsOf(cal, slots), DayBitsOf(cal, slots));
}

absl::Status CheckSlot(const PeriodSlot& slot, const Calendar& calendar, TermMask all,
                       const std::string& owner) {
  if (slot.period < 0 || slot.period >= calendar.periods_per_day)
    return Invalid(absl::StrCat("period ", slot.period, " outside the day in"), owner);
  if (slot.terms & ~all) return Invalid("term mask outside the calendar's terms in", owner);
  if (!IsTermsTimesDays(calendar, slot.terms))
    return Invalid("blocked slot is not a set of terms on a set of days in", owner);
  return absl::OkStatus();
}

int RotationDays(const Calendar& cal) { return std::max(1, cal.rotation_days); }

}  // namespace

TermMask SlotTerms(const PeriodSlot& slot, TermMask all_terms) {
  return slot.terms == 0 ? all_terms : slot.terms;
}

TermMask AllDays(const Calendar& cal) {
  const int r = RotationDays(cal);
  return static_cast<TermMask>(r >= 16 ? 0xFFFF : (1u << r) - 1);
}

TermMask SlotMask(const Calendar& cal, TermMask term_bits, TermMask day_bits) {
  const int r = RotationDays(cal);
  if (r == 1) return term_bits;
  unsigned out = 0;
  for (int t = 0; t < static_cast<int>(cal.terms.size()) && t * r < 16; ++t)
    if (term_bits & (1u << t)) out |= static_cast<unsigned>(day_bits & AllDays(cal)) << (t * r);
  return static_cast<TermMask>(out);
}

TermMask TermBitsOf(const Calendar& cal, TermMask slots) {
  const int r = RotationDays(cal);
  if (r == 1) return slots;
  TermMask out = 0;
  for (int t = 0; t < static_cast<int>(cal.terms.size()) && t * r < 16; ++t)
    if ((slots >> (t * r)) & AllDays(cal)) out |= static_cast<TermMask>(1u << t);
  return out;
}

TermMask DayBitsOf(const Calendar& cal, TermMask slots) {
  const int r = RotationDays(cal);
  if (r == 1) return slots ? 1 : 0;
  unsigned out = 0;
  for (int t = 0; t < static_cast<int>(cal.terms.size()) && t * r < 16; ++t)
    out |= (slots >> (t * r)) & AllDays(cal);
  return static_cast<TermMask>(out);
}

std::string DayName(int day) { return std::string(1, static_cast<char>('A' + day)); }

absl::StatusOr<SchoolIndex> SchoolIndex::Build(const School& school) {
  SchoolIndex index;
  index.school_ = &school;
  const Calendar& cal = school.calendar;
  if (cal.periods_per_day <= 0 || cal.periods_per_day > 32)
    return Invalid("periods_per_day must be 1..32 in school", school.id);
  if (cal.terms.empty() || cal.terms.size() > 16)
    return Invalid("calendar must have 1..16 terms in school", school.id);
  if (cal.rotation_days < 1 || static_cast<size_t>(cal.rotation_days) * cal.terms.size() > 16)
    return Invalid("rotation_days must be >= 1 with terms x rotation_days <= 16 in school",
                   school.id);
  std::unordered_map<std::string_view, int> terms;
  if (auto s = IndexIds(cal.terms, "term", terms); !s.ok()) return s;
  const TermMask all = index.AllTerms();

  if (auto s = IndexIds(school.courses, "course", index.courses_); !s.ok()) return s;
  if (auto s = IndexIds(school.teachers, "teacher", index.teachers_); !s.ok()) return s;
  if (auto s = IndexIds(school.rooms, "room", index.rooms_); !s.ok()) return s;
  if (auto s = IndexIds(school.sections, "section", index.sections_); !s.ok()) return s;
  if (auto s = IndexIds(school.students, "student", index.students_); !s.ok()) return s;

  for (const Course& c : school.courses) {
    if (c.periods_per_meeting < 1 || c.periods_per_meeting > 2)
      return Invalid("periods_per_meeting must be 1 or 2 in course", c.id);
    if (c.periods_per_meeting > cal.periods_per_day)
      return Invalid("periods_per_meeting longer than the day in course", c.id);
    if (c.max_students <= 0) return Invalid("max_students must be > 0 in course", c.id);
    if (c.sections_to_build && *c.sections_to_build < 0)
      return Invalid("sections_to_build must be >= 0 in course", c.id);
    if (c.days_per_rotation < 0 || c.days_per_rotation > cal.rotation_days ||
        (c.days_per_rotation > 0 && cal.rotation_days % c.days_per_rotation != 0))
      return Invalid("days_per_rotation must be 0 or divide rotation_days in course", c.id);
    if (index.TermOptions(c).empty())
      return Invalid("term length does not fit the calendar in course", c.id);
  }
  for (const Teacher& t : school.teachers) {
    if (t.max_sections < 0) return Invalid("max_sections must be >= 0 in teacher", t.id);
    if (t.max_sections_per_term && *t.max_sections_per_term < 0)
      return Invalid("max_sections_per_term must be >= 0 in teacher", t.id);
    for (const std::string& c : t.can_teach)
      if (index.CourseIndex(c) < 0) return Invalid("unknown course in can_teach of teacher", t.id);
    for (const PeriodSlot& slot : t.unavailable)
      if (auto s = CheckSlot(slot, cal, all, t.id); !s.ok()) return s;
  }
  for (const Room& r : school.rooms) {
    if (r.capacity < 0) return Invalid("capacity must be >= 0 in room", r.id);
    for (const PeriodSlot& slot : r.unavailable)
      if (auto s = CheckSlot(slot, cal, all, r.id); !s.ok()) return s;
  }

  for (const Course& c : school.courses) index.course_ppm_.push_back(c.periods_per_meeting);
  index.section_course_.resize(school.sections.size());
  index.course_sections_.resize(school.courses.size());
  for (int i = 0; i < static_cast<int>(school.sections.size()); ++i) {
    const Section& sec = school.sections[i];
    const int course = index.CourseIndex(sec.course_id);
    if (course < 0) return Invalid("unknown course in section", sec.id);
    index.section_course_[i] = course;
    index.course_sections_[course].push_back(i);
    if (!sec.teacher_id.empty() && index.TeacherIndex(sec.teacher_id) < 0)
      return Invalid("unknown teacher in section", sec.id);
    for (const std::string& t : sec.co_teacher_ids)
      if (index.TeacherIndex(t) < 0) return Invalid("unknown co-teacher in section", sec.id);
    if (!sec.room_id.empty() && index.RoomIndex(sec.room_id) < 0)
      return Invalid("unknown room in section", sec.id);
    if (sec.max_students && *sec.max_students <= 0)
      return Invalid("max_students must be > 0 in section", sec.id);
    const Placement& p = sec.placement;
    if (p.period >= 0) {
      const int ppm = school.courses[course].periods_per_meeting;
      if (p.period + ppm > cal.periods_per_day)
        return Invalid(absl::StrCat("period ", p.period, " outside the day in section"), sec.id);
      if (p.terms & ~all)
        return Invalid("term mask outside the calendar's terms in section", sec.id);
      if (!IsTermsTimesDays(cal, p.terms))
        return Invalid("placement is not a set of terms on a set of days in section", sec.id);
    } else if (p.period < -1) {
      return Invalid("negative period in section", sec.id);
    }
  }

  for (const Student& st : school.students) {
    for (const Request& r : st.requests) {
      if (index.CourseIndex(r.course_id) < 0)
        return Invalid(absl::StrCat("unknown course '", r.course_id, "' requested by student"),
                       st.id);
      for (const std::string& alt : r.alternate_course_ids)
        if (index.CourseIndex(alt) < 0)
          return Invalid(absl::StrCat("unknown alternate course '", alt, "' of student"), st.id);
    }
    for (const std::string& alt : st.general_alternate_course_ids)
      if (index.CourseIndex(alt) < 0)
        return Invalid(absl::StrCat("unknown alternate course '", alt, "' of student"), st.id);
    for (const std::string& sec : st.locked_section_ids)
      if (index.SectionIndex(sec) < 0)
        return Invalid(absl::StrCat("unknown locked section '", sec, "' of student"), st.id);
    for (const StudentConstraint& c : st.constraints) {
      if (c.kind == StudentConstraintKind::kAvoidTeacher) {
        if (index.TeacherIndex(c.teacher_id) < 0)
          return Invalid(absl::StrCat("unknown teacher '", c.teacher_id, "' avoided by student"),
                         st.id);
      } else if (auto s = CheckSlot(c.slot, cal, all, st.id); !s.ok()) {
        return s;
      }
    }
  }

  index.course_rules_.resize(school.courses.size());
  for (int i = 0; i < static_cast<int>(school.rules.size()); ++i) {
    const CourseRule& rule = school.rules[i];
    const int a = index.CourseIndex(rule.course_a), b = index.CourseIndex(rule.course_b);
    if (a < 0) return Invalid("unknown course in rule", rule.course_a);
    if (b < 0) return Invalid("unknown course in rule", rule.course_b);
    if (a == b) return Invalid("rule ties a course to itself", rule.course_a);
    if (rule.scope == RuleScope::kMaster && rule.type != RuleType::kNotSamePeriod)
      return Invalid("only NOT_SAME_PERIOD may bind the master schedule, in rule on",
                     rule.course_a);
    index.course_rules_[a].push_back(i);
    index.rule_courses_.emplace_back(a, b);
    index.course_rules_[b].push_back(i);
  }

  for (const Enrollment& e : school.enrollments) {
    if (index.StudentIndex(e.student_id) < 0)
      return Invalid("unknown student in enrollment", e.student_id);
    if (index.SectionIndex(e.section_id) < 0)
      return Invalid("unknown section in enrollment", e.section_id);
    if (!e.requested_course_id.empty() && index.CourseIndex(e.requested_course_id) < 0)
      return Invalid("unknown requested course in enrollment", e.requested_course_id);
  }
  return index;
}

TermMask SchoolIndex::AllTerms() const {
  const int n = num_terms() * rotation_days();
  return static_cast<TermMask>(n >= 16 ? 0xFFFF : (1u << n) - 1);
}

std::vector<TermMask> SchoolIndex::DayOptions(const Course& course) const {
  return DayPatterns(rotation_days(), course.days_per_rotation);
}

std::vector<TermMask> SchoolIndex::TermOptions(const Course& course) const {
  const int n = num_terms();
  const TermMask all_terms = static_cast<TermMask>(n >= 16 ? 0xFFFF : (1u << n) - 1);
  std::vector<TermMask> options;  // plain term sets first
  auto single_terms = [&] {
    for (int t = 0; t < n; ++t) options.push_back(static_cast<TermMask>(1u << t));
  };
  switch (course.term_length) {
    case TermLength::kYear:
      options.push_back(all_terms);
      break;
    case TermLength::kSemester:
      if (n % 2 == 0 && n >= 2) {
        const TermMask first = static_cast<TermMask>((1u << (n / 2)) - 1);
        options.push_back(first);
        options.push_back(static_cast<TermMask>(all_terms & ~first));
      } else {
        single_terms();  // trimesters (or a single term): a "semester" course takes one term
      }
      break;
    case TermLength::kQuarter:
      single_terms();
      break;
  }
  if (rotation_days() == 1) return options;  // slot masks are the term sets
  std::vector<TermMask> slots;
  const std::vector<TermMask> days = DayOptions(course);
  for (TermMask terms : options)
    for (TermMask d : days) slots.push_back(SlotMask(school_->calendar, terms, d));
  return slots;
}

std::string SchoolIndex::OnDays(TermMask slots) const {
  if (rotation_days() == 1) return "";
  const TermMask days = DayBits(slots);
  std::string names;
  for (int d = 0; d < rotation_days(); ++d) {
    if (!(days & (1u << d))) continue;
    absl::StrAppend(&names, names.empty() ? "" : ", ", DayName(d));
  }
  return absl::StrCat(std::popcount(days) > 1 ? " on days " : " on day ", names);
}

bool SchoolIndex::SharePeriod(const Placement& a, int ppm_a, const Placement& b, int ppm_b) {
  return a.period < b.period + ppm_b && b.period < a.period + ppm_a;
}

bool SchoolIndex::Overlaps(const Placement& a, int ppm_a, const Placement& b, int ppm_b) const {
  return a.placed() && b.placed() && (a.terms & b.terms) != 0 && SharePeriod(a, ppm_a, b, ppm_b);
}

int SchoolIndex::FirstOrder(TermMask slots) const {
  const TermMask mask = TermBits(slots);
  int best = INT_MAX;
  for (int t = 0; t < num_terms(); ++t)
    if (mask & (1u << t)) best = std::min(best, school_->calendar.terms[t].order);
  return best;
}

int SchoolIndex::LastOrder(TermMask slots) const {
  const TermMask mask = TermBits(slots);
  int best = INT_MIN;
  for (int t = 0; t < num_terms(); ++t)
    if (mask & (1u << t)) best = std::max(best, school_->calendar.terms[t].order);
  return best;
}

const Course& SchoolIndex::CourseOf(const Section& section) const {
  return school_->courses[CourseIndex(section.course_id)];
}

int SchoolIndex::PeriodsPerMeeting(int section) const {
  return course_ppm_[section_course_[section]];
}

int SchoolIndex::MaxStudents(int section) const {
  const Section& s = school_->sections[section];
  return s.max_students ? *s.max_students : school_->courses[section_course_[section]].max_students;
}

int SchoolIndex::Capacity(int section) const {
  const Section& s = school_->sections[section];
  const int seats = MaxStudents(section);
  if (s.room_id.empty()) return seats;
  return std::min(seats, school_->rooms[RoomIndex(s.room_id)].capacity);
}

int TermLoad(const Calendar& calendar, const Placement& p, int ppm, int term) {
  const int days = std::max(1, calendar.rotation_days);
  const TermMask term_slots = static_cast<TermMask>(((1u << days) - 1) << (term * days));
  return ppm * __builtin_popcount(p.terms & term_slots);
}

void AddTermLoad(const Calendar& calendar, const Placement& p, int ppm, std::vector<int>& load,
                 int sign) {
  for (int t = 0; t < static_cast<int>(calendar.terms.size()); ++t)
    load[t] += sign * TermLoad(calendar, p, ppm, t);
}

int TermLoadLimit(const Calendar& calendar, const Teacher& teacher) {
  if (!teacher.max_sections_per_term) return std::numeric_limits<int>::max();
  return *teacher.max_sections_per_term * std::max(1, calendar.rotation_days);
}

}  // namespace secsched::engine
