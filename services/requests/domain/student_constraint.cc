#include "services/requests/domain/student_constraint.h"

#include <algorithm>

#include "common/access/authorize.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"

namespace secsched::requests {

std::string_view ConstraintKindName(ConstraintKind kind) {
  return kind == ConstraintKind::kAvoidTeacher ? "AVOID_TEACHER" : "KEEP_PERIOD_FREE";
}

absl::Status ValidateConstraint(const StudentConstraint& c) {
  FieldValidator v;
  const std::string p = "student_constraint.";
  v.Require(c.constraint_id.empty() || api::IsValidId(c.constraint_id), "constraint_id",
            "must be 1-63 characters of a-z, 0-9 and -");
  if (c.kind == ConstraintKind::kAvoidTeacher) {
    v.Require(api::IsValidId(c.teacher_id), p + "teacher",
              "is required for AVOID_TEACHER: calendars/{calendar}/teachers/{teacher}");
    v.Require(c.period == 0, p + "period", "is for KEEP_PERIOD_FREE only");
    v.Require(c.term_id.empty(), p + "term", "is for KEEP_PERIOD_FREE only");
  } else {
    v.Require(c.teacher_id.empty(), p + "teacher", "is for AVOID_TEACHER only");
    v.Require(c.period >= 1 && c.period <= kMaxPeriod, p + "period",
              "must be between 1 and " + std::to_string(kMaxPeriod));
    v.Require(c.term_id.empty() || api::IsValidId(c.term_id), p + "term", "must be a term id");
  }
  v.Require(c.note.size() <= 500, p + "note", "must be at most 500 characters");
  return v.Finish("The student constraint has invalid fields.");
}

absl::StatusOr<StudentConstraint> StudentConstraints::Create(const auth::Caller& caller,
                                                             StudentConstraint constraint) {
  if (absl::Status valid = ValidateConstraint(constraint); !valid.ok()) return valid;
  if (absl::Status allowed = access::AuthorizeCalendarAccess(
          caller, constraint.calendar_id, access::Mode::kWrite, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  if (constraint.kind == ConstraintKind::kAvoidTeacher) {
    absl::StatusOr<std::vector<catalog::CatalogTeacher>> teachers =
        catalog_.Teachers(constraint.calendar_id);
    if (!teachers.ok()) return teachers.status();
    bool known = std::any_of(teachers->begin(), teachers->end(),
                             [&](const auto& t) { return t.id == constraint.teacher_id; });
    if (!known) {
      return absl::FailedPreconditionError("Teacher " + constraint.teacher_id +
                                           " does not exist in the calendar's catalog.");
    }
  }
  if (constraint.constraint_id.empty()) constraint.constraint_id = api::NewId("con-");
  constraint.entered_by = caller.subject;
  return repository_.Create(constraint);
}

absl::StatusOr<api::Page<StudentConstraint>> StudentConstraints::List(
    const auth::Caller& caller, std::string_view calendar_id, std::string_view student_number,
    std::string_view after, int page_size) {
  if (absl::Status allowed = access::AuthorizeCalendarAccess(
          caller, calendar_id, access::Mode::kRead, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  return repository_.List(calendar_id, student_number, after, page_size);
}

absl::Status StudentConstraints::Delete(const auth::Caller& caller, std::string_view calendar_id,
                                        std::string_view student_number,
                                        std::string_view constraint_id) {
  if (absl::Status allowed = access::AuthorizeCalendarAccess(
          caller, calendar_id, access::Mode::kWrite, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  return repository_.Delete(calendar_id, student_number, constraint_id);
}

}  // namespace secsched::requests
