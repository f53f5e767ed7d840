// The school the engine works on, assembled from what the services hold: the catalog's calendar,
// courses, teachers and rooms; the requests service's students, requests and course rules; and
// the trial's own sections. Pure: the loaders that fetch these values live in storage/ and
// behind the catalog and requests clients; the engine knows no service.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "common/catalog/catalog_reader.h"
#include "services/sectioning/domain/engine_placement.h"
#include "services/sectioning/domain/schedule_model.h"
#include "services/sectioning/engine/model.h"

namespace secsched::sectioning {

// The calendar's terms (in date order) and bell schedule. FAILED_PRECONDITION when it has no
// terms or no periods (nothing can be scheduled in it yet) or more (term, day) slots than the
// engine holds (16).
absl::StatusOr<EngineCalendar> EngineCalendarOf(const catalog::CatalogCalendar& calendar);

struct SchoolInputs {
  catalog::CatalogCalendar calendar;
  std::vector<catalog::CatalogCourse> courses;
  std::vector<catalog::CatalogTeacher> teachers;
  std::vector<catalog::CatalogRoom> rooms;
  std::vector<engine::Student> students;  // from the requests service
  std::vector<engine::CourseRule> rules;
  std::vector<Section> sections;        // the trial's sections (locked ones are kept by the engine)
  std::vector<Enrollment> enrollments;  // the trial's enrollments (for reload and explain)
  // Enrollments added by hand (no request_rank: walk-in, batch, manual) are kept like locked
  // ones, so a reload never undoes a counselor's placement.
  bool keep_enrollments_by_hand = false;
};

struct AssembledSchool {
  engine::School school;
  EngineCalendar calendar;
};

// Inactive courses, teachers and rooms are left out, and so are sections of courses left out and
// enrollments in them or of students the school does not have (inactive ones); a teacher can teach
// a course listed by id or of one of the teacher's departments (CatalogTeacher::CanTeach), expanded
// to course ids.
absl::StatusOr<AssembledSchool> AssembleSchool(const SchoolInputs& inputs);

}  // namespace secsched::sectioning
