// Small schools for the core engine tests: a hand-built one-line-per-entity API and a tiny random
// school maker for property tests (the real generator lives in generator/).
#pragma once

#include <string>
#include <vector>

#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/model.h"
#include "services/sectioning/engine/rng.h"

namespace secsched::engine::core_testing {

inline constexpr TermMask kS1 = 1, kS2 = 2, kYear = 3;

inline Course MakeCourse(std::string id, TermLength length = TermLength::kYear, int max = 30,
                         int ppm = 1, std::string room_type = "regular") {
  Course c;
  c.id = c.name = std::move(id);
  c.term_length = length;
  c.max_students = max;
  c.periods_per_meeting = ppm;
  c.room_type = std::move(room_type);
  c.min_grade = 6;
  c.max_grade = 12;
  return c;
}

inline Teacher MakeTeacher(std::string id, std::vector<std::string> can_teach, int max = 6) {
  Teacher t;
  t.id = t.name = std::move(id);
  t.can_teach = std::move(can_teach);
  t.max_sections = max;
  return t;
}

inline Room MakeRoom(std::string id, int capacity = 30, std::string type = "regular") {
  Room r;
  r.id = std::move(id);
  r.capacity = capacity;
  r.type = std::move(type);
  return r;
}

inline Student MakeStudent(std::string id, int grade, const std::vector<std::string>& courses) {
  Student s;
  s.id = std::move(id);
  s.grade = grade;
  for (const std::string& c : courses) s.requests.push_back(Request{c, true, 1, {}});
  return s;
}

inline Section MakeSection(std::string id, std::string course, std::string teacher,
                           std::string room, int period = -1, TermMask terms = 0) {
  Section s;
  s.id = std::move(id);
  s.course_id = std::move(course);
  s.teacher_id = std::move(teacher);
  s.room_id = std::move(room);
  s.placement = Placement{period, terms};
  return s;
}

// An empty school: `periods` periods, two semesters.
inline School EmptySchool(int periods = 6) {
  School school;
  school.id = "test";
  school.calendar.periods_per_day = periods;
  school.calendar.terms = {Term{"S1", 0}, Term{"S2", 1}};
  return school;
}

// A random, feasible-by-construction school: enough qualified teachers, rooms of each type, and
// grade-appropriate requests. Some semester and double-period courses, teams, alternates,
// unavailability, student constraints and rules appear at random.
inline School RandomSchool(std::uint64_t seed, int students = 60) {
  Rng rng(seed);
  School school = EmptySchool(6 + rng.Below(3));
  const bool quarters = rng.Below(4) == 0;
  if (quarters)
    school.calendar.terms = {Term{"Q1", 0}, Term{"Q2", 1}, Term{"Q3", 2}, Term{"Q4", 3}};
  const int courses = 8 + rng.Below(8);
  for (int c = 0; c < courses; ++c) {
    const int kind = rng.Below(10);
    const TermLength length = kind < 6                  ? TermLength::kYear
                              : (quarters && kind == 7) ? TermLength::kQuarter
                                                        : TermLength::kSemester;
    Course course =
        MakeCourse("C" + std::to_string(c), length, 12 + rng.Below(14), kind == 9 ? 2 : 1,
                   kind == 9 ? "lab" : (kind == 8 ? "gym" : "regular"));
    if (rng.Below(8) == 0) course.team = "TEAM_A";
    school.courses.push_back(course);
    school.teachers.push_back(MakeTeacher("T" + std::to_string(c), {course.id}, 6));
    if (rng.Below(2))
      school.teachers.back().can_teach.push_back("C" + std::to_string((c + 1) % courses));
    if (rng.Below(4) == 0)
      school.teachers.back().unavailable.push_back(
          PeriodSlot{rng.Below(school.calendar.periods_per_day), 0});
  }
  for (int c = 0; c < courses; ++c)  // spare teachers so every course is coverable
    school.teachers.push_back(MakeTeacher("X" + std::to_string(c), {"C" + std::to_string(c)}, 6));
  for (int r = 0; r < 10; ++r) school.rooms.push_back(MakeRoom("R" + std::to_string(r), 30));
  for (int r = 0; r < 3; ++r)
    school.rooms.push_back(MakeRoom("LAB" + std::to_string(r), 30, "lab"));
  for (int r = 0; r < 3; ++r)
    school.rooms.push_back(MakeRoom("GYM" + std::to_string(r), 40, "gym"));
  for (int s = 0; s < students; ++s) {
    Student st;
    st.id = "S" + std::to_string(s);
    st.grade = 9 + rng.Below(4);
    if (rng.Below(5) == 0) st.team = "TEAM_A";
    const int wanted = 3 + rng.Below(3);
    for (int k = 0; k < wanted; ++k) {
      const std::string course = "C" + std::to_string(rng.Below(courses));
      bool dup = false;
      for (const Request& r : st.requests) dup |= r.course_id == course;
      if (dup) continue;
      Request r{course, rng.Below(2) == 0, 1 + rng.Below(9), {}};
      if (rng.Below(3) == 0)
        r.alternate_course_ids.push_back("C" + std::to_string(rng.Below(courses)));
      st.requests.push_back(r);
    }
    if (rng.Below(10) == 0)
      st.constraints.push_back(StudentConstraint{
          StudentConstraintKind::kAvoidTeacher, "T" + std::to_string(rng.Below(courses)), {}});
    if (rng.Below(10) == 0)
      st.constraints.push_back(
          StudentConstraint{StudentConstraintKind::kKeepPeriodFree, "",
                            PeriodSlot{rng.Below(school.calendar.periods_per_day), 0}});
    if (rng.Below(4) == 0)
      st.general_alternate_course_ids.push_back("C" + std::to_string(rng.Below(courses)));
    school.students.push_back(st);
  }
  const RuleType types[] = {RuleType::kNotSamePeriod, RuleType::kDifferentTerm, RuleType::kSameTerm,
                            RuleType::kPrecedes, RuleType::kSamePeriod};
  for (int k = rng.Below(3); k > 0; --k) {
    const int a = rng.Below(courses), b = rng.Below(courses);
    if (a == b) continue;
    school.rules.push_back(
        CourseRule{types[rng.Below(5)], "C" + std::to_string(a), "C" + std::to_string(b)});
  }
  return school;
}

// The hard violations of `report` other than a SECTION_UNPLACED that the master schedule
// itself reported (`reported_unplaced`): random schools can ask for the impossible (SAME_PERIOD
// between two year courses), and then the only honest outcome is a section reported unplaced —
// by the engine and by the evaluator alike. Anything else is a message in the result.
inline std::vector<std::string> UnexpectedViolations(
    const EvaluationReport& report, const std::vector<std::string>& reported_unplaced) {
  std::vector<std::string> out;
  for (const Violation& v : report.violations) {
    const bool reported = v.constraint == constraint::kSectionUnplaced &&
                          std::find(reported_unplaced.begin(), reported_unplaced.end(),
                                    v.entity_ids.front()) != reported_unplaced.end();
    if (!reported) out.push_back(v.constraint + ": " + v.message);
  }
  for (const std::string& id : reported_unplaced) {
    const bool counted =
        std::any_of(report.violations.begin(), report.violations.end(), [&](const Violation& v) {
          return v.constraint == constraint::kSectionUnplaced && v.entity_ids.front() == id;
        });
    if (!counted) out.push_back("reported unplaced but not counted: " + id);
  }
  return out;
}

}  // namespace secsched::engine::core_testing
