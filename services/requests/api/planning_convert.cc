#include "services/requests/api/planning_convert.h"

#include "common/api/resource_name.h"
#include "common/api/timestamps.h"
#include "common/status/status.h"

namespace secsched::requests::planning_api {

absl::StatusOr<std::string> ParseCourse(std::string_view name, std::string_view calendar_id,
                                        std::string_view field) {
  absl::StatusOr<std::vector<std::string>> ids = api::ParseName(name, kCoursePattern, field);
  if (!ids.ok()) return ids.status();
  if ((*ids)[0] != calendar_id) {
    return InvalidField(field, "must be a course of calendars/" + std::string(calendar_id));
  }
  return (*ids)[1];
}

std::string CourseName(std::string_view calendar_id, std::string_view course_id) {
  return api::FormatName(kCoursePattern, {std::string(calendar_id), std::string(course_id)});
}

std::string StudentName(std::string_view calendar_id, std::string_view student_number) {
  return api::FormatName(kStudentPattern, {std::string(calendar_id), std::string(student_number)});
}

absl::StatusOr<CourseRuleType> FromProto(v1::CourseRule::Type type) {
  switch (type) {
    case v1::CourseRule::SAME_PERIOD:
      return CourseRuleType::kSamePeriod;
    case v1::CourseRule::NOT_SAME_PERIOD:
      return CourseRuleType::kNotSamePeriod;
    case v1::CourseRule::SAME_TERM:
      return CourseRuleType::kSameTerm;
    case v1::CourseRule::DIFFERENT_TERM:
      return CourseRuleType::kDifferentTerm;
    case v1::CourseRule::PRECEDES:
      return CourseRuleType::kPrecedes;
    case v1::CourseRule::LINKED:
      return CourseRuleType::kLinked;
    default:
      return InvalidField("course_rule.type",
                          "must be SAME_PERIOD, NOT_SAME_PERIOD, SAME_TERM, DIFFERENT_TERM, "
                          "PRECEDES or LINKED");
  }
}

absl::StatusOr<CourseRuleScope> FromProto(v1::CourseRule::Scope scope) {
  switch (scope) {
    case v1::CourseRule::SCOPE_UNSPECIFIED:
    case v1::CourseRule::STUDENT:
      return CourseRuleScope::kStudent;
    case v1::CourseRule::MASTER:
      return CourseRuleScope::kMaster;
    default:
      return InvalidField("course_rule.scope", "must be STUDENT or MASTER");
  }
}

v1::CourseRule::Scope ToProto(CourseRuleScope scope) {
  return scope == CourseRuleScope::kMaster ? v1::CourseRule::MASTER : v1::CourseRule::STUDENT;
}

v1::CourseRule::Type ToProto(CourseRuleType type) {
  switch (type) {
    case CourseRuleType::kSamePeriod:
      return v1::CourseRule::SAME_PERIOD;
    case CourseRuleType::kNotSamePeriod:
      return v1::CourseRule::NOT_SAME_PERIOD;
    case CourseRuleType::kSameTerm:
      return v1::CourseRule::SAME_TERM;
    case CourseRuleType::kDifferentTerm:
      return v1::CourseRule::DIFFERENT_TERM;
    case CourseRuleType::kPrecedes:
      return v1::CourseRule::PRECEDES;
    case CourseRuleType::kLinked:
      return v1::CourseRule::LINKED;
  }
  return v1::CourseRule::TYPE_UNSPECIFIED;
}

v1::VerificationFinding::Check ToProto(CheckKind check) {
  switch (check) {
    case CheckKind::kMissingRequiredCourse:
      return v1::VerificationFinding::MISSING_REQUIRED_COURSE;
    case CheckKind::kCreditsOutOfRange:
      return v1::VerificationFinding::CREDITS_OUT_OF_RANGE;
    case CheckKind::kInactiveOrUnofferedCourse:
      return v1::VerificationFinding::INACTIVE_OR_UNOFFERED_COURSE;
    case CheckKind::kDuplicateRequest:
      return v1::VerificationFinding::DUPLICATE_REQUEST;
    case CheckKind::kAlternateDuplicatesPrimary:
      return v1::VerificationFinding::ALTERNATE_DUPLICATES_PRIMARY;
    case CheckKind::kNoRequests:
      return v1::VerificationFinding::NO_REQUESTS;
  }
  return v1::VerificationFinding::CHECK_UNSPECIFIED;
}

void ToProto(const CourseRule& rule, v1::CourseRule* out) {
  out->set_name(api::FormatName(kCourseRulePattern, {rule.calendar_id, rule.id}));
  out->set_type(ToProto(rule.type));
  out->set_scope(ToProto(rule.scope));
  out->set_course_a(CourseName(rule.calendar_id, rule.course_a));
  out->set_course_b(CourseName(rule.calendar_id, rule.course_b));
  out->set_creator(rule.creator);
  *out->mutable_create_time() = api::ToProtoTime(rule.create_time);
}

void ToProto(const AutoLoadRule& rule, v1::AutoLoadRule* out) {
  out->set_name(api::FormatName(kAutoLoadRulePattern, {rule.calendar_id, rule.id}));
  out->set_grade(rule.grade);
  out->set_team(rule.team);
  out->set_course(CourseName(rule.calendar_id, rule.course_id));
  out->set_required(rule.required);
  out->set_priority(rule.priority);
  *out->mutable_create_time() = api::ToProtoTime(rule.create_time);
  *out->mutable_update_time() = api::ToProtoTime(rule.update_time);
}

void ToProto(std::string_view calendar_id, const AutoLoadPlan& plan, v1::RunAutoLoadResponse* out) {
  const std::string calendar(calendar_id);
  out->set_requests_created(plan.request_count());
  for (const StudentAutoLoadPlan& student : plan.students) {
    v1::StudentAutoLoad* s = out->add_students();
    s->set_student(StudentName(calendar_id, student.student_number));
    for (const PlannedRequest& r : student.requests) {
      v1::AutoLoadRequestPlan* p = s->add_requests();
      p->set_course(CourseName(calendar_id, r.course_id));
      p->set_required(r.required);
      p->set_priority(r.priority);
      for (const std::string& id : r.rule_ids) {
        p->add_auto_load_rules(api::FormatName(kAutoLoadRulePattern, {calendar, id}));
      }
    }
  }
  for (const AutoLoadSkip& skip : plan.skipped) {
    v1::AutoLoadSkip* s = out->add_skipped();
    s->set_student(StudentName(calendar_id, skip.student_number));
    s->set_course(CourseName(calendar_id, skip.course_id));
    s->set_auto_load_rule(api::FormatName(kAutoLoadRulePattern, {calendar, skip.rule_id}));
    s->set_reason(skip.reason);
  }
}

void ToProto(std::string_view calendar_id, const TallyRow& row, v1::CourseTallyRow* out) {
  out->set_course(CourseName(calendar_id, row.course_id));
  out->set_course_number(row.course_number);
  out->set_active(row.active);
  for (const auto& [grade, count] : row.primaries_by_grade) {
    v1::GradeCount* g = out->add_primaries_by_grade();
    g->set_grade(grade);
    g->set_count(count);
  }
  out->set_primaries(row.primaries);
  out->set_alternates(row.alternates);
  out->set_required(row.required);
  out->set_total(row.total);
  out->set_max_students(row.max_students);
  out->set_sections_to_build(row.sections_to_build);
  out->set_sections_needed(row.sections_needed);
  out->set_qualified_teachers(row.qualified_teachers);
  out->set_qualified_teacher_sections(row.qualified_teacher_sections);
  out->set_shared_teacher_sections(row.shared_teacher_sections);
  out->set_teacher_shortfall(row.teacher_shortfall);
}

void ToProto(std::string_view calendar_id, const ConflictMatrix& matrix,
             const CoursePairCount& pair, v1::CoursePair* out) {
  const MatrixCourse& a = matrix.courses[pair.a];
  const MatrixCourse& b = matrix.courses[pair.b];
  out->set_course_a(CourseName(calendar_id, a.course_id));
  out->set_course_b(CourseName(calendar_id, b.course_id));
  out->set_students(pair.students);
  out->set_course_a_sections(a.sections);
  out->set_course_b_sections(b.sections);
  out->set_singleton_pair(matrix.SingletonPair(pair));
  out->set_doubleton_pair(matrix.DoubletonPair(pair));
}

}  // namespace secsched::requests::planning_api
