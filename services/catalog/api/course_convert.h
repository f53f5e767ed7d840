// Course and course-master protos ⇄ domain values (api/ only).
#pragma once

#include <string>
#include <string_view>

#include "secsched/catalog/v1/courses.pb.h"
#include "services/catalog/domain/course.h"

namespace secsched::catalog {

inline constexpr char kCoursePattern[] = "calendars/{calendar}/courses/{course}";
inline constexpr char kCourseMasterPattern[] = "courseMasters/{master}";
inline constexpr char kCalendarParentPattern[] = "calendars/{calendar}";

// The value fields of a Course or CourseMaster (same field names and numbers). An unspecified
// term_length means YEAR.
template <class Proto>
CourseValues ValuesFromProto(const Proto& p) {
  CourseValues v{.number = p.number(),
                 .display_name = p.display_name(),
                 .department = p.department(),
                 .credits = p.credits(),
                 .min_grade = p.min_grade(),
                 .max_grade = p.max_grade(),
                 .periods_per_meeting = p.periods_per_meeting(),
                 .sections_to_build = p.sections_to_build(),
                 .max_students = p.max_students(),
                 .load_priority = p.load_priority(),
                 .room_type = p.room_type(),
                 .required = p.required(),
                 .active = p.active(),
                 .tags = {p.tags().begin(), p.tags().end()}};
  switch (p.term_length()) {
    case v1::SEMESTER:
      v.term_length = TermLength::kSemester;
      break;
    case v1::QUARTER:
      v.term_length = TermLength::kQuarter;
      break;
    default:
      v.term_length = TermLength::kYear;
      break;
  }
  return v;
}

template <class Proto>
void ValuesToProto(const CourseValues& v, Proto* p) {
  p->set_number(v.number);
  p->set_display_name(v.display_name);
  p->set_department(v.department);
  p->set_credits(v.credits);
  p->set_min_grade(v.min_grade);
  p->set_max_grade(v.max_grade);
  switch (v.term_length) {
    case TermLength::kYear:
      p->set_term_length(v1::YEAR);
      break;
    case TermLength::kSemester:
      p->set_term_length(v1::SEMESTER);
      break;
    case TermLength::kQuarter:
      p->set_term_length(v1::QUARTER);
      break;
  }
  p->set_periods_per_meeting(v.periods_per_meeting);
  p->set_sections_to_build(v.sections_to_build);
  p->set_max_students(v.max_students);
  p->set_load_priority(v.load_priority);
  p->set_room_type(v.room_type);
  p->set_required(v.required);
  p->set_active(v.active);
  p->clear_tags();
  for (const std::string& tag : v.tags) p->add_tags(tag);
}

void CourseToProto(const Course& course, v1::Course* out);
void MasterToProto(const CourseMaster& master, v1::CourseMaster* out);
void ChangeToProto(std::string_view calendar_id, const FieldChange& change,
                   v1::CourseFieldChange* out);

}  // namespace secsched::catalog
