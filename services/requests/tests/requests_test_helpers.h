// Shortcuts for the requests integration tests: a small catalog, and RPC calls as the scheduler
// service account that return the grpc::Status (tests assert on it).
#pragma once

#include <algorithm>
#include <cctype>
#include <random>
#include <string>
#include <vector>

#include "common/csv/csv.h"
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

// A school for the import and story tests (imports_test, school_requests_story_test).
// Grade courses ENG9..ENG12, MATH9.., SCI9.., HIST9.. and electives for every grade.
inline std::vector<catalog::CatalogCourse> SchoolCatalog() {
  std::vector<catalog::CatalogCourse> courses;
  for (int grade = 9; grade <= 12; ++grade) {
    for (const char* subject : {"eng", "math", "sci", "hist"}) {
      std::string id = std::string(subject) + "-" + std::to_string(grade);
      std::string number = id;
      for (char& c : number) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      courses.push_back(Course(id, number, grade, grade));
    }
  }
  for (const char* elective : {"art", "band", "choir", "drama", "pe", "span-1", "span-2", "cs",
                               "econ", "psych", "photo", "wood"}) {
    std::string number = elective;
    for (char& c : number) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    courses.push_back(Course(elective, number));
  }
  return courses;
}

struct School {
  std::string students_csv;
  std::string requests_csv;
  int requests = 0;
};

// `students` students (number 100000 + i, grade 9 + i % 4); each: the 4 grade courses (required)
// + 2 electives (primaries), one general alternate and one alternate tied to the first elective.
// Fixed seed.
inline School MakeSchool(int students) {
  std::mt19937 random(20261129);
  const std::vector<std::string> electives = {"ART",    "BAND", "CHOIR", "DRAMA", "PE",    "SPAN-1",
                                              "SPAN-2", "CS",   "ECON",  "PSYCH", "PHOTO", "WOOD"};
  csv::Writer students_csv, requests_csv;
  students_csv.AddRow({"student_number", "name", "grade", "gender"});
  requests_csv.AddRow(
      {"student_number", "course_number", "type", "rank", "required", "priority", "alternate_for"});
  School school;
  for (int i = 0; i < students; ++i) {
    const std::string number = std::to_string(100000 + i);
    const int grade = 9 + i % 4;
    students_csv.AddRow({number, "Student, No. " + number, std::to_string(grade),
                         i % 3 == 0 ? "F" : (i % 3 == 1 ? "M" : "")});
    for (const char* subject : {"ENG", "MATH", "SCI", "HIST"}) {
      requests_csv.AddRow({number, std::string(subject) + "-" + std::to_string(grade), "PRIMARY",
                           "", "yes", "1", ""});
    }
    std::vector<std::string> picks = electives;
    std::shuffle(picks.begin(), picks.end(), random);
    requests_csv.AddRow({number, picks[0], "PRIMARY", "", "", "", ""});
    requests_csv.AddRow({number, picks[1], "PRIMARY", "", "", "", ""});
    requests_csv.AddRow({number, picks[2], "ALTERNATE", "1", "", "", ""});
    requests_csv.AddRow({number, picks[3], "ALTERNATE", "1", "", "", picks[0]});
    school.requests += 8;
  }
  school.students_csv = students_csv.str();
  school.requests_csv = requests_csv.str();
  return school;
}

}  // namespace secsched::requests::testing
