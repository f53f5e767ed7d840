// Small builders shared by the requests unit tests (no servers).
#pragma once

#include <string>
#include <vector>

#include "services/requests/domain/course_request.h"
#include "services/requests/domain/request_repository.h"

namespace secsched::requests::testing {

inline catalog::CatalogCourse Course(std::string id, std::string number, int min_grade = 9,
                                     int max_grade = 12, bool active = true) {
  catalog::CatalogCourse c;
  c.id = std::move(id);
  c.number = std::move(number);
  c.display_name = c.number;
  c.min_grade = min_grade;
  c.max_grade = max_grade;
  c.active = active;
  return c;
}

// eng-9 (ENG9, grade 9), alg-1 (ALG1, 9-10), bio (BIO, 9-12), art (ART, 9-12),
// band (BAND, 9-12), calc (CALC, 11-12), latin (LATIN, inactive).
inline std::vector<catalog::CatalogCourse> SmallCatalog() {
  return {Course("eng-9", "ENG9", 9, 9),
          Course("alg-1", "ALG1", 9, 10),
          Course("bio", "BIO"),
          Course("art", "ART"),
          Course("band", "BAND"),
          Course("calc", "CALC", 11, 12),
          Course("latin", "LATIN", 9, 12, false)};
}

inline Student MakeStudent(std::string number, int grade, std::string team = "") {
  Student s;
  s.calendar_id = "cal";
  s.student_number = std::move(number);
  s.display_name = "Student " + s.student_number;
  s.grade = grade;
  s.team = std::move(team);
  return s;
}

inline CourseRequest Primary(const std::string& student, std::string id, std::string course) {
  CourseRequest r;
  r.calendar_id = "cal";
  r.student_number = student;
  r.request_id = std::move(id);
  r.course_id = std::move(course);
  return r;
}

inline CourseRequest Alternate(const std::string& student, std::string id, std::string course,
                               std::string alternate_for = "", int rank = 0) {
  CourseRequest r = Primary(student, std::move(id), std::move(course));
  r.kind = RequestKind::kAlternate;
  r.alternate_for = std::move(alternate_for);
  r.alternate_rank = rank;
  return r;
}

}  // namespace secsched::requests::testing
