// Comparing two trials of one calendar: per course, per student and in total. A pure function
// over plain values that storage reads (ReadForCompare); no I/O here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/api/paging.h"
#include "services/sectioning/domain/schedule_model.h"

namespace secsched::sectioning {

// What a comparison reads of one trial.
struct CompareSection {
  std::string section_id;
  std::string course_id;
  int section_number = 1;
  int capacity = 0;
  std::vector<Meeting> meetings;  // any order
};

struct CompareEnrollment {
  std::string student_id;
  std::string course_id;
  std::optional<int> request_rank;  // 0 primary, 1.. alternate, none = by hand
};

struct TrialContents {
  std::vector<CompareSection> sections;
  std::vector<CompareEnrollment> enrollments;
  std::vector<std::string> unmet_request_students;  // the student of each unmet request row
};

struct TrialTotals {
  int sections = 0;
  int seats = 0;                 // sum of section capacities
  int students = 0;              // enrolled somewhere or with an unmet request
  int students_complete = 0;     // of those, the ones with no unmet request
  int primary_requests_met = 0;  // enrollments with request_rank 0
  int requests_met = 0;          // enrollments with a request_rank
  int unmet_requests = 0;

  friend bool operator==(const TrialTotals&, const TrialTotals&) = default;
};

struct CourseComparison {
  std::string course_id;
  int sections_a = 0, sections_b = 0;
  int seats_a = 0, seats_b = 0;
  int placements_differ = 0;   // matched sections meeting at different times
  int unmatched_sections = 0;  // sections in only one of the two trials

  bool Changed() const {
    return sections_a != sections_b || seats_a != seats_b || placements_differ > 0 ||
           unmatched_sections > 0;
  }
  friend bool operator==(const CourseComparison&, const CourseComparison&) = default;
};

struct StudentComparison {
  std::string student_id;
  int primary_requests_met_a = 0, primary_requests_met_b = 0;
  bool complete_a = false, complete_b = false;  // in the trial and no unmet request

  bool Changed() const {
    return primary_requests_met_a != primary_requests_met_b || complete_a != complete_b;
  }
  friend bool operator==(const StudentComparison&, const StudentComparison&) = default;
};

struct TrialComparison {
  TrialTotals a, b;
  std::vector<CourseComparison> courses;    // by course id
  std::vector<StudentComparison> students;  // by student id
  int changed_courses = 0;
  int changed_students = 0;
  std::string next_after;  // set by PageStudents: the last student id when more follow
};

// Sections of b are matched to sections of a by section id first, then the remaining ones by
// (course, section number); a matched pair whose sorted meetings differ counts in
// placements_differ, a section left unmatched in either trial in unmatched_sections.
TrialComparison CompareTrialContents(const TrialContents& a, const TrialContents& b);

// Keeps one page of `comparison.students` (by student id, after page.after; only the changed
// ones when `changed_only`) and sets next_after.
void PageStudents(TrialComparison& comparison, const api::PageRequest& page, bool changed_only);

}  // namespace secsched::sectioning
