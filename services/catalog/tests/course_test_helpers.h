// Small builders shared by the course integration tests (header-only; all go through gRPC).
#pragma once

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "common/status/grpc_status.h"
#include "services/catalog/tests/catalog_env.h"

namespace secsched::catalog::testing {

// The district's scheduling office: a service account with `scheduler` (writes masters).
inline std::unique_ptr<grpc::ClientContext> District() {
  return As("service:district", {"scheduler"});
}
inline std::unique_ptr<grpc::ClientContext> Admin() { return As("admin-1", {"admin"}); }

// A calendar (created by an admin); throws on failure. Returns its id.
inline std::string MakeCalendar(CatalogEnv& env, const std::string& school, const std::string& year,
                                const std::string& id) {
  v1::CreateCalendarRequest request;
  request.set_calendar_id(id);
  request.mutable_calendar()->set_school_id(school);
  request.mutable_calendar()->set_school_year(year);
  request.mutable_calendar()->set_display_name(school + " " + year);
  v1::Calendar calendar;
  grpc::Status status = env.catalog().CreateCalendar(Admin().get(), request, &calendar);
  if (!status.ok()) throw std::runtime_error("CreateCalendar: " + status.error_message());
  return id;
}

inline std::string CalendarName(const std::string& id) { return "calendars/" + id; }
inline std::string CourseName(const std::string& calendar, const std::string& course) {
  return "calendars/" + calendar + "/courses/" + course;
}

// Valid course values with the given number and department.
template <class Proto>
void FillCourse(Proto* p, const std::string& number, const std::string& department,
                int max_students = 30) {
  p->set_number(number);
  p->set_display_name("Course " + number);
  p->set_department(department);
  p->set_credits(1);
  p->set_min_grade(9);
  p->set_max_grade(12);
  p->set_term_length(v1::YEAR);
  p->set_periods_per_meeting(1);
  p->set_max_students(max_students);
  p->set_load_priority(5);
  p->set_room_type("regular");
  p->set_active(true);
}

inline grpc::Status CreateCourse(CatalogEnv& env, grpc::ClientContext* context,
                                 const std::string& calendar, const std::string& number,
                                 const std::string& department, v1::Course* out = nullptr) {
  v1::CreateCourseRequest request;
  request.set_parent(CalendarName(calendar));
  FillCourse(request.mutable_course(), number, department);
  v1::Course course;
  return env.courses().CreateCourse(context, request, out ? out : &course);
}

inline std::vector<v1::Course> AllCourses(CatalogEnv& env, const std::string& calendar) {
  std::vector<v1::Course> all;
  v1::ListCoursesRequest request;
  request.set_parent(CalendarName(calendar));
  request.set_page_size(1000);
  do {
    v1::ListCoursesResponse response;
    grpc::Status status = env.courses().ListCourses(Admin().get(), request, &response);
    if (!status.ok()) throw std::runtime_error("ListCourses: " + status.error_message());
    all.insert(all.end(), response.courses().begin(), response.courses().end());
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return all;
}

inline std::vector<std::string> ViolatedFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status))) {
    fields.push_back(v.field);
  }
  return fields;
}

}  // namespace secsched::catalog::testing
