#include "services/requests/api/proto_convert.h"

#include "common/api/resource_name.h"
#include "common/api/timestamps.h"
#include "common/status/status.h"

namespace secsched::requests {

void ToProto(const Student& student, v1::Student* out) {
  out->set_name(api::FormatName(kStudentPattern, {student.calendar_id, student.student_number}));
  out->set_student_number(student.student_number);
  out->set_display_name(student.display_name);
  out->set_grade(student.grade);
  out->set_team(student.team);
  out->set_gender(student.gender);
  out->set_active(student.active);
  *out->mutable_create_time() = api::ToProtoTime(student.create_time);
  *out->mutable_update_time() = api::ToProtoTime(student.update_time);
}

void ToProto(const Team& team, v1::Team* out) {
  out->set_name(api::FormatName(kTeamPattern, {team.calendar_id, team.team_id}));
  out->set_display_name(team.display_name);
  out->set_student_count(team.student_count);
  *out->mutable_create_time() = api::ToProtoTime(team.create_time);
}

void ToProto(const CourseRequest& r, v1::CourseRequest* out) {
  out->set_name(api::FormatName(kRequestPattern, {r.calendar_id, r.student_number, r.request_id}));
  out->set_course(api::FormatName(kCoursePattern, {r.calendar_id, r.course_id}));
  out->set_kind(r.kind == RequestKind::kPrimary ? v1::PRIMARY : v1::ALTERNATE);
  out->set_required(r.required);
  out->set_priority(r.priority);
  if (!r.alternate_for.empty()) {
    out->set_alternate_for(
        api::FormatName(kRequestPattern, {r.calendar_id, r.student_number, r.alternate_for}));
  }
  out->set_alternate_rank(r.alternate_rank);
  switch (r.source) {
    case RequestSource::kCounselor:
      out->set_source(v1::COUNSELOR);
      break;
    case RequestSource::kPortal:
      out->set_source(v1::PORTAL);
      break;
    case RequestSource::kBatch:
      out->set_source(v1::BATCH);
      break;
    case RequestSource::kImport:
      out->set_source(v1::IMPORT);
      break;
    case RequestSource::kAutoLoad:
      out->set_source(v1::AUTO_LOAD);
      break;
  }
  out->set_entered_by(r.entered_by);
  *out->mutable_entered_at() = api::ToProtoTime(r.entered_at);
}

void ToProto(const StudentConstraint& c, v1::StudentConstraint* out) {
  out->set_name(
      api::FormatName(kConstraintPattern, {c.calendar_id, c.student_number, c.constraint_id}));
  out->set_kind(c.kind == ConstraintKind::kAvoidTeacher ? v1::StudentConstraint::AVOID_TEACHER
                                                        : v1::StudentConstraint::KEEP_PERIOD_FREE);
  if (!c.teacher_id.empty()) {
    out->set_teacher(api::FormatName(kTeacherPattern, {c.calendar_id, c.teacher_id}));
  }
  out->set_period(c.period);
  out->set_term(c.term_id);
  out->set_note(c.note);
  out->set_entered_by(c.entered_by);
  *out->mutable_create_time() = api::ToProtoTime(c.create_time);
}

absl::StatusOr<std::string> IdInCalendar(std::string_view name, std::string_view pattern,
                                         std::string_view calendar_id, std::string_view field) {
  if (name.empty()) return std::string();
  absl::StatusOr<std::vector<std::string>> ids = api::ParseName(name, pattern, field);
  if (!ids.ok()) return ids.status();
  if ((*ids)[0] != calendar_id) {
    return InvalidField(field, "must name a resource of calendar " + std::string(calendar_id));
  }
  return ids->back();
}

absl::StatusOr<StudentFieldMask> StudentMask(const google::protobuf::FieldMask& mask) {
  if (mask.paths().empty()) return StudentFieldMask::All();
  StudentFieldMask fields;
  FieldValidator v;
  for (const std::string& path : mask.paths()) {
    if (path == "*") return StudentFieldMask::All();
    if (path == "display_name")
      fields.display_name = true;
    else if (path == "grade")
      fields.grade = true;
    else if (path == "team")
      fields.team = true;
    else if (path == "gender")
      fields.gender = true;
    else if (path == "active")
      fields.active = true;
    else
      v.Add("update_mask", "unknown or read-only path \"" + path + "\"");
  }
  if (absl::Status s = v.Finish(); !s.ok()) return s;
  return fields;
}

}  // namespace secsched::requests
