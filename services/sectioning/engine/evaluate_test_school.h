// A tiny, violation-free school for the evaluator's tests: each test breaks exactly one thing.
//
// Calendar: 7 periods, semesters S1 (bit 0) and S2 (bit 1).
//   ENG9-1   ENG9 (year)          T_ENG  R101  p0  S1+S2
//   ENG9-2   ENG9 (year)          T_ENG  R101  p1  S1+S2
//   BIO-1    BIO (sem, 2 periods) T_BIO  LAB1  p2-3 S1
//   HEALTH-1 HEALTH (sem)         T_PE   R101  p4  S1
//   PE-1     PE (sem)             T_PE   GYM   p4  S2
// Students: S1 (grade 9) requests and holds ENG9-1, BIO-1, HEALTH-1, PE-1; S2 (grade 9) holds
// ENG9-2.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/model.h"

namespace secsched::engine::testing {

inline constexpr TermMask kS1 = 1, kS2 = 2, kYear = 3;

inline Course MakeCourse(std::string id, TermLength len, std::string room_type, int ppm, int max) {
  Course c;
  c.id = id;
  c.name = id;
  c.term_length = len;
  c.room_type = std::move(room_type);
  c.periods_per_meeting = ppm;
  c.max_students = max;
  c.min_grade = 9;
  c.max_grade = 9;
  return c;
}

inline Section MakeSection(std::string id, std::string course, std::string teacher,
                           std::string room, int period, TermMask terms) {
  Section s;
  s.id = std::move(id);
  s.course_id = std::move(course);
  s.teacher_id = std::move(teacher);
  s.room_id = std::move(room);
  s.placement = Placement{period, terms};
  return s;
}

inline School BaseSchool() {
  School school;
  school.id = "tiny";
  school.calendar.periods_per_day = 7;
  school.calendar.terms = {Term{"S1", 0}, Term{"S2", 1}};
  school.courses = {MakeCourse("ENG9", TermLength::kYear, "regular", 1, 25),
                    MakeCourse("BIO", TermLength::kSemester, "lab", 2, 24),
                    MakeCourse("HEALTH", TermLength::kSemester, "regular", 1, 30),
                    MakeCourse("PE", TermLength::kSemester, "gym", 1, 30)};
  school.teachers = {Teacher{"T_ENG", "English", {"ENG9"}, 5, {}},
                     Teacher{"T_BIO", "Biology", {"BIO"}, 5, {}},
                     Teacher{"T_PE", "PE", {"HEALTH", "PE"}, 5, {}}};
  school.rooms = {Room{"R101", 30, "regular", {}}, Room{"LAB1", 24, "lab", {}},
                  Room{"GYM", 40, "gym", {}}};
  school.sections = {MakeSection("ENG9-1", "ENG9", "T_ENG", "R101", 0, kYear),
                     MakeSection("ENG9-2", "ENG9", "T_ENG", "R101", 1, kYear),
                     MakeSection("BIO-1", "BIO", "T_BIO", "LAB1", 2, kS1),
                     MakeSection("HEALTH-1", "HEALTH", "T_PE", "R101", 4, kS1),
                     MakeSection("PE-1", "PE", "T_PE", "GYM", 4, kS2)};
  Student s1;
  s1.id = "S1";
  s1.grade = 9;
  for (const char* c : {"ENG9", "BIO", "HEALTH", "PE"})
    s1.requests.push_back(Request{c, true, 1, {}});
  Student s2;
  s2.id = "S2";
  s2.grade = 9;
  s2.requests.push_back(Request{"ENG9", true, 1, {}});
  school.students = {s1, s2};
  school.enrollments = {{"S1", "ENG9-1", "ENG9", false},
                        {"S1", "BIO-1", "BIO", false},
                        {"S1", "HEALTH-1", "HEALTH", false},
                        {"S1", "PE-1", "PE", false},
                        {"S2", "ENG9-2", "ENG9", false}};
  return school;
}

// BaseSchool on an A/B day rotation. Slot masks are term * 2 + day: S1 on A = 1, S1 on B = 2,
// S2 on A = 4, S2 on B = 8. HEALTH and PE meet every other day: HEALTH-1 on S1/A, PE-1 on S2/B
// (both period 4, teacher T_PE); every other section meets on both days.
inline constexpr TermMask kS1A = 1, kS1B = 2, kS2A = 4, kS2B = 8;
inline School AbRotationSchool() {
  School school = BaseSchool();
  school.calendar.rotation_days = 2;
  school.courses[2].days_per_rotation = 1;  // HEALTH
  school.courses[3].days_per_rotation = 1;  // PE
  for (Section& s : school.sections) {
    TermMask both_days = 0;
    for (int t = 0; t < 2; ++t)
      if (s.placement.terms & (1u << t)) both_days |= static_cast<TermMask>(3u << (2 * t));
    s.placement.terms = both_days;
  }
  school.sections[3].placement.terms = kS1A;  // HEALTH-1
  school.sections[4].placement.terms = kS2B;  // PE-1
  return school;
}

inline Section& SectionById(School& school, std::string_view id) {
  return *std::find_if(school.sections.begin(), school.sections.end(),
                       [&](const Section& s) { return s.id == id; });
}

inline Student& StudentById(School& school, std::string_view id) {
  return *std::find_if(school.students.begin(), school.students.end(),
                       [&](const Student& s) { return s.id == id; });
}

// The violations of one constraint found in `school`; a failed Evaluate fails the test.
inline std::vector<Violation> ViolationsOf(const School& school, std::string_view constraint) {
  std::vector<Violation> out;
  absl::StatusOr<EvaluationReport> report = Evaluate(school);
  if (!report.ok()) {
    ADD_FAILURE() << "Evaluate failed: " << report.status();
    return out;
  }
  for (const Violation& v : report->violations)
    if (v.constraint == constraint) out.push_back(v);
  return out;
}

}  // namespace secsched::engine::testing
