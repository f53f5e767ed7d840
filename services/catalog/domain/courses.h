// A calendar's courses: create (optionally from a district master), read, list, update with a
// field list, delete, mass set, CSV import and export. Every method authorizes on the calendar's
// school (AuthorizeSchoolAccess with the school_id read through CalendarRepository): writes need
// write access there, reads read access.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/authorize.h"
#include "common/auth/caller.h"
#include "services/catalog/domain/calendar.h"
#include "services/catalog/domain/course.h"
#include "services/catalog/domain/course_repository.h"

namespace secsched::catalog {

struct NewCourse {
  std::string calendar_id;
  std::string course_id;   // optional; default: the number lower-cased (or a fresh id if taken)
  CourseValues values;     // ignored when master_id is set
  std::string master_id;   // optional: copy values and locked fields from this master
  std::string request_id;  // optional idempotency key
};

struct MassSetRequest {
  std::string calendar_id;
  CourseFilter filter;
  std::vector<CourseField> fields;  // the update mask; must not contain kNumber
  CourseValues values;              // only `fields` are read
  bool dry_run = false;
};

struct MassSetResult {
  int matched_count = 0;
  int changed_count = 0;  // courses with at least one change
  std::vector<FieldChange> changes;
  int64_t audit_id = 0;  // 0 for a dry run or when nothing changed
};

enum class ImportAction { kCreated, kUpdated, kUnchanged };

struct ImportedRow {
  int line = 0;
  std::string number;
  std::string course_id;
  ImportAction action = ImportAction::kUnchanged;
};

struct ImportResult {
  std::vector<ImportedRow> rows;
  std::vector<FieldChange> changes;  // for updated courses
  int created_count = 0;
  int updated_count = 0;
  int unchanged_count = 0;
};

// The pure part of a mass set: which of `courses` match, the refusal when a matching course has
// a field of the mask locked (FAILED_PRECONDITION naming the course and field — for the whole
// batch), the new values of the changed courses (FAILED_PRECONDITION when a result would be
// invalid, e.g. min_grade above max_grade) and the diff.
struct MassSetPlan {
  int matched_count = 0;
  std::vector<Course> changed;  // courses with their new values
  std::vector<FieldChange> changes;
};
absl::StatusOr<MassSetPlan> PlanMassSet(const std::vector<Course>& courses,
                                        const MassSetRequest& request);

class Courses {
 public:
  Courses(CourseRepository& repository, CalendarRepository& calendars,
          access::AccessChecker& access)
      : repository_(repository), calendars_(calendars), access_(access) {}

  // INVALID_ARGUMENT (field violations "course.<field>"); NOT_FOUND (calendar, master);
  // ALREADY_EXISTS (number or id taken in the calendar); PERMISSION_DENIED.
  absl::StatusOr<Course> Create(const auth::Caller& caller, const NewCourse& request);
  absl::StatusOr<Course> Get(const auth::Caller& caller, std::string_view calendar_id,
                             std::string_view course_id);
  absl::StatusOr<api::Page<Course>> List(const auth::Caller& caller, std::string_view calendar_id,
                                         const CourseFilter& filter, const api::PageRequest& page);
  // Sets `fields` of the course from `values`. FAILED_PRECONDITION naming the field when the
  // course has it locked; INVALID_ARGUMENT for bad values or an empty field list.
  absl::StatusOr<Course> Update(const auth::Caller& caller, std::string_view calendar_id,
                                std::string_view course_id, const CourseValues& values,
                                const std::vector<CourseField>& fields);
  absl::Status Delete(const auth::Caller& caller, std::string_view calendar_id,
                      std::string_view course_id);

  // One transaction; an applied (non-dry-run) mass set that changes something is audited.
  absl::StatusOr<MassSetResult> MassSet(const auth::Caller& caller, const MassSetRequest& request);

  // Upserts by number (columns: docs/formats/courses-csv.md). Any bad row → INVALID_ARGUMENT
  // with violations "rows[<line>].<column>" and nothing written.
  absl::StatusOr<ImportResult> Import(const auth::Caller& caller, std::string_view calendar_id,
                                      std::string_view csv_text, bool dry_run);
  absl::StatusOr<std::string> Export(const auth::Caller& caller, std::string_view calendar_id,
                                     bool active_only);

 private:
  // NOT_FOUND for an unknown calendar, then the school access rule.
  absl::Status Authorize(const auth::Caller& caller, std::string_view calendar_id,
                         access::Mode mode);

  CourseRepository& repository_;
  CalendarRepository& calendars_;
  access::AccessChecker& access_;
};

// The id for a new course in a calendar: `wanted` when free, else a fresh "course-…" id.
absl::StatusOr<std::string> ChooseCourseId(CourseTransaction& tx, std::string_view calendar_id,
                                           std::string_view wanted);

}  // namespace secsched::catalog
