#include "services/requests/domain/student.h"

#include "common/access/authorize.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"

namespace secsched::requests {
namespace {

absl::Status Validate(const Student& student, std::string_view request_id) {
  FieldValidator v;
  v.Require(api::IsValidId(student.student_number), "student.student_number",
            "is required: 1-63 characters of a-z, 0-9 and -");
  v.Require(!student.display_name.empty() && student.display_name.size() <= 200,
            "student.display_name", "is required (at most 200 characters)");
  v.Require(student.grade >= 6 && student.grade <= 12, "student.grade",
            "must be between 6 and 12");
  v.Require(student.team.empty() || api::IsValidId(student.team), "student.team",
            "must be 1-63 characters of a-z, 0-9 and -");
  v.Require(request_id.size() <= 128, "request_id", "must be at most 128 characters");
  return v.Finish("The student has invalid fields.");
}

}  // namespace

absl::StatusOr<Student> Students::Create(const auth::Caller& caller, const Student& student,
                                         std::string_view request_id) {
  if (absl::Status valid = Validate(student, request_id); !valid.ok()) return valid;
  if (absl::Status allowed = access::AuthorizeCalendarAccess(caller, student.calendar_id,
                                                             access::Mode::kWrite, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  return repository_.Create(student, request_id);
}

absl::StatusOr<Student> Students::Get(const auth::Caller& caller, std::string_view calendar_id,
                                      std::string_view student_number) {
  if (absl::Status allowed = access::AuthorizeCalendarAccess(caller, calendar_id,
                                                             access::Mode::kRead, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  return repository_.Get(calendar_id, student_number);
}

}  // namespace secsched::requests
