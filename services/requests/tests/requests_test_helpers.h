// Shortcuts for the requests integration tests: a small catalog, and RPC calls as the scheduler
// service account that return the grpc::Status (tests assert on it).
#pragma once

#include <string>
#include <vector>

#include "services/requests/tests/requests_env.h"
#include "services/requests/tests/unit_helpers.h"

namespace secsched::requests::testing {

inline std::string CalendarName(const std::string& calendar = RequestsEnv::kCalendar) {
  return "calendars/" + calendar;
}
inline std::string StudentName(const std::string& number,
                               const std::string& calendar = RequestsEnv::kCalendar) {
  return CalendarName(calendar) + "/students/" + number;
}
inline std::string CourseName(const std::string& id,
                              const std::string& calendar = RequestsEnv::kCalendar) {
  return CalendarName(calendar) + "/courses/" + id;
}

// The small catalog of unit_helpers.h in both calendars, and two teachers.
inline void UseSmallCatalog(RequestsEnv& env) {
  for (const char* calendar : {RequestsEnv::kCalendar, RequestsEnv::kOtherCalendar}) {
    env.catalog().SetCourses(calendar, SmallCatalog());
    catalog::CatalogTeacher t;
    t.id = "t-lopez";
    t.display_name = "Ms Lopez";
    env.catalog().SetTeachers(calendar, {t});
  }
}

inline grpc::Status AddTeam(RequestsEnv& env, const std::string& id,
                            const std::string& calendar = RequestsEnv::kCalendar) {
  v1::CreateTeamRequest request;
  request.set_parent(CalendarName(calendar));
  request.set_team_id(id);
  request.mutable_team()->set_display_name("Team " + id);
  v1::Team team;
  return env.stub().CreateTeam(RequestsEnv::Scheduler().get(), request, &team);
}

inline grpc::Status AddStudent(RequestsEnv& env, const std::string& number, int grade,
                               const std::string& team = "",
                               const std::string& calendar = RequestsEnv::kCalendar) {
  v1::CreateStudentRequest request;
  request.set_parent(CalendarName(calendar));
  request.mutable_student()->set_student_number(number);
  request.mutable_student()->set_display_name("Student " + number);
  request.mutable_student()->set_grade(grade);
  request.mutable_student()->set_team(team);
  v1::Student student;
  return env.stub().CreateStudent(RequestsEnv::Scheduler().get(), request, &student);
}

// Creates a request for `number`; `out` receives it.
inline grpc::Status AddRequest(RequestsEnv& env, const std::string& number,
                               const std::string& course, v1::CourseRequest* out,
                               v1::RequestKind kind = v1::PRIMARY,
                               const std::string& alternate_for = "", int rank = 0) {
  v1::CreateCourseRequestRequest request;
  request.set_parent(StudentName(number));
  request.mutable_course_request()->set_course(CourseName(course));
  request.mutable_course_request()->set_kind(kind);
  request.mutable_course_request()->set_alternate_for(alternate_for);
  request.mutable_course_request()->set_alternate_rank(rank);
  return env.stub().CreateCourseRequest(RequestsEnv::Scheduler().get(), request, out);
}

inline std::vector<v1::CourseRequest> RequestsOf(
    RequestsEnv& env, const std::string& number,
    const std::string& calendar = RequestsEnv::kCalendar) {
  v1::ListCourseRequestsRequest request;
  request.set_parent(StudentName(number, calendar));
  v1::ListCourseRequestsResponse response;
  grpc::Status status =
      env.stub().ListCourseRequests(RequestsEnv::Scheduler().get(), request, &response);
  if (!status.ok()) return {};
  return {response.course_requests().begin(), response.course_requests().end()};
}

}  // namespace secsched::requests::testing
