// What walk-in scheduling needs to know of students and course rules, which belong to the
// requests service: two ports, answered over gRPC in the binary (common/requests/) and from
// memory in tests (the Static* classes here).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/requests/requests_reader.h"
#include "services/sectioning/domain/section.h"

namespace secsched::sectioning {

struct StudentInfo {
  std::string student_id;
  int grade = 0;
  std::string team_id;  // "" = no team
};

class StudentDirectory {
 public:
  virtual ~StudentDirectory() = default;
  // NOT_FOUND when the calendar has no such student; UNAVAILABLE when it cannot be asked.
  virtual absl::StatusOr<StudentInfo> Student(std::string_view calendar_id,
                                              std::string_view student_id) = 0;
};

// The rule kinds a student's schedule must keep (docs/formats/course-rules.md). LINKED and the
// master-schedule scope are not the student's business and are not returned.
enum class CourseRuleKind { kSamePeriod, kNotSamePeriod, kSameTerm, kDifferentTerm, kPrecedes };

struct StudentCourseRule {
  CourseRuleKind kind = CourseRuleKind::kSamePeriod;
  std::string course_a;  // course ids; PRECEDES: a's terms all come before b's
  std::string course_b;
};

class CourseRuleSource {
 public:
  virtual ~CourseRuleSource() = default;
  // Every student-scope rule naming `course_id` on either side. UNAVAILABLE when it cannot be
  // asked.
  virtual absl::StatusOr<std::vector<StudentCourseRule>> RulesFor(std::string_view calendar_id,
                                                                  std::string_view course_id) = 0;
};

// In memory: tests and tools.
class StaticStudentDirectory final : public StudentDirectory {
 public:
  void Set(std::string calendar_id, StudentInfo student) {
    std::string id = student.student_id;
    students_[{std::move(calendar_id), std::move(id)}] = std::move(student);
  }
  absl::StatusOr<StudentInfo> Student(std::string_view calendar_id,
                                      std::string_view student_id) override;

 private:
  std::map<std::pair<std::string, std::string>, StudentInfo> students_;
};

class StaticCourseRuleSource final : public CourseRuleSource {
 public:
  void Add(std::string calendar_id, StudentCourseRule rule) {
    rules_[std::move(calendar_id)].push_back(std::move(rule));
  }
  absl::StatusOr<std::vector<StudentCourseRule>> RulesFor(std::string_view calendar_id,
                                                          std::string_view course_id) override;

 private:
  std::map<std::string, std::vector<StudentCourseRule>, std::less<>> rules_;
};

// Both ports answered by the requests service (a requests::RequestsReader: gRPC in the binary).
// Inactive students are NOT_FOUND for walk-ins; LINKED rules and MASTER-scope rules are left out.
class RequestsStudentDirectory final : public StudentDirectory, public CourseRuleSource {
 public:
  explicit RequestsStudentDirectory(requests::RequestsReader& reader) : reader_(reader) {}
  absl::StatusOr<StudentInfo> Student(std::string_view calendar_id,
                                      std::string_view student_id) override;
  absl::StatusOr<std::vector<StudentCourseRule>> RulesFor(std::string_view calendar_id,
                                                          std::string_view course_id) override;

 private:
  requests::RequestsReader& reader_;
};

// The sections' MASTER-scope NOT_SAME_PERIOD rules, from the same requests-service reader.
class RequestsMasterRules final : public CourseRuleReader {
 public:
  explicit RequestsMasterRules(requests::RequestsReader& reader) : reader_(reader) {}
  absl::StatusOr<std::vector<NotSamePeriodRule>> MasterNotSamePeriodRules(
      std::string_view calendar_id) override;

 private:
  requests::RequestsReader& reader_;
};

// Students' teams from the same requests-service reader (every student of the calendar, read
// when a trial has a team section).
class RequestsStudentTeams final : public StudentTeamReader {
 public:
  explicit RequestsStudentTeams(requests::RequestsReader& reader) : reader_(reader) {}
  absl::StatusOr<std::map<std::string, std::string>> StudentTeams(
      std::string_view calendar_id) override;

 private:
  requests::RequestsReader& reader_;
};

}  // namespace secsched::sectioning
