// Shared set-up for the teacher, room and report integration tests: a calendar with semesters
// (terms s1, s2), an A/B period schedule (periods 1-8) and a few courses, all through gRPC.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/catalog/tests/calendar_test_helpers.h"
#include "services/catalog/tests/course_test_helpers.h"

namespace secsched::catalog::testing {

// Creates the calendar (CreateCompleteCalendar) and courses with the given numbers (ids are the
// lower-cased numbers). Use with ASSERT_NO_FATAL_FAILURE.
inline void CreateResourceCalendar(
    CatalogEnv &env, const std::string &id, const std::string &school,
    const std::vector<std::pair<std::string, std::string>> &courses = {
        {"ENG9", "English"}, {"ENG10", "English"}, {"MA-210", "Math"}}) {
  ASSERT_NO_FATAL_FAILURE(CreateCompleteCalendar(env, id, school));
  for (const auto &[number, department] : courses) {
    grpc::Status s = CreateCourse(env, Admin().get(), id, number, department);
    ASSERT_TRUE(s.ok()) << number << ": " << s.error_message();
  }
}

inline std::unique_ptr<grpc::ClientContext> Scheduler() {
  return As("service:scheduling", {"scheduler"});
}

inline v1::Teacher TeacherValues(const std::string &staff_id, const std::string &name) {
  v1::Teacher teacher;
  teacher.set_staff_id(staff_id);
  teacher.set_display_name(name);
  teacher.add_departments("English");
  teacher.add_can_teach_courses("eng9");
  teacher.set_max_sections(5);
  v1::UnavailablePeriod *period = teacher.add_unavailable();
  period->set_period(1);
  period = teacher.add_unavailable();
  period->set_period(5);
  period->set_term("s1");
  teacher.set_active(true);
  return teacher;
}

inline v1::Room RoomValues(const std::string &number, int capacity, const std::string &type) {
  v1::Room room;
  room.set_number(number);
  room.set_capacity(capacity);
  room.set_room_type(type);
  room.set_active(true);
  return room;
}

}  // namespace secsched::catalog::testing
