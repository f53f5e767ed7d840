// Proto ⇄ domain for the requests service, and its resource-name patterns.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "secsched/requests/v1/requests.pb.h"
#include "services/requests/domain/course_request.h"
#include "services/requests/domain/student.h"
#include "services/requests/domain/student_constraint.h"
#include "services/requests/domain/team.h"

namespace secsched::requests {

inline constexpr char kCalendarPattern[] = "calendars/{calendar}";
inline constexpr char kStudentPattern[] = "calendars/{calendar}/students/{student}";
inline constexpr char kTeamPattern[] = "calendars/{calendar}/teams/{team}";
inline constexpr char kCoursePattern[] = "calendars/{calendar}/courses/{course}";
inline constexpr char kTeacherPattern[] = "calendars/{calendar}/teachers/{teacher}";
inline constexpr char kRequestPattern[] =
    "calendars/{calendar}/students/{student}/requests/{request}";
inline constexpr char kConstraintPattern[] =
    "calendars/{calendar}/students/{student}/constraints/{constraint}";

void ToProto(const Student& student, v1::Student* out);
void ToProto(const Team& team, v1::Team* out);
void ToProto(const CourseRequest& request, v1::CourseRequest* out);
void ToProto(const StudentConstraint& constraint, v1::StudentConstraint* out);

// The {id} of a reference field that must name a resource of `calendar_id` with `pattern` (the
// calendar is the first segment). "" stays "" (the caller decides whether it is required).
// INVALID_ARGUMENT on `field` otherwise.
absl::StatusOr<std::string> IdInCalendar(std::string_view name, std::string_view pattern,
                                         std::string_view calendar_id, std::string_view field);

// Mask paths → which fields; an empty mask or "*" = all. INVALID_ARGUMENT on update_mask for an
// unknown path.
absl::StatusOr<StudentFieldMask> StudentMask(const google::protobuf::FieldMask& mask);

}  // namespace secsched::requests
