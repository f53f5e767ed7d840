// What moving a section breaks: the enrolled students whose other sections clash with the new
// placement. Pure; the repository reads the students' other meetings (enrollments joined with
// section_meetings) and hands them in.
#pragma once

#include <string>
#include <vector>

#include "services/sectioning/domain/schedule_model.h"

namespace secsched::sectioning {

// One meeting of another section a student of the moved section is enrolled in.
struct StudentMeeting {
  std::string student_id;
  std::string section_id;  // the other section
  Meeting meeting;
};

struct BrokenStudent {
  std::string student_id;
  std::vector<std::string> clashing_section_ids;  // ordered, each once

  friend bool operator==(const BrokenStudent&, const BrokenStudent&) = default;
};

// The students (ordered by id) with a meeting in `others` that clashes with `placement`.
std::vector<BrokenStudent> BrokenStudents(const std::vector<Meeting>& placement,
                                          const std::vector<StudentMeeting>& others);

}  // namespace secsched::sectioning
