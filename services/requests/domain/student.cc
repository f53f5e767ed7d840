#include "services/requests/domain/student.h"

#include "common/access/authorize.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"

namespace secsched::requests {

void ValidateStudentFields(const Student& student, const StudentFieldMask& fields,
                           std::string_view prefix, FieldValidator& v) {
  const std::string p(prefix);
  if (fields.display_name) {
    v.Require(!student.display_name.empty() && student.display_name.size() <= 200,
              p + "display_name", "is required (at most 200 characters)");
  }
  if (fields.grade) {
    v.Require(student.grade >= 6 && student.grade <= 12, p + "grade", "must be between 6 and 12");
  }
  if (fields.team) {
    v.Require(student.team.empty() || api::IsValidId(student.team), p + "team",
              "must be a team id: 1-63 characters of a-z, 0-9 and -");
  }
  if (fields.gender) {
    v.Require(student.gender.empty() || student.gender == "F" || student.gender == "M" ||
                  student.gender == "X",
              p + "gender", "must be empty, F, M or X");
  }
}

namespace {

absl::Status ValidateNew(const Student& student, std::string_view request_id) {
  FieldValidator v;
  v.Require(api::IsValidId(student.student_number), "student.student_number",
            "is required: 1-63 characters of a-z, 0-9 and -");
  ValidateStudentFields(student, StudentFieldMask::All(), "student.", v);
  v.Require(request_id.size() <= 128, "request_id", "must be at most 128 characters");
  return v.Finish("The student has invalid fields.");
}

}  // namespace

absl::Status Students::Authorize(const auth::Caller& caller, std::string_view calendar_id,
                                 bool write) {
  return access::AuthorizeCalendarAccess(
      caller, calendar_id, write ? access::Mode::kWrite : access::Mode::kRead, schools_, access_);
}

absl::StatusOr<Student> Students::Create(const auth::Caller& caller, const Student& student,
                                         std::string_view request_id) {
  if (absl::Status valid = ValidateNew(student, request_id); !valid.ok()) return valid;
  if (absl::Status allowed = Authorize(caller, student.calendar_id, true); !allowed.ok()) {
    return allowed;
  }
  return repository_.Create(student, request_id);
}

absl::StatusOr<Student> Students::Get(const auth::Caller& caller, std::string_view calendar_id,
                                      std::string_view student_number) {
  if (absl::Status allowed = Authorize(caller, calendar_id, false); !allowed.ok()) return allowed;
  return repository_.Get(calendar_id, student_number);
}

absl::StatusOr<api::Page<Student>> Students::List(const auth::Caller& caller,
                                                  std::string_view calendar_id,
                                                  const StudentFilter& filter,
                                                  std::string_view after, int page_size) {
  FieldValidator v;
  if (filter.grade) v.Require(*filter.grade >= 6 && *filter.grade <= 12, "grade", "must be 6..12");
  if (filter.team) v.Require(api::IsValidId(*filter.team), "team", "must be a team id");
  if (absl::Status valid = v.Finish(); !valid.ok()) return valid;
  if (absl::Status allowed = Authorize(caller, calendar_id, false); !allowed.ok()) return allowed;
  return repository_.List(calendar_id, filter, after, page_size);
}

absl::StatusOr<Student> Students::Update(const auth::Caller& caller, const Student& student,
                                         const StudentFieldMask& fields) {
  FieldValidator v;
  ValidateStudentFields(student, fields, "student.", v);
  if (absl::Status valid = v.Finish("The student has invalid fields."); !valid.ok()) return valid;
  if (absl::Status allowed = Authorize(caller, student.calendar_id, true); !allowed.ok()) {
    return allowed;
  }
  return repository_.Update(student, fields);
}

absl::Status Students::Delete(const auth::Caller& caller, std::string_view calendar_id,
                              std::string_view student_number) {
  if (absl::Status allowed = Authorize(caller, calendar_id, true); !allowed.ok()) return allowed;
  return repository_.Delete(calendar_id, student_number);
}

}  // namespace secsched::requests
