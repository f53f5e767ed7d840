#include "services/requests/domain/request_analysis.h"

#include <algorithm>
#include <unordered_map>

#include "common/csv/csv.h"

namespace secsched::requests {
namespace {

// Catalog courses by number first, then courses the catalog lacks by id.
bool CourseOrder(const std::string& number_a, const std::string& id_a, const std::string& number_b,
                 const std::string& id_b) {
  if (number_a.empty() != number_b.empty()) return !number_a.empty();
  return number_a != number_b ? number_a < number_b : id_a < id_b;
}

const catalog::CatalogCourse& CourseOrDefault(const CoursesById& courses, const std::string& id) {
  static const catalog::CatalogCourse kUnknown{};  // 30 seats per section, like the catalog default
  auto it = courses.find(id);
  return it == courses.end() ? kUnknown : it->second;
}

std::unordered_map<std::string_view, int> ActiveGrades(const RequestSnapshot& snapshot) {
  std::unordered_map<std::string_view, int> grade_of;
  grade_of.reserve(snapshot.students.size());
  for (const PlanningStudent& s : snapshot.students) {
    if (s.active) grade_of.emplace(s.student_number, s.grade);
  }
  return grade_of;
}

}  // namespace

int SectionsFor(const catalog::CatalogCourse& course, int primaries) {
  if (course.sections_to_build > 0) return course.sections_to_build;
  if (primaries <= 0 || course.max_students <= 0) return 0;
  return (primaries + course.max_students - 1) / course.max_students;
}

std::vector<TallyRow> ComputeTally(const RequestSnapshot& snapshot, const CoursesById& courses,
                                   const std::vector<catalog::CatalogTeacher>& teachers) {
  std::map<std::string, TallyRow, std::less<>> rows;
  for (const auto& [id, course] : courses) rows[id].course_id = id;
  const std::unordered_map<std::string_view, int> grade_of = ActiveGrades(snapshot);
  for (const PlanningRequest& r : snapshot.requests) {
    auto grade = grade_of.find(r.student_number);
    if (grade == grade_of.end()) continue;
    TallyRow& row = rows[r.course_id];
    row.course_id = r.course_id;
    if (r.alternate) {
      ++row.alternates;
    } else {
      ++row.primaries;
      ++row.primaries_by_grade[grade->second];
      if (r.required) ++row.required;
    }
  }
  for (auto& [id, row] : rows) {
    const catalog::CatalogCourse& course = CourseOrDefault(courses, id);
    const bool known = courses.contains(id);
    row.course_number = known ? course.number : "";
    row.active = known && course.active;
    row.total = row.primaries + row.alternates;
    row.max_students = course.max_students;
    row.sections_to_build = course.sections_to_build;
    row.sections_needed = SectionsFor(course, row.primaries);
  }
  // Each active teacher's sections go to the courses they can teach, in proportion to need.
  for (const catalog::CatalogTeacher& teacher : teachers) {
    if (!teacher.active) continue;
    std::vector<TallyRow*> teachable;
    int need = 0;
    for (auto& [id, row] : rows) {
      auto course = courses.find(id);
      if (course == courses.end() || !teacher.CanTeach(course->second)) continue;
      teachable.push_back(&row);
      need += row.sections_needed;
    }
    for (TallyRow* row : teachable) {
      ++row->qualified_teachers;
      row->qualified_teacher_sections += teacher.max_sections;
      if (need > 0) {
        row->shared_teacher_sections +=
            static_cast<double>(teacher.max_sections) * row->sections_needed / need;
      }
    }
  }
  std::vector<TallyRow> out;
  out.reserve(rows.size());
  for (auto& [id, row] : rows) {
    constexpr double kSlack = 1e-9;
    row.teacher_shortfall = row.sections_needed > row.shared_teacher_sections + kSlack;
    out.push_back(std::move(row));
  }
  std::sort(out.begin(), out.end(), [](const TallyRow& a, const TallyRow& b) {
    return CourseOrder(a.course_number, a.course_id, b.course_number, b.course_id);
  });
  return out;
}

ConflictMatrix ComputeConflictMatrix(const RequestSnapshot& snapshot, const CoursesById& courses) {
  ConflictMatrix matrix;
  const std::unordered_map<std::string_view, int> grade_of = ActiveGrades(snapshot);
  // Dense course indexes, then one upper-triangle counter array: n is a few hundred at most.
  std::unordered_map<std::string_view, int> index_of;
  std::vector<std::string_view> ids;
  std::unordered_map<std::string_view, std::vector<int>> student_courses;
  student_courses.reserve(grade_of.size());
  for (const PlanningRequest& r : snapshot.requests) {
    if (r.alternate || !grade_of.contains(r.student_number)) continue;
    auto [it, fresh] = index_of.try_emplace(r.course_id, static_cast<int>(ids.size()));
    if (fresh) ids.push_back(r.course_id);
    student_courses[r.student_number].push_back(it->second);
  }
  const int n = static_cast<int>(ids.size());
  std::vector<int> primaries(n, 0);
  std::vector<int> counts(static_cast<size_t>(n) * n, 0);
  for (auto& [student, list] : student_courses) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    for (size_t i = 0; i < list.size(); ++i) {
      ++primaries[list[i]];
      for (size_t j = i + 1; j < list.size(); ++j) ++counts[list[i] * n + list[j]];
    }
  }
  matrix.students_counted = static_cast<int>(student_courses.size());
  // Final order of the courses, and where each dense index went.
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  auto number_of = [&](int i) {
    auto it = courses.find(ids[i]);
    return it == courses.end() ? std::string() : it->second.number;
  };
  std::sort(order.begin(), order.end(), [&](int x, int y) {
    return CourseOrder(number_of(x), std::string(ids[x]), number_of(y), std::string(ids[y]));
  });
  std::vector<int> position(n);
  for (int p = 0; p < n; ++p) {
    const int i = order[p];
    position[i] = p;
    const std::string id(ids[i]);
    matrix.courses.push_back(
        {id, number_of(i), primaries[i], SectionsFor(CourseOrDefault(courses, id), primaries[i])});
  }
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      if (const int c = counts[i * n + j]; c > 0) {
        matrix.pairs.push_back(
            {std::min(position[i], position[j]), std::max(position[i], position[j]), c});
      }
    }
  }
  std::sort(matrix.pairs.begin(), matrix.pairs.end(),
            [](const CoursePairCount& x, const CoursePairCount& y) {
              if (x.students != y.students) return x.students > y.students;
              return x.a != y.a ? x.a < y.a : x.b < y.b;
            });
  return matrix;
}

std::string ConflictMatrixCsv(const ConflictMatrix& matrix) {
  csv::Writer writer;
  writer.AddRow({"course_a_number", "course_b_number", "students", "course_a_sections",
                 "course_b_sections", "pair_kind"});
  auto label = [&](const MatrixCourse& c) {
    return c.course_number.empty() ? c.course_id : c.course_number;
  };
  for (const CoursePairCount& p : matrix.pairs) {
    const MatrixCourse& a = matrix.courses[p.a];
    const MatrixCourse& b = matrix.courses[p.b];
    writer.AddRow({label(a), label(b), std::to_string(p.students), std::to_string(a.sections),
                   std::to_string(b.sections),
                   matrix.SingletonPair(p)   ? "SINGLETON"
                   : matrix.DoubletonPair(p) ? "DOUBLETON"
                                             : ""});
  }
  return writer.str();
}

}  // namespace secsched::requests
