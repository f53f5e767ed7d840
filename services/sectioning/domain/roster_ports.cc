#include "services/sectioning/domain/roster_ports.h"

namespace secsched::sectioning {

absl::StatusOr<StudentInfo> StaticStudentDirectory::Student(std::string_view calendar_id,
                                                            std::string_view student_id) {
  auto it = students_.find({std::string(calendar_id), std::string(student_id)});
  if (it == students_.end()) {
    return absl::NotFoundError("Student " + std::string(student_id) + " not found in calendar " +
                               std::string(calendar_id) + ".");
  }
  return it->second;
}

absl::StatusOr<std::vector<StudentCourseRule>> StaticCourseRuleSource::RulesFor(
    std::string_view calendar_id, std::string_view course_id) {
  std::vector<StudentCourseRule> out;
  auto it = rules_.find(calendar_id);
  if (it == rules_.end()) return out;
  for (const StudentCourseRule& rule : it->second) {
    if (rule.course_a == course_id || rule.course_b == course_id) out.push_back(rule);
  }
  return out;
}

absl::StatusOr<StudentInfo> RequestsStudentDirectory::Student(std::string_view calendar_id,
                                                              std::string_view student_id) {
  absl::StatusOr<requests::RequestsStudent> student = reader_.Student(calendar_id, student_id);
  if (!student.ok()) return student.status();
  if (!student->active) {
    return absl::NotFoundError("Student " + std::string(student_id) +
                               " is not active in calendar " + std::string(calendar_id) + ".");
  }
  return StudentInfo{student->id, student->grade, student->team_id};
}

absl::StatusOr<std::vector<StudentCourseRule>> RequestsStudentDirectory::RulesFor(
    std::string_view calendar_id, std::string_view course_id) {
  absl::StatusOr<std::vector<requests::RequestsCourseRule>> rules =
      reader_.CourseRules(calendar_id, course_id);
  if (!rules.ok()) return rules.status();
  std::vector<StudentCourseRule> out;
  for (const requests::RequestsCourseRule& rule : *rules) {
    if (rule.scope != requests::RequestsRuleScope::kStudent) continue;
    CourseRuleKind kind;
    switch (rule.type) {
      case requests::RequestsRuleType::kSamePeriod:
        kind = CourseRuleKind::kSamePeriod;
        break;
      case requests::RequestsRuleType::kNotSamePeriod:
        kind = CourseRuleKind::kNotSamePeriod;
        break;
      case requests::RequestsRuleType::kSameTerm:
        kind = CourseRuleKind::kSameTerm;
        break;
      case requests::RequestsRuleType::kDifferentTerm:
        kind = CourseRuleKind::kDifferentTerm;
        break;
      case requests::RequestsRuleType::kPrecedes:
        kind = CourseRuleKind::kPrecedes;
        break;
      default:
        continue;  // LINKED: the link group is the sections' business
    }
    out.push_back({kind, rule.course_a, rule.course_b});
  }
  return out;
}

absl::StatusOr<std::vector<NotSamePeriodRule>> RequestsMasterRules::MasterNotSamePeriodRules(
    std::string_view calendar_id) {
  absl::StatusOr<std::vector<requests::RequestsCourseRule>> rules =
      reader_.CourseRules(calendar_id, "");
  if (!rules.ok()) return rules.status();
  std::vector<NotSamePeriodRule> out;
  for (const requests::RequestsCourseRule& rule : *rules) {
    if (rule.type == requests::RequestsRuleType::kNotSamePeriod &&
        rule.scope == requests::RequestsRuleScope::kMaster) {
      out.push_back({rule.course_a, rule.course_b});
    }
  }
  return out;
}

absl::StatusOr<std::map<std::string, std::string>> RequestsStudentTeams::StudentTeams(
    std::string_view calendar_id) {
  absl::StatusOr<std::vector<requests::RequestsStudent>> students = reader_.Students(calendar_id);
  if (!students.ok()) return students.status();
  std::map<std::string, std::string> out;
  for (const requests::RequestsStudent& s : *students) {
    if (!s.team_id.empty()) out[s.id] = s.team_id;
  }
  return out;
}

}  // namespace secsched::sectioning
