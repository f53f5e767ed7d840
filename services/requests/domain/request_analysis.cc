#include "services/requests/domain/request_analysis.h"

#include <algorithm>
#include <climits>
#include <queue>
#include <unordered_map>

#include "common/csv/csv.h"
#include "services/sectioning/engine/build_sections.h"

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

// Dinic's maximum flow on integer capacities; the networks here have a few hundred nodes. Run
// augments from the current flow, so a copy can be changed and re-run.
class MaxFlow {
 public:
  struct EdgeRef {
    int from;
    int index;
  };

  explicit MaxFlow(int nodes) : edges_(nodes), level_(nodes), next_(nodes) {}

  // No two edges of the networks here run between the same nodes in opposite directions, so the
  // paired reverse edge's residual capacity is the edge's flow.
  EdgeRef AddEdge(int from, int to, int capacity) {
    edges_[from].push_back({to, capacity, static_cast<int>(edges_[to].size())});
    edges_[to].push_back({from, 0, static_cast<int>(edges_[from].size()) - 1});
    return {from, static_cast<int>(edges_[from].size()) - 1};
  }
  int Flow(EdgeRef e) const { return Reverse(e).capacity; }
  // Takes `amount` of flow off the edge.
  void Unpush(EdgeRef e, int amount) {
    edges_[e.from][e.index].capacity += amount;
    Reverse(e).capacity -= amount;
  }
  // Deletes the edge with its flow (the caller keeps the flow conserved).
  void Remove(EdgeRef e) {
    edges_[e.from][e.index].capacity = 0;
    Reverse(e).capacity = 0;
  }

  // The flow added.
  int Run(int source, int sink) {
    int flow = 0;
    while (Level(source, sink)) {
      std::fill(next_.begin(), next_.end(), 0);
      while (const int pushed = Push(source, sink, INT_MAX)) flow += pushed;
    }
    return flow;
  }

 private:
  struct Edge {
    int to;
    int capacity;  // residual
    int reverse;   // index of the paired edge in edges_[to]
  };

  Edge& Reverse(EdgeRef e) {
    const Edge& edge = edges_[e.from][e.index];
    return edges_[edge.to][edge.reverse];
  }
  const Edge& Reverse(EdgeRef e) const {
    const Edge& edge = edges_[e.from][e.index];
    return edges_[edge.to][edge.reverse];
  }

  bool Level(int source, int sink) {
    std::fill(level_.begin(), level_.end(), -1);
    std::queue<int> queue;
    level_[source] = 0;
    queue.push(source);
    while (!queue.empty()) {
      const int v = queue.front();
      queue.pop();
      for (const Edge& e : edges_[v]) {
        if (e.capacity > 0 && level_[e.to] < 0) {
          level_[e.to] = level_[v] + 1;
          queue.push(e.to);
        }
      }
    }
    return level_[sink] >= 0;
  }

  // Paths are short (residual paths alternate teachers and courses), so recursion is shallow.
  int Push(int v, int sink, int limit) {
    if (v == sink) return limit;
    for (int& i = next_[v]; i < static_cast<int>(edges_[v].size()); ++i) {
      Edge& e = edges_[v][i];
      if (e.capacity <= 0 || level_[e.to] != level_[v] + 1) continue;
      if (const int pushed = Push(e.to, sink, std::min(limit, e.capacity)); pushed > 0) {
        e.capacity -= pushed;
        edges_[e.to][e.reverse].capacity += pushed;
        return pushed;
      }
    }
    return 0;
  }

  std::vector<std::vector<Edge>> edges_;
  std::vector<int> level_;
  std::vector<int> next_;
};

// source -> teacher (max_sections) -> course they can teach -> sink (sections_needed), over the
// active teachers with sections and the courses with a need, solved to a maximum flow.
struct StaffingNetwork {
  static constexpr int kSource = 0;
  static constexpr int kSink = 1;

  std::vector<int> row_of_course;  // course index -> index into the rows
  std::vector<MaxFlow::EdgeRef> teacher_edge;
  std::vector<MaxFlow::EdgeRef> course_edge;
  std::vector<std::vector<std::pair<int, MaxFlow::EdgeRef>>> course_teachers;  // (teacher, edge)
  MaxFlow flow{2};
  int sections_needed = 0;
  int covered = 0;

  // Sections `course` gets in every maximum flow: F - (the maximum flow without it). Takes its
  // flow off a copy (back along each teacher's edge) and lets the others re-route to take it up.
  int SureSections(int course) const {
    MaxFlow without = flow;
    const int had = without.Flow(course_edge[course]);
    for (const auto& [teacher, edge] : course_teachers[course]) {
      without.Unpush(teacher_edge[teacher], without.Flow(edge));
      without.Remove(edge);
    }
    without.Remove(course_edge[course]);
    return had - without.Run(kSource, kSink);
  }
};

StaffingNetwork BuildNetwork(const std::vector<TallyRow>& rows, const CoursesById& courses,
                             const std::vector<catalog::CatalogTeacher>& teachers) {
  StaffingNetwork net;
  std::vector<const catalog::CatalogCourse*> catalog_course;
  std::vector<int> need;
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    if (rows[r].sections_needed <= 0) continue;
    auto course = courses.find(rows[r].course_id);
    need.push_back(rows[r].sections_needed);
    net.sections_needed += rows[r].sections_needed;
    net.row_of_course.push_back(r);
    catalog_course.push_back(course == courses.end() ? nullptr : &course->second);
  }
  std::vector<const catalog::CatalogTeacher*> staff;
  for (const catalog::CatalogTeacher& teacher : teachers) {
    if (teacher.active && teacher.max_sections > 0) staff.push_back(&teacher);
  }
  const int first_course = 2 + static_cast<int>(staff.size());
  net.flow = MaxFlow(first_course + static_cast<int>(need.size()));
  net.course_teachers.resize(need.size());
  for (int t = 0; t < static_cast<int>(staff.size()); ++t) {
    net.teacher_edge.push_back(
        net.flow.AddEdge(StaffingNetwork::kSource, 2 + t, staff[t]->max_sections));
    for (int c = 0; c < static_cast<int>(need.size()); ++c) {
      if (catalog_course[c] == nullptr || !staff[t]->CanTeach(*catalog_course[c])) continue;
      net.course_teachers[c].emplace_back(
          t, net.flow.AddEdge(2 + t, first_course + c, staff[t]->max_sections));
    }
  }
  for (int c = 0; c < static_cast<int>(need.size()); ++c) {
    net.course_edge.push_back(net.flow.AddEdge(first_course + c, StaffingNetwork::kSink, need[c]));
  }
  net.covered = net.flow.Run(StaffingNetwork::kSource, StaffingNetwork::kSink);
  return net;
}

// shared_teacher_sections and teacher_shortfall of every row (qualified_* already filled in).
// A course's flow never drops while augmenting (a path ends at the sink, so it never takes a
// sink edge backwards). Hence the least a course gets over every maximum flow is F - F(without
// it), and it is fully covered in some maximum flow iff its teachers alone could cover it.
void AssignTeacherSections(std::vector<TallyRow>& rows, const CoursesById& courses,
                           const std::vector<catalog::CatalogTeacher>& teachers) {
  const StaffingNetwork net = BuildNetwork(rows, courses, teachers);
  const bool all_covered = net.covered == net.sections_needed;  // then every course is, always
  for (int c = 0; c < static_cast<int>(net.row_of_course.size()); ++c) {
    TallyRow& row = rows[net.row_of_course[c]];
    row.shared_teacher_sections = all_covered ? row.sections_needed : net.SureSections(c);
  }
  for (TallyRow& row : rows) {
    row.teacher_shortfall = row.qualified_teacher_sections < row.sections_needed;
  }
}

}  // namespace

int SectionsFor(const catalog::CatalogCourse& course, int primaries,
                const std::vector<catalog::CatalogRoom>& rooms) {
  engine::Course as_engine{.id = course.id,
                           .max_students = std::max(1, course.max_students),
                           .room_type = course.room_type};
  if (course.sections_to_build > 0) as_engine.sections_to_build = course.sections_to_build;
  engine::School school;
  for (const catalog::CatalogRoom& r : rooms) {
    if (r.active) school.rooms.push_back({.id = r.id, .capacity = r.capacity, .type = r.room_type});
  }
  return engine::SectionsNeeded(as_engine, primaries, engine::SeatsPerSection(school, as_engine));
}

std::vector<TallyRow> ComputeTally(const RequestSnapshot& snapshot, const CoursesById& courses,
                                   const std::vector<catalog::CatalogTeacher>& teachers,
                                   const std::vector<catalog::CatalogRoom>& rooms) {
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
    row.sections_needed = SectionsFor(course, row.primaries, rooms);
  }
  for (const catalog::CatalogTeacher& teacher : teachers) {
    if (!teacher.active) continue;
    for (auto& [id, row] : rows) {
      auto course = courses.find(id);
      if (course == courses.end() || !teacher.CanTeach(course->second)) continue;
      ++row.qualified_teachers;
      row.qualified_teacher_sections += teacher.max_sections;
    }
  }
  std::vector<TallyRow> out;
  out.reserve(rows.size());
  for (auto& [id, row] : rows) out.push_back(std::move(row));
  AssignTeacherSections(out, courses, teachers);
  std::sort(out.begin(), out.end(), [](const TallyRow& a, const TallyRow& b) {
    return CourseOrder(a.course_number, a.course_id, b.course_number, b.course_id);
  });
  return out;
}

TeacherCoverage ComputeTeacherCoverage(const std::vector<TallyRow>& rows,
                                       const CoursesById& courses,
                                       const std::vector<catalog::CatalogTeacher>& teachers) {
  const StaffingNetwork net = BuildNetwork(rows, courses, teachers);
  return {.sections_needed = net.sections_needed, .sections_covered = net.covered};
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
