// What other services read of the requests service: a student (grade, team), the course rules
// naming a course, and a whole calendar's snapshot for the engine, as plain values. Free of gRPC
// and protobuf so domain layers can take a RequestsReader&; the real one asks the requests service
// (grpc_requests_reader.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace secsched::requests {

struct RequestsStudent {
  std::string id;  // {student}
  int grade = 0;
  std::string team_id;  // "" = no team
  bool active = true;
  std::string display_name;  // filled by Snapshot (Student leaves it empty)
  std::string gender;        // "", "F", "M" or "X"; filled by Snapshot
};

// A course request as the requests service stores it. priority: 0 = none, higher is loaded
// first (0..100).
struct RequestsCourseRequest {
  std::string student_id;
  std::string request_id;
  std::string course_id;
  bool alternate = false;
  bool required = false;
  int priority = 0;
  std::string alternate_for;  // an alternate's primary request id; "" = a general alternate
  int alternate_rank = 0;     // alternates: 1 = first choice within its group
};

enum class RequestsConstraintKind { kAvoidTeacher, kKeepPeriodFree };

struct RequestsStudentConstraint {
  std::string student_id;
  RequestsConstraintKind kind = RequestsConstraintKind::kAvoidTeacher;
  std::string teacher_id;  // kAvoidTeacher
  int period = 0;          // kKeepPeriodFree: 1-based
  std::string term_id;     // kKeepPeriodFree: "" = every term
};

enum class RequestsRuleType {
  kSamePeriod,
  kNotSamePeriod,
  kSameTerm,
  kDifferentTerm,
  kPrecedes,
  kLinked
};
enum class RequestsRuleScope { kStudent, kMaster };

struct RequestsCourseRule {
  RequestsRuleType type = RequestsRuleType::kSamePeriod;
  RequestsRuleScope scope = RequestsRuleScope::kStudent;
  std::string course_a;  // course ids
  std::string course_b;
};

// Everything the scheduling engine reads of a calendar's requests, from one moment.
struct RequestsSnapshot {
  std::vector<RequestsStudent> students;  // by student id; inactive ones too
  std::vector<RequestsCourseRequest> requests;
  std::vector<RequestsStudentConstraint> constraints;
  std::vector<RequestsCourseRule> rules;
};

class RequestsReader {
 public:
  virtual ~RequestsReader() = default;
  // NOT_FOUND for an unknown student (or calendar); UNAVAILABLE when it cannot be asked.
  virtual absl::StatusOr<RequestsStudent> Student(std::string_view calendar_id,
                                                  std::string_view student_id) = 0;
  // Every rule naming `course_id` on either side, or every rule of the calendar when `course_id`
  // is "" (all pages). NOT_FOUND for an unknown calendar; UNAVAILABLE when it cannot be asked.
  virtual absl::StatusOr<std::vector<RequestsCourseRule>> CourseRules(
      std::string_view calendar_id, std::string_view course_id) = 0;
  // The calendar's students, requests, constraints and course rules, all of one moment.
  // NOT_FOUND for an unknown calendar; UNAVAILABLE when it cannot be asked.
  virtual absl::StatusOr<RequestsSnapshot> Snapshot(std::string_view calendar_id) = 0;
  // Every student of the calendar (Snapshot's students).
  virtual absl::StatusOr<std::vector<RequestsStudent>> Students(std::string_view calendar_id) {
    absl::StatusOr<RequestsSnapshot> snapshot = Snapshot(calendar_id);
    if (!snapshot.ok()) return snapshot.status();
    return std::move(snapshot->students);
  }
};

}  // namespace secsched::requests
