#include "services/sectioning/domain/school_source.h"

#include <set>

#include "services/sectioning/domain/snapshot_students.h"

namespace secsched::sectioning {

absl::StatusOr<SchoolRead> ServicesSchoolSource::Read(const TrialKey& trial,
                                                      bool keep_enrollments_by_hand) {
  SchoolInputs inputs;
  absl::StatusOr<catalog::CatalogCalendar> calendar = catalog_.Calendar(trial.calendar_id);
  if (!calendar.ok()) return calendar.status();
  inputs.calendar = *std::move(calendar);
  absl::StatusOr<EngineCalendar> engine_calendar = EngineCalendarOf(inputs.calendar);
  if (!engine_calendar.ok()) return engine_calendar.status();

  absl::StatusOr<std::vector<catalog::CatalogCourse>> courses = catalog_.Courses(trial.calendar_id);
  if (!courses.ok()) return courses.status();
  inputs.courses = *std::move(courses);
  absl::StatusOr<std::vector<catalog::CatalogTeacher>> teachers =
      catalog_.Teachers(trial.calendar_id);
  if (!teachers.ok()) return teachers.status();
  inputs.teachers = *std::move(teachers);
  absl::StatusOr<std::vector<catalog::CatalogRoom>> rooms = catalog_.Rooms(trial.calendar_id);
  if (!rooms.ok()) return rooms.status();
  inputs.rooms = *std::move(rooms);

  absl::StatusOr<requests::RequestsSnapshot> snapshot = requests_.Snapshot(trial.calendar_id);
  if (!snapshot.ok()) return snapshot.status();
  std::set<std::string> course_ids, teacher_ids;
  for (const catalog::CatalogCourse& c : inputs.courses) {
    if (c.active) course_ids.insert(c.id);
  }
  for (const catalog::CatalogTeacher& t : inputs.teachers) {
    if (t.active) teacher_ids.insert(t.id);
  }
  EngineStudents students =
      StudentsFromSnapshot(*snapshot, *engine_calendar, course_ids, teacher_ids);
  inputs.students = std::move(students.students);
  inputs.rules = std::move(students.rules);

  absl::StatusOr<TrialSchedule> stored = schedule_.ReadSchedule(trial);
  if (!stored.ok()) return stored.status();
  inputs.sections = stored->sections;
  inputs.enrollments = stored->enrollments;
  inputs.keep_enrollments_by_hand = keep_enrollments_by_hand;

  absl::StatusOr<AssembledSchool> assembled = AssembleSchool(inputs);
  if (!assembled.ok()) return assembled.status();
  return SchoolRead{.assembled = *std::move(assembled),
                    .stored = *std::move(stored),
                    .requests_skipped = students.requests_skipped,
                    .linked_requests_added = students.linked_requests_added};
}

}  // namespace secsched::sectioning
