// Mass set course values: one filter, one field list, one set of values for every matching
// course — previewed (dry_run) or applied in one transaction and audited.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/catalog/domain/courses.h"

namespace secsched::catalog {

absl::StatusOr<MassSetPlan> PlanMassSet(const std::vector<Course>& courses,
                                        const MassSetRequest& request) {
  MassSetPlan plan;
  // Locks first, over every matching course, so a refusal does not depend on which courses
  // happen to change.
  for (const Course& course : courses) {
    if (!request.filter.Matches(course)) continue;
    ++plan.matched_count;
    if (std::optional<CourseField> locked = FirstLockedField(course, request.fields)) {
      return absl::FailedPreconditionError(
          absl::StrCat("Mass set refused: ", LockedFieldError(course, *locked).message(),
                       " Nothing was changed."));
    }
  }
  for (const Course& course : courses) {
    if (!request.filter.Matches(course)) continue;
    Course changed = course;
    CopyFields(request.values, request.fields, changed.values);
    std::vector<FieldChange> diff =
        DiffFields(course.id, course.values, changed.values, request.fields);
    if (diff.empty()) continue;
    FieldValidator v;
    ValidateCourseValues(changed.values, "", v);
    if (absl::Status s = v.Finish(); !s.ok()) {
      std::vector<FieldViolation> violations = FieldViolationsOf(s);
      const FieldViolation& first = violations.front();
      return absl::FailedPreconditionError(absl::StrCat(
          "Mass set refused: course ", course.values.number, " (", course.id, ") would have ",
          first.field, " that ", first.description, ". Nothing was changed."));
    }
    plan.changes.insert(plan.changes.end(), diff.begin(), diff.end());
    plan.changed.push_back(std::move(changed));
  }
  return plan;
}

absl::StatusOr<MassSetResult> Courses::MassSet(const auth::Caller& caller,
                                               const MassSetRequest& request) {
  MassSetRequest normalized = request;
  NormalizeTags(normalized.values);
  FieldValidator v;
  v.Require(!request.fields.empty(), "update_mask", "must name at least one course field");
  v.Require(std::find(request.fields.begin(), request.fields.end(), CourseField::kNumber) ==
                request.fields.end(),
            "update_mask", "number cannot be mass set (numbers are unique per calendar)");
  v.Require(request.filter.grade == 0 || (request.filter.grade >= 6 && request.filter.grade <= 12),
            "filter.grade", "must be 0 (any) or a grade from 6 to 12");
  std::vector<CourseField> settable;  // number is refused above, not validated
  for (CourseField field : normalized.fields) {
    if (field != CourseField::kNumber) settable.push_back(field);
  }
  ValidateCourseValues(normalized.values, "values.", v, &settable);
  if (absl::Status s = v.Finish("The mass set has invalid fields."); !s.ok()) return s;
  if (absl::Status s = Authorize(caller, request.calendar_id, access::Mode::kWrite); !s.ok()) {
    return s;
  }
  MassSetResult result;
  absl::Status status = repository_.InTransaction([&](CourseTransaction& tx) -> absl::Status {
    result = MassSetResult{};
    absl::StatusOr<std::vector<Course>> courses = tx.LockCourses(request.calendar_id);
    if (!courses.ok()) return courses.status();
    absl::StatusOr<MassSetPlan> plan = PlanMassSet(*courses, normalized);
    if (!plan.ok()) return plan.status();
    result.matched_count = plan->matched_count;
    result.changed_count = static_cast<int>(plan->changed.size());
    result.changes = plan->changes;
    if (request.dry_run || plan->changed.empty()) return absl::OkStatus();
    if (absl::Status s = tx.UpdateCourses(plan->changed); !s.ok()) return s;
    absl::StatusOr<int64_t> audit_id = tx.AppendMassSetAudit({.calendar_id = request.calendar_id,
                                                              .actor = caller.subject,
                                                              .filter = request.filter,
                                                              .fields = request.fields,
                                                              .values = normalized.values,
                                                              .course_count = result.changed_count,
                                                              .diff = plan->changes});
    if (!audit_id.ok()) return audit_id.status();
    result.audit_id = *audit_id;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace secsched::catalog
