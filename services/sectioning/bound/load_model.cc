// The compact loading integer program (see load_model.h).
#include "services/sectioning/bound/load_model.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "services/sectioning/engine/conflicts.h"
#include "services/sectioning/engine/loader_state.h"

namespace secsched::bound {
namespace {

using engine::School;
using engine::SchoolIndex;
using engine::Section;
using engine::Student;

// Sections are interchangeable when everything a student's eligibility, clashes and rules read is
// equal: course, placement, link group, team, and the teachers among its own that some student
// avoids (other teachers matter to no one).
void BuildClasses(const SchoolIndex& index, LoadModel& m) {
  const School& school = index.school();
  std::set<std::string> avoided;
  for (const Student& st : school.students)
    for (const engine::StudentConstraint& k : st.constraints)
      if (k.kind == engine::StudentConstraintKind::kAvoidTeacher) avoided.insert(k.teacher_id);
  using Key = std::tuple<int, int, int, std::string, std::string, std::vector<std::string>>;
  std::map<Key, int> class_of_key;
  m.class_of_section.assign(school.sections.size(), -1);
  for (int s = 0; s < static_cast<int>(school.sections.size()); ++s) {
    const Section& sec = school.sections[s];
    if (!sec.placement.placed()) continue;
    std::vector<std::string> teachers;
    if (avoided.count(sec.teacher_id)) teachers.push_back(sec.teacher_id);
    for (const std::string& t : sec.co_teacher_ids)
      if (avoided.count(t)) teachers.push_back(t);
    std::sort(teachers.begin(), teachers.end());
    const Key key{index.CourseIndexOfSection(s),
                  sec.placement.period,
                  sec.placement.terms,
                  sec.link_group,
                  engine::EffectiveTeam(index, s).value_or(""),
                  teachers};
    auto [it, fresh] = class_of_key.emplace(key, static_cast<int>(m.classes.size()));
    if (fresh) m.classes.push_back(SectionClass{index.CourseIndexOfSection(s), {}, 0});
    m.class_of_section[s] = it->second;
    m.classes[it->second].sections.push_back(s);
    m.classes[it->second].capacity += index.Capacity(s);
  }
}

bool MayTake(const SchoolIndex& index, const Student& st, int s) {
  return engine::TeamAllows(index, st, s) && engine::GradeAllows(index, st, s) &&
         !engine::AvoidsTeacherOf(st, index.school().sections[s]) &&
         !engine::HitsKeptFreePeriod(index, st, s);
}

// Two classes a student cannot hold together.
bool ClassesConflict(const SchoolIndex& index, const LoadModel& m, int a, int b) {
  if (m.classes[a].course == m.classes[b].course) return true;
  const int x = m.classes[a].sections[0], y = m.classes[b].sections[0];
  return engine::TimeClash(index, x, y) || !engine::RulesHoldBetween(index, x, y);
}

// A student's columns: (class, weight, locked), sorted; equal columns mean equal constraints.
struct StudentColumns {
  std::vector<std::tuple<int, double, bool>> cols;
  int requests = 0;
};

StudentColumns ColumnsOf(const SchoolIndex& index, const LoadModel& m, int st, bool weighted) {
  const Student& student = index.school().students[st];
  std::map<int, double> course_weight;
  for (const engine::Request& r : student.requests) {
    double& w = course_weight[index.CourseIndex(r.course_id)];
    w = std::max(w, engine::LoaderState::RequestWeight(r));
  }
  StudentColumns out;
  out.requests = static_cast<int>(course_weight.size());
  std::set<int> classes;
  for (const auto& [c, w] : course_weight)
    for (int s : index.SectionsOfCourse(c))
      if (m.class_of_section[s] >= 0 && MayTake(index, student, s))
        classes.insert(m.class_of_section[s]);
  // Locks; one that clashes with an earlier lock is left out (the program would be infeasible).
  std::vector<int> locked;
  for (const std::string& id : student.locked_section_ids) {
    const int s = index.SectionIndex(id);
    if (s < 0 || m.class_of_section[s] < 0 || !classes.count(m.class_of_section[s])) continue;
    bool clash = false;
    for (int l : locked)
      clash |= l == m.class_of_section[s] || ClassesConflict(index, m, l, m.class_of_section[s]);
    if (!clash) locked.push_back(m.class_of_section[s]);
  }
  for (int cls : classes) {
    const double w = weighted ? course_weight[m.classes[cls].course] : 1.0;
    const bool lock = std::find(locked.begin(), locked.end(), cls) != locked.end();
    out.cols.emplace_back(cls, w, lock);
  }
  return out;
}

// Maximal cliques by Bron-Kerbosch with pivoting, over bitsets of the group's local columns.
class CliqueFinder {
 public:
  explicit CliqueFinder(const StudentGroup& g) : g_(g), words_((g.num_cols + 63) / 64) {}

  void Run(std::vector<std::vector<int>>& out, int cap) {
    Bits all(words_, 0);
    for (int v = 0; v < g_.num_cols; ++v) all[v / 64] |= 1ull << (v % 64);
    std::vector<int> r;
    Expand(r, all, Bits(words_, 0), out, cap);
  }

 private:
  using Bits = std::vector<std::uint64_t>;
  bool Has(const Bits& b, int v) const { return (b[v / 64] >> (v % 64)) & 1; }
  Bits Neighbours(const Bits& b, int v) const {
    Bits out(words_, 0);
    for (int u = 0; u < g_.num_cols; ++u)
      if (Has(b, u) && g_.Conflicts(u, v)) out[u / 64] |= 1ull << (u % 64);
    return out;
  }
  static bool Empty(const Bits& b) {
    for (std::uint64_t w : b)
      if (w) return false;
    return true;
  }

  void Expand(std::vector<int>& r, Bits p, Bits x, std::vector<std::vector<int>>& out, int cap) {
    if (static_cast<int>(out.size()) >= cap) return;
    if (Empty(p) && Empty(x)) {
      if (r.size() > 1) out.push_back(r);
      return;
    }
    int pivot = -1, best = -1;  // the vertex of P u X with most neighbours in P
    for (int u = 0; u < g_.num_cols; ++u) {
      if (!Has(p, u) && !Has(x, u)) continue;
      int n = 0;
      for (int v = 0; v < g_.num_cols; ++v) n += Has(p, v) && g_.Conflicts(u, v);
      if (n > best) best = n, pivot = u;
    }
    for (int v = 0; v < g_.num_cols; ++v) {
      if (!Has(p, v) || g_.Conflicts(pivot, v)) continue;
      r.push_back(v);
      Expand(r, Neighbours(p, v), Neighbours(x, v), out, cap);
      r.pop_back();
      p[v / 64] &= ~(1ull << (v % 64));
      x[v / 64] |= 1ull << (v % 64);
    }
  }

  const StudentGroup& g_;
  int words_;
};

// Grows `clique` to a maximal one, each joining vertex the one with most uncovered conflicts to
// the clique; marks its conflicts covered.
void GrowClique(const StudentGroup& g, std::vector<int>& clique,
                std::vector<std::uint8_t>& covered) {
  const int k = g.num_cols;
  for (;;) {
    int best = -1, best_gain = -1;
    for (int v = 0; v < k; ++v) {
      bool joins = true;
      int gain = 0;
      for (int u : clique) {
        joins &= u != v && g.Conflicts(u, v);
        gain += joins && !covered[u * k + v];
      }
      if (joins && gain > best_gain) best = v, best_gain = gain;
    }
    if (best < 0) break;
    clique.push_back(best);
  }
  for (int u : clique)
    for (int v : clique) covered[u * k + v] = 1;
  std::sort(clique.begin(), clique.end());
}

// Cliques covering every conflict: first each course's columns (the request rows, which keep the
// LP at most one section per request), then one grown from each conflict still uncovered. Few
// rows, each maximal.
void GreedyCliqueCover(StudentGroup& g, const std::vector<std::vector<int>>& courses) {
  const int k = g.num_cols;
  std::vector<std::uint8_t> covered(g.conflict.size(), 0);
  for (const std::vector<int>& course : courses) {
    if (course.size() < 2) continue;
    std::vector<int> clique = course;
    GrowClique(g, clique, covered);
    g.cliques.push_back(std::move(clique));
  }
  for (int a = 0; a < k; ++a)
    for (int b = a + 1; b < k; ++b) {
      if (!g.Conflicts(a, b) || covered[a * k + b]) continue;
      std::vector<int> clique = {a, b};
      GrowClique(g, clique, covered);
      g.cliques.push_back(std::move(clique));
    }
}

void AddGroupRows(StudentGroup& g, LoadModel& m) {
  // All maximal cliques are the strongest rows, and few in most groups; course rules can make
  // exponentially many (SAME_PERIOD between two courses of k sections each: 2^k), and then a
  // greedy cover of the conflicts stands in (CBC's clique cuts add what the LP needs).
  constexpr int kMaxCliques = 200;
  CliqueFinder(g).Run(g.cliques, kMaxCliques + 1);
  if (static_cast<int>(g.cliques.size()) > kMaxCliques) {
    g.cliques.clear();
    std::map<int, std::vector<int>> columns_of_course;
    for (int c = 0; c < g.num_cols; ++c)
      columns_of_course[m.classes[m.col_class[g.first_col + c]].course].push_back(c);
    std::vector<std::vector<int>> courses;
    for (auto& [course, cols] : columns_of_course) courses.push_back(std::move(cols));
    GreedyCliqueCover(g, courses);
  }
  const double size = static_cast<double>(g.students.size());
  for (const std::vector<int>& c : g.cliques) {
    std::vector<int> row;
    for (int v : c) row.push_back(g.first_col + v);
    m.AddRow(std::move(row), size);
  }
}

}  // namespace

int LoadModel::ColumnOf(int student, int section) const {
  const int g = group_of_student[student];
  const int cls = class_of_section[section];
  if (g < 0 || cls < 0) return -1;
  const StudentGroup& group = groups[g];
  for (int c = group.first_col; c < group.first_col + group.num_cols; ++c)
    if (col_class[c] == cls) return c;
  return -1;
}

LoadModel BuildLoadModel(const SchoolIndex& index, const LoadModelOptions& options) {
  LoadModel m;
  BuildClasses(index, m);
  const int n = static_cast<int>(index.school().students.size());
  m.group_of_student.assign(n, -1);
  std::map<std::vector<std::tuple<int, double, bool>>, int> group_of_columns;
  std::vector<StudentColumns> columns(n);
  for (int st = 0; st < n; ++st) {
    columns[st] = ColumnsOf(index, m, st, options.weighted);
    m.requests += columns[st].requests;
    if (columns[st].cols.empty()) continue;
    int g = static_cast<int>(m.groups.size());
    if (options.aggregate && !(options.apart && (*options.apart)[st])) {
      auto [it, fresh] = group_of_columns.emplace(columns[st].cols, g);
      g = it->second;
      if (fresh) m.groups.emplace_back();
    } else {
      m.groups.emplace_back();
    }
    m.groups[g].students.push_back(st);
    m.group_of_student[st] = g;
  }
  for (int g = 0; g < static_cast<int>(m.groups.size()); ++g) {
    StudentGroup& group = m.groups[g];
    const auto& cols = columns[group.students[0]].cols;
    group.first_col = static_cast<int>(m.col_class.size());
    group.num_cols = static_cast<int>(cols.size());
    const double size = static_cast<double>(group.students.size());
    for (const auto& [cls, w, lock] : cols) {
      m.col_group.push_back(g);
      m.col_class.push_back(cls);
      m.col_lower.push_back(lock ? size : 0);
      m.col_upper.push_back(size);
      m.col_weight.push_back(w);
      group.locked.push_back(lock);
    }
    group.conflict.assign(group.num_cols * group.num_cols, 0);
    for (int a = 0; a < group.num_cols; ++a)
      for (int b = a + 1; b < group.num_cols; ++b)
        if (ClassesConflict(index, m, std::get<0>(cols[a]), std::get<0>(cols[b])))
          group.conflict[a * group.num_cols + b] = group.conflict[b * group.num_cols + a] = 1;
    AddGroupRows(group, m);
  }
  std::vector<std::vector<int>> by_class(m.classes.size());
  std::vector<double> demand(m.classes.size(), 0);
  for (int c = 0; c < static_cast<int>(m.col_class.size()); ++c) {
    by_class[m.col_class[c]].push_back(c);
    demand[m.col_class[c]] += m.col_upper[c];
  }
  for (int cls = 0; cls < static_cast<int>(m.classes.size()); ++cls)
    if (demand[cls] > m.classes[cls].capacity)
      m.AddRow(std::move(by_class[cls]), m.classes[cls].capacity);
  return m;
}

}  // namespace secsched::bound
