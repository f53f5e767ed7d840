// Courses: the district's course masters and each calendar's courses, as plain values, with the
// rules shared by both — field names (for update masks and locks), validation with field
// violations, copying selected fields, and the field-by-field diff that pushes, mass sets and
// imports report.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/catalog/catalog_reader.h"
#include "common/status/status.h"

namespace secsched::catalog {

// The values a course has, whether a master or a school's course. Defaults are what a Create
// without them means (and what CSV cells left empty mean).
struct CourseValues {
  std::string number;  // [A-Za-z0-9][A-Za-z0-9-]{0,19}, unique per calendar
  std::string display_name;
  std::string department;
  double credits = 1.0;  // 0..10 in steps of 0.25
  int min_grade = 9;     // 6..12
  int max_grade = 12;    // 6..12, >= min_grade
  TermLength term_length = TermLength::kYear;
  int periods_per_meeting = 1;  // 1..2
  int sections_to_build = 0;    // 0..500; 0 = derive from requests
  int max_students = 30;        // 1..200
  int load_priority = 5;        // 1 (loaded first) .. 10
  std::string room_type = "regular";
  bool required = false;
  bool active = true;
  std::vector<std::string> tags;  // sorted, unique

  bool operator==(const CourseValues&) const = default;
};

// The course fields by name: update masks, locked fields, CSV columns and diffs all use these
// names (they are the proto field names of secsched.catalog.v1.Course).
enum class CourseField {
  kNumber,
  kDisplayName,
  kDepartment,
  kCredits,
  kMinGrade,
  kMaxGrade,
  kTermLength,
  kPeriodsPerMeeting,
  kSectionsToBuild,
  kMaxStudents,
  kLoadPriority,
  kRoomType,
  kRequired,
  kActive,
  kTags,
};

// Every field, in the order above (the CSV column order).
const std::vector<CourseField>& AllCourseFields();
std::string_view FieldName(CourseField field);
std::optional<CourseField> ParseFieldName(std::string_view name);

// Field paths → fields. INVALID_ARGUMENT on `violation_field` naming an unknown path, or when
// `paths` is empty and `allow_empty` is false. Duplicates are collapsed; order follows
// AllCourseFields().
absl::StatusOr<std::vector<CourseField>> ParseFieldList(const std::vector<std::string>& paths,
                                                        std::string_view violation_field,
                                                        bool allow_empty = false);
std::vector<std::string> FieldNames(const std::vector<CourseField>& fields);

// One field's value as text: numbers without trailing zeros ("0.5", "3"), booleans
// "true"/"false", term length "YEAR", tags joined with ";". Used by diffs and CSV export.
std::string FieldText(const CourseValues& values, CourseField field);
std::string_view TermLengthName(TermLength length);                // "YEAR", "SEMESTER", "QUARTER"
std::optional<TermLength> ParseTermLength(std::string_view text);  // case-insensitive

// Copies `fields` from `from` into `to`.
void CopyFields(const CourseValues& from, const std::vector<CourseField>& fields, CourseValues& to);

// Adds a violation per bad field, each named `prefix` + field name ("course.credits"). Checks
// only `fields` when given (an update mask), else every field; the grade range is checked
// whenever either grade is checked.
void ValidateCourseValues(const CourseValues& values, std::string_view prefix, FieldValidator& v,
                          const std::vector<CourseField>* fields = nullptr);
// Sorts and de-duplicates tags (so equal sets compare equal).
void NormalizeTags(CourseValues& values);

bool IsValidCourseNumber(std::string_view number);
// The id a new course or master gets when none is given: its number, lower-cased.
std::string DefaultIdForNumber(std::string_view number);

// One field of one course that an operation changes (or would change, in a dry run).
struct FieldChange {
  std::string course;  // course id (or master id for masters)
  std::string field;   // FieldName
  std::string old_value;
  std::string new_value;
  bool operator==(const FieldChange&) const = default;
};

// The changes between `before` and `after` over `fields`, for the course `course_id`.
std::vector<FieldChange> DiffFields(std::string_view course_id, const CourseValues& before,
                                    const CourseValues& after,
                                    const std::vector<CourseField>& fields);

// A district course master: "courseMasters/{master}".
struct CourseMaster {
  std::string id;
  CourseValues values;
  std::vector<CourseField> locked_fields;
  std::string creator;
  std::chrono::system_clock::time_point create_time;
  std::chrono::system_clock::time_point update_time;
};

// A calendar's course: "calendars/{calendar}/courses/{course}".
struct Course {
  std::string calendar_id;
  std::string id;
  CourseValues values;
  std::string master_id;                   // "" for a school's own course
  std::vector<CourseField> locked_fields;  // from the master at the last create or push
  std::chrono::system_clock::time_point create_time;
  std::chrono::system_clock::time_point update_time;
};

// The first of `fields` that `course` has locked, if any.
std::optional<CourseField> FirstLockedField(const Course& course,
                                            const std::vector<CourseField>& fields);
// FAILED_PRECONDITION "Course <number> (<id>): field <name> is locked by the district course
// master <master>." — the one wording for every lock refusal.
absl::Status LockedFieldError(const Course& course, CourseField field);

// The plain view other services read (common/catalog/catalog_reader.h).
CatalogCourse ToCatalogCourse(const Course& course);

}  // namespace secsched::catalog
