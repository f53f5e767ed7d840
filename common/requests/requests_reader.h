// What other services read of the requests service: a student (grade, team) and the course rules
// naming a course, as plain values. Free of gRPC and protobuf so domain layers can take a
// RequestsReader&; the real one asks the requests service (grpc_requests_reader.h).
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
};

}  // namespace secsched::requests
