// Request planning: domain values ⇄ planning.proto messages, and resource names.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "secsched/requests/v1/planning.pb.h"
#include "services/requests/domain/request_planning.h"

namespace secsched::requests::planning_api {

inline constexpr char kCalendarPattern[] = "calendars/{calendar}";
inline constexpr char kCoursePattern[] = "calendars/{calendar}/courses/{course}";
inline constexpr char kStudentPattern[] = "calendars/{calendar}/students/{student}";
inline constexpr char kCourseRulePattern[] = "calendars/{calendar}/courseRules/{rule}";
inline constexpr char kAutoLoadRulePattern[] = "calendars/{calendar}/autoLoadRules/{rule}";
inline constexpr char kCreditRangesPattern[] = "calendars/{calendar}/creditRanges";

// The {course} of a course name that must belong to `calendar_id`; INVALID_ARGUMENT on `field`.
absl::StatusOr<std::string> ParseCourse(std::string_view name, std::string_view calendar_id,
                                        std::string_view field);
std::string CourseName(std::string_view calendar_id, std::string_view course_id);
std::string StudentName(std::string_view calendar_id, std::string_view student_number);

// INVALID_ARGUMENT on "course_rule.type" for TYPE_UNSPECIFIED or an unknown value.
absl::StatusOr<CourseRuleType> FromProto(v1::CourseRule::Type type);
v1::CourseRule::Type ToProto(CourseRuleType type);
// Unset is STUDENT; an unknown number is INVALID_ARGUMENT naming course_rule.scope.
absl::StatusOr<CourseRuleScope> FromProto(v1::CourseRule::Scope scope);
v1::CourseRule::Scope ToProto(CourseRuleScope scope);
v1::VerificationFinding::Check ToProto(CheckKind check);

void ToProto(const CourseRule& rule, v1::CourseRule* out);
void ToProto(const AutoLoadRule& rule, v1::AutoLoadRule* out);
void ToProto(std::string_view calendar_id, const AutoLoadPlan& plan, v1::RunAutoLoadResponse* out);
void ToProto(std::string_view calendar_id, const TallyRow& row, v1::CourseTallyRow* out);
void ToProto(std::string_view calendar_id, const ConflictMatrix& matrix,
             const CoursePairCount& pair, v1::CoursePair* out);

}  // namespace secsched::requests::planning_api
