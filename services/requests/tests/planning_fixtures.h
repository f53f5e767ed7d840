// Small hand-made schools for the request-planning unit tests.
#pragma once

#include <string>
#include <vector>

#include "common/catalog/catalog_reader.h"
#include "services/requests/domain/planning_model.h"

namespace secsched::requests::planning_testing {

inline catalog::CatalogCourse Course(std::string id, int min_grade = 9, int max_grade = 12) {
  catalog::CatalogCourse c;
  c.id = id;
  for (char& ch : id) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  c.number = id;
  c.min_grade = min_grade;
  c.max_grade = max_grade;
  return c;
}

inline PlanningRequest Primary(std::string student, std::string course, bool required = false) {
  return {.student_number = std::move(student),
          .request_id = "p-" + course,
          .course_id = std::move(course),
          .required = required};
}

inline PlanningRequest Alternate(std::string student, std::string course, int rank = 1) {
  return {.student_number = std::move(student),
          .request_id = "a-" + course,
          .course_id = std::move(course),
          .alternate = true,
          .alternate_rank = rank};
}

inline AutoLoadRule GradeRule(std::string id, int grade, std::string course, bool required) {
  return {.calendar_id = "cal",
          .id = std::move(id),
          .grade = grade,
          .course_id = std::move(course),
          .required = required};
}

}  // namespace secsched::requests::planning_testing
