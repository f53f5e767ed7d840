#include "services/sectioning/tests/engine_jobs_school.h"

#include <cstdio>

namespace secsched::sectioning::testing {
namespace {

using catalog::CatalogCourse;
using catalog::TermLength;

CatalogCourse Course(std::string id, TermLength length, int max, std::string room_type) {
  return {.id = id,
          .number = id,
          .display_name = id,
          .department = "general",
          .term_length = length,
          .max_students = max,
          .room_type = std::move(room_type)};
}

requests::RequestsCourseRequest Primary(const std::string& student, int n, std::string course) {
  return {
      .student_id = student, .request_id = "r" + std::to_string(n), .course_id = std::move(course)};
}

}  // namespace

void SeedSmallSchool(catalog::StaticCatalogReader& catalog, SnapshotRequestsReader& requests,
                     const std::string& calendar_id) {
  catalog.SetCourses(calendar_id, {Course("eng9", TermLength::kYear, 25, "regular"),
                                   Course("alg1", TermLength::kYear, 25, "regular"),
                                   Course("bio", TermLength::kYear, 30, "lab"),
                                   Course("hist", TermLength::kYear, 25, "regular"),
                                   Course("art", TermLength::kSemester, 20, "art"),
                                   Course("pe", TermLength::kSemester, 30, "gym"),
                                   Course("chem", TermLength::kSemester, 25, "regular"),
                                   Course("chemlab", TermLength::kSemester, 25, "lab")});
  auto teacher = [](std::string id, std::vector<std::string> courses) {
    return catalog::CatalogTeacher{
        .id = id, .display_name = id, .can_teach_courses = std::move(courses), .max_sections = 6};
  };
  std::vector<catalog::CatalogTeacher> teachers = {teacher("t-eng", {"eng9", "hist"}),
                                                   teacher("t-math", {"alg1"}),
                                                   teacher("t-sci", {"bio", "chem", "chemlab"}),
                                                   teacher("t-art", {"art", "pe"}),
                                                   teacher("t-pe", {"pe", "hist"}),
                                                   teacher("t-gen", {"eng9", "alg1", "hist"})};
  teachers[1].unavailable = {{.period = 1, .term_id = ""}};
  catalog.SetTeachers(calendar_id, teachers);
  catalog.SetRooms(calendar_id, {{.id = "r101", .number = "101", .capacity = 30},
                                 {.id = "r102", .number = "102", .capacity = 30},
                                 {.id = "r103", .number = "103", .capacity = 30},
                                 {.id = "r104", .number = "104", .capacity = 30},
                                 {.id = "lab1", .number = "L1", .capacity = 24, .room_type = "lab"},
                                 {.id = "art1", .number = "A1", .capacity = 20, .room_type = "art"},
                                 {.id = "gym", .number = "G", .capacity = 40, .room_type = "gym"}});

  requests::RequestsSnapshot snapshot;
  for (int i = 1; i <= kSmallSchoolStudents; ++i) {
    char id[8];
    std::snprintf(id, sizeof id, "s%03d", i);
    snapshot.students.push_back({.id = id, .grade = 9 + i % 4});
    int n = 0;
    for (const char* course : {"eng9", "alg1", "bio", "hist", "art", "pe"}) {
      snapshot.requests.push_back(Primary(id, ++n, course));
    }
    if (i == 4) snapshot.requests.push_back(Primary(id, ++n, "chem"));
  }
  snapshot.constraints = {{.student_id = "s003",
                           .kind = requests::RequestsConstraintKind::kAvoidTeacher,
                           .teacher_id = "t-eng"},
                          {.student_id = "s003",
                           .kind = requests::RequestsConstraintKind::kKeepPeriodFree,
                           .period = 7}};
  snapshot.rules = {{requests::RequestsRuleType::kLinked, requests::RequestsRuleScope::kStudent,
                     "chem", "chemlab"}};
  requests.Set(std::move(snapshot));
}

std::map<std::string, int> SmallSchoolSectionsNeeded() {
  return {{"eng9", 2}, {"alg1", 2}, {"bio", 2},  {"hist", 2},
          {"art", 2},  {"pe", 2},   {"chem", 1}, {"chemlab", 1}};
}

}  // namespace secsched::sectioning::testing
