#include "services/sectioning/domain/school_assembly.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace secsched::sectioning {
namespace {

// The engine's (term, day) masks are 16 bits wide.
constexpr int kMaxSlots = 16;

engine::TermLength TermLengthOf(catalog::TermLength length) {
  switch (length) {
    case catalog::TermLength::kSemester:
      return engine::TermLength::kSemester;
    case catalog::TermLength::kQuarter:
      return engine::TermLength::kQuarter;
    case catalog::TermLength::kYear:
      return engine::TermLength::kYear;
  }
  return engine::TermLength::kYear;
}

std::vector<engine::PeriodSlot> SlotsOf(const EngineCalendar& calendar,
                                        const std::vector<catalog::CatalogUnavailablePeriod>& off) {
  std::vector<engine::PeriodSlot> slots;
  const int rotation = std::max(1, calendar.calendar.rotation_days);
  for (const catalog::CatalogUnavailablePeriod& p : off) {
    if (p.period < 1) continue;
    engine::PeriodSlot slot{.period = p.period - 1, .terms = 0};  // 0 = every term
    if (!p.term_id.empty()) {
      auto it = std::find(calendar.term_ids.begin(), calendar.term_ids.end(), p.term_id);
      if (it == calendar.term_ids.end()) continue;  // a term the calendar no longer has
      const int term = static_cast<int>(it - calendar.term_ids.begin());
      for (int day = 0; day < rotation; ++day) slot.terms |= 1u << (term * rotation + day);
    }
    slots.push_back(slot);
  }
  return slots;
}

engine::Course CourseOf(const catalog::CatalogCourse& c) {
  engine::Course course;
  course.id = c.id;
  course.name = c.display_name.empty() ? c.number : c.display_name;
  course.department = c.department;
  course.term_length = TermLengthOf(c.term_length);
  course.periods_per_meeting = std::max(1, c.periods_per_meeting);
  course.max_students = c.max_students;
  if (c.sections_to_build > 0) course.sections_to_build = c.sections_to_build;
  course.room_type = c.room_type;
  course.load_priority = c.load_priority;
  course.min_grade = c.min_grade;
  course.max_grade = c.max_grade;
  return course;
}

// The request an enrollment fills, as the engine records it: the primary course (itself, or the
// one an alternate stands in for).
engine::Enrollment EngineEnrollmentOf(const Enrollment& e, const engine::Student& student) {
  engine::Enrollment out{.student_id = e.student_id,
                         .section_id = e.section_id,
                         .requested_course_id = e.course_id,
                         .is_alternate = e.request_rank.value_or(0) > 0};
  if (!out.is_alternate) return out;
  for (const engine::Request& r : student.requests) {
    if (std::find(r.alternate_course_ids.begin(), r.alternate_course_ids.end(), e.course_id) !=
        r.alternate_course_ids.end()) {
      out.requested_course_id = r.course_id;
      break;
    }
  }
  return out;
}

void AddEnrollments(const SchoolInputs& inputs,
                    const std::unordered_map<std::string, std::string>& course_of_section,
                    engine::School& school) {
  std::unordered_map<std::string, engine::Student*> students;
  for (engine::Student& s : school.students) students[s.id] = &s;
  for (const Enrollment& e : inputs.enrollments) {
    auto student = students.find(e.student_id);
    if (student == students.end() || !course_of_section.count(e.section_id)) continue;
    school.enrollments.push_back(EngineEnrollmentOf(e, *student->second));
    if (e.locked || (inputs.keep_enrollments_by_hand && !e.request_rank.has_value())) {
      student->second->locked_section_ids.push_back(e.section_id);
    }
  }
}

}  // namespace

absl::StatusOr<EngineCalendar> EngineCalendarOf(const catalog::CatalogCalendar& calendar) {
  EngineCalendar out;
  if (calendar.terms.empty()) {
    return absl::FailedPreconditionError("Calendar " + calendar.id + " has no terms yet.");
  }
  int periods = 0;
  for (const catalog::CatalogPeriod& p : calendar.periods) periods = std::max(periods, p.number);
  if (periods == 0) {
    return absl::FailedPreconditionError("Calendar " + calendar.id + " has no bell schedule yet.");
  }
  const int rotation = std::max<int>(1, static_cast<int>(calendar.day_types.size()));
  if (static_cast<int>(calendar.terms.size()) * rotation > kMaxSlots) {
    return absl::FailedPreconditionError(
        "Calendar " + calendar.id + " has " + std::to_string(calendar.terms.size()) + " terms × " +
        std::to_string(rotation) + " day types; the engine schedules at most " +
        std::to_string(kMaxSlots) + " (term, day) combinations.");
  }
  out.calendar.periods_per_day = periods;
  out.calendar.rotation_days = rotation;
  for (size_t i = 0; i < calendar.terms.size(); ++i) {
    out.calendar.terms.push_back({calendar.terms[i].id, static_cast<int>(i)});
    out.term_ids.push_back(calendar.terms[i].id);
  }
  out.day_types = calendar.day_types;
  return out;
}

absl::StatusOr<AssembledSchool> AssembleSchool(const SchoolInputs& inputs) {
  absl::StatusOr<EngineCalendar> calendar = EngineCalendarOf(inputs.calendar);
  if (!calendar.ok()) return calendar.status();
  AssembledSchool out{.calendar = *calendar};
  engine::School& school = out.school;
  school.id = inputs.calendar.id;
  school.calendar = calendar->calendar;

  std::vector<const catalog::CatalogCourse*> active_courses;
  for (const catalog::CatalogCourse& c : inputs.courses) {
    if (!c.active) continue;
    active_courses.push_back(&c);
    school.courses.push_back(CourseOf(c));
  }
  for (const catalog::CatalogTeacher& t : inputs.teachers) {
    if (!t.active) continue;
    engine::Teacher teacher{.id = t.id,
                            .name = t.display_name,
                            .max_sections = t.max_sections,
                            .unavailable = SlotsOf(*calendar, t.unavailable)};
    if (t.max_sections_per_term > 0) teacher.max_sections_per_term = t.max_sections_per_term;
    for (const catalog::CatalogCourse* c : active_courses) {
      if (t.CanTeach(*c)) teacher.can_teach.push_back(c->id);
    }
    school.teachers.push_back(std::move(teacher));
  }
  for (const catalog::CatalogRoom& r : inputs.rooms) {
    if (!r.active) continue;
    school.rooms.push_back({.id = r.id,
                            .capacity = r.capacity,
                            .type = r.room_type,
                            .unavailable = SlotsOf(*calendar, r.unavailable)});
  }
  school.students = inputs.students;
  school.rules = inputs.rules;

  std::set<std::string> course_ids;
  for (const engine::Course& c : school.courses) course_ids.insert(c.id);
  std::unordered_map<std::string, std::string> course_of_section;
  for (const Section& s : inputs.sections) {
    if (!course_ids.count(s.course_id)) continue;
    course_of_section[s.section_id] = s.course_id;
    auto course =
        std::find_if(inputs.courses.begin(), inputs.courses.end(),
                     [&](const catalog::CatalogCourse& c) { return c.id == s.course_id; });
    const int ppm = course == inputs.courses.end() ? 1 : std::max(1, course->periods_per_meeting);
    absl::StatusOr<engine::Placement> placement = PlacementOf(*calendar, s.meetings, ppm);
    if (!placement.ok()) {
      return absl::FailedPreconditionError("Section " + s.section_id + " cannot be read: " +
                                           std::string(placement.status().message()));
    }
    engine::Section section{.id = s.section_id,
                            .course_id = s.course_id,
                            .teacher_id = s.primary_teacher_id,
                            .co_teacher_ids = s.co_teacher_ids,
                            .room_id = s.room_id,
                            .placement = *placement,
                            .locked = s.locked};
    if (!s.team_id.empty()) section.team = s.team_id;
    if (s.capacity > 0) section.max_students = s.capacity;
    school.sections.push_back(std::move(section));
  }
  AddEnrollments(inputs, course_of_section, school);
  return out;
}

}  // namespace secsched::sectioning
