// Request analysis for the section builder: the tally per course and the conflict matrix.
// Both count the requests of active students only; the matrix counts primary requests only (an
// alternate is taken only when a primary fails, so it does not force two sections apart).
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "common/catalog/catalog_reader.h"
#include "services/requests/domain/auto_load.h"
#include "services/requests/domain/planning_model.h"

namespace secsched::requests {

// The engine's own rule (engine::SectionsNeeded, the one BUILD_SECTIONS uses): sections_to_build
// when the catalog fixes it, else ceil(primaries / seats), seats being the course's maximum or,
// when `rooms` are given and the largest active room of the course's type seats fewer, that
// room's capacity (a 30-seat course taught in 24-seat labs needs ceil(n / 24) sections).
// BUILD_SECTIONS may add a slack section on top (docs/api.md, "Jobs").
int SectionsFor(const catalog::CatalogCourse& course, int primaries,
                const std::vector<catalog::CatalogRoom>& rooms = {});

struct TallyRow {
  std::string course_id;
  std::string course_number;  // "" when the catalog no longer has the course
  bool active = false;
  std::map<int, int> primaries_by_grade;
  int primaries = 0;
  int alternates = 0;
  int required = 0;
  int total = 0;  // primaries + alternates
  int max_students = 0;
  int sections_to_build = 0;
  int sections_needed = 0;
  int qualified_teachers = 0;          // active teachers who CanTeach it
  int qualified_teacher_sections = 0;  // their max_sections summed: the optimistic ceiling
  // The sections it gets in EVERY maximum assignment of teacher sections to courses (see
  // TeacherCoverage): covered = F - F without this course. Whole; < sections_needed when the
  // course competes for its teachers with other courses.
  double shared_teacher_sections = 0;
  // No maximum assignment covers all of sections_needed. Because an augmenting path never takes
  // sections away from a course already covered, this is exactly qualified_teacher_sections <
  // sections_needed: a course its teachers could cover on their own is covered in some maximum
  // assignment (at other courses' expense, which TeacherCoverage::shortage() counts).
  bool teacher_shortfall = false;
};

// One row per catalog course and per requested course the catalog lacks, ordered by course number
// (unknown courses last, by id). Teachers: active ones; see TallyRow for the teacher measures.
std::vector<TallyRow> ComputeTally(const RequestSnapshot& snapshot, const CoursesById& courses,
                                   const std::vector<catalog::CatalogTeacher>& teachers,
                                   const std::vector<catalog::CatalogRoom>& rooms = {});

// How far the active teachers' sections reach over the courses' needs, as a maximum flow:
// source -> teacher (max_sections) -> each course of the catalog they CanTeach -> sink
// (sections_needed). The maximum flow is the most needed sections any assignment can staff.
struct TeacherCoverage {
  int sections_needed = 0;   // over every row
  int sections_covered = 0;  // the maximum flow
  int shortage() const { return sections_needed - sections_covered; }
};

// Over the rows of ComputeTally (their sections_needed), the same courses and teachers.
TeacherCoverage ComputeTeacherCoverage(const std::vector<TallyRow>& rows,
                                       const CoursesById& courses,
                                       const std::vector<catalog::CatalogTeacher>& teachers);

// The tally and how far the active teachers cover all of it together.
struct CourseTally {
  std::vector<TallyRow> rows;
  TeacherCoverage coverage;
};

struct MatrixCourse {
  std::string course_id;
  std::string course_number;
  int primaries = 0;
  int sections = 0;
};

struct CoursePairCount {
  int a = 0;  // indexes into ConflictMatrix::courses, a < b
  int b = 0;
  int students = 0;
};

struct ConflictMatrix {
  std::vector<MatrixCourse> courses;   // requested courses, by number (unknown ones by id, last)
  std::vector<CoursePairCount> pairs;  // every pair with students, most students first
  int students_counted = 0;

  bool SingletonPair(const CoursePairCount& p) const {
    return courses[p.a].sections == 1 && courses[p.b].sections == 1;
  }
  bool DoubletonPair(const CoursePairCount& p) const {
    return !SingletonPair(p) && courses[p.a].sections <= 2 && courses[p.b].sections <= 2;
  }
  std::vector<CoursePairCount> Top(int n) const {
    return {pairs.begin(), pairs.begin() + std::min<size_t>(pairs.size(), n < 0 ? 0 : n)};
  }
};

ConflictMatrix ComputeConflictMatrix(const RequestSnapshot& snapshot, const CoursesById& courses);

// The CSV export (docs/requests.md): header course_a_number, course_b_number, students,
// course_a_sections, course_b_sections, pair_kind (SINGLETON, DOUBLETON or ""); one row per pair.
std::string ConflictMatrixCsv(const ConflictMatrix& matrix);

}  // namespace secsched::requests
