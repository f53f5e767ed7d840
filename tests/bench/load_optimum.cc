// The loading problem as a CBC integer program (model in load_optimum.h).
#include "tests/bench/load_optimum.h"

#include <Cbc_C_Interface.h>
#include <Clp_C_Interface.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>

#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/loader_state.h"

namespace secsched::bench {
namespace {

using engine::Placement;
using engine::RuleType;
using engine::School;
using engine::SchoolIndex;
using engine::Section;
using engine::Student;

struct Model {
  std::vector<std::pair<int, int>> cols;     // (student, section)
  std::map<std::pair<int, int>, int> col_of;
  std::vector<double> col_lower;
  std::vector<double> col_weight;  // the loader's weight of the request the column fulfils
  std::vector<std::vector<int>> rows;        // each row: sum of its columns <= row_upper
  std::vector<double> row_upper;
  int requests = 0;

  void AddRow(std::vector<int> row, double upper) {
    rows.push_back(std::move(row));
    row_upper.push_back(upper);
  }
};

std::string TeamOf(const SchoolIndex& index, int s) {
  const Section& sec = index.school().sections[s];
  if (sec.team) return *sec.team;
  return index.CourseOf(sec).team.value_or("");
}

bool MayTake(const SchoolIndex& index, const Student& st, int s) {
  const Section& sec = index.school().sections[s];
  const engine::Course& course = index.CourseOf(sec);
  if (!sec.placement.placed()) return false;
  const std::string team = TeamOf(index, s);
  if (!team.empty() && team != st.team.value_or("")) return false;
  if (st.grade < course.min_grade || st.grade > course.max_grade) return false;
  for (const engine::StudentConstraint& k : st.constraints) {
    if (k.kind == engine::StudentConstraintKind::kAvoidTeacher) {
      if (sec.teacher_id == k.teacher_id) return false;
      for (const std::string& t : sec.co_teacher_ids)
        if (t == k.teacher_id) return false;
    } else {
      const Placement slot{k.slot.period, engine::SlotTerms(k.slot, index.AllTerms())};
      if (index.Overlaps(sec.placement, index.PeriodsPerMeeting(s), slot, 1)) return false;
    }
  }
  return true;
}

// The evaluator's rule semantics (services/sectioning/engine/evaluate_student_checks.cc).
bool RuleHolds(const SchoolIndex& index, RuleType type, int a, int b) {
  const Section& x = index.school().sections[a];
  const Section& y = index.school().sections[b];
  switch (type) {
    case RuleType::kSamePeriod: return x.placement.period == y.placement.period;
    case RuleType::kNotSamePeriod:
      return !SchoolIndex::SharePeriod(x.placement, index.PeriodsPerMeeting(a), y.placement,
                                       index.PeriodsPerMeeting(b));
    case RuleType::kSameTerm: return x.placement.terms == y.placement.terms;
    case RuleType::kDifferentTerm: return (x.placement.terms & y.placement.terms) == 0;
    case RuleType::kPrecedes: return index.LastOrder(x.placement.terms) < index.FirstOrder(y.placement.terms);
    case RuleType::kLinked:
      return (x.link_group.empty() && y.link_group.empty()) || x.link_group == y.link_group;
  }
  return true;
}

void AddStudent(const SchoolIndex& index, int st, Model& m) {
  const School& school = index.school();
  const Student& student = school.students[st];
  std::set<int> courses;
  for (const engine::Request& r : student.requests) courses.insert(index.CourseIndex(r.course_id));
  m.requests += static_cast<int>(courses.size());
  std::map<int, std::vector<int>> cols_of_course;
  std::map<std::pair<int, int>, std::vector<int>> cell;  // (period, term) -> columns
  for (int c : courses) {
    std::vector<int> request_row;
    for (int s : index.SectionsOfCourse(c)) {
      if (!MayTake(index, student, s)) continue;
      const int col = static_cast<int>(m.cols.size());
      m.cols.emplace_back(st, s);
      m.col_of[{st, s}] = col;
      m.col_lower.push_back(0);
      double weight = 0;
      for (const engine::Request& r : student.requests)
        if (index.CourseIndex(r.course_id) == c)
          weight = std::max(weight, engine::LoaderState::RequestWeight(r));
      m.col_weight.push_back(weight);
      request_row.push_back(col);
      cols_of_course[c].push_back(col);
      const Placement& p = school.sections[s].placement;
      for (int k = 0; k < index.PeriodsPerMeeting(s); ++k)
        for (int t = 0; t < index.num_terms(); ++t)
          if (p.terms & (1u << t)) cell[{p.period + k, t}].push_back(col);
    }
    if (request_row.size() > 1) m.AddRow(std::move(request_row), 1);
  }
  for (auto& [where, cols] : cell)
    if (cols.size() > 1) m.AddRow(std::move(cols), 1);
  for (const engine::CourseRule& rule : school.rules) {
    auto a = cols_of_course.find(index.CourseIndex(rule.course_a));
    auto b = cols_of_course.find(index.CourseIndex(rule.course_b));
    if (a == cols_of_course.end() || b == cols_of_course.end()) continue;
    for (int ca : a->second)
      for (int cb : b->second)
        if (!RuleHolds(index, rule.type, m.cols[ca].second, m.cols[cb].second)) m.AddRow({ca, cb}, 1);
  }
  for (const std::string& locked : student.locked_section_ids) {
    auto it = m.col_of.find({st, index.SectionIndex(locked)});
    if (it != m.col_of.end()) m.col_lower[it->second] = 1;
  }
}

Model BuildModel(const SchoolIndex& index) {
  Model m;
  const School& school = index.school();
  for (int st = 0; st < static_cast<int>(school.students.size()); ++st) AddStudent(index, st, m);
  std::vector<std::vector<int>> by_section(school.sections.size());
  for (int col = 0; col < static_cast<int>(m.cols.size()); ++col) by_section[m.cols[col].second].push_back(col);
  for (int s = 0; s < static_cast<int>(school.sections.size()); ++s)
    if (static_cast<int>(by_section[s].size()) > index.Capacity(s))
      m.AddRow(std::move(by_section[s]), index.Capacity(s));
  return m;
}

// The model's constraint matrix in compressed sparse columns, as CBC and CLP load it.
struct SparseColumns {
  std::vector<CoinBigIndex> start{0};
  std::vector<int> index;
  std::vector<double> value, col_upper, obj, row_lower;
  SparseColumns(const Model& m, bool weighted) {
    const int ncols = static_cast<int>(m.cols.size());
    std::vector<std::vector<int>> rows_of_col(ncols);
    for (int r = 0; r < static_cast<int>(m.rows.size()); ++r)
      for (int col : m.rows[r]) rows_of_col[col].push_back(r);
    for (const auto& rows : rows_of_col) {
      index.insert(index.end(), rows.begin(), rows.end());
      start.push_back(static_cast<CoinBigIndex>(index.size()));
    }
    value.assign(index.size(), 1.0);
    col_upper.assign(ncols, 1.0);
    obj = weighted ? m.col_weight : std::vector<double>(ncols, 1.0);
    row_lower.assign(m.rows.size(), -std::numeric_limits<double>::max());
  }
};

// The LP relaxation with CLP's dual simplex (CBC would also run its MIP machinery). Returns
// false when CLP did not prove optimality within the time limit (then it is not a bound).
bool SolveRelaxation(const Model& m, const SparseColumns& a, double seconds, double& value) {
  Clp_Simplex* clp = Clp_newModel();
  Clp_setLogLevel(clp, 0);
  Clp_loadProblem(clp, static_cast<int>(m.cols.size()), static_cast<int>(m.rows.size()),
                  a.start.data(), a.index.data(), a.value.data(), m.col_lower.data(),
                  a.col_upper.data(), a.obj.data(), a.row_lower.data(), m.row_upper.data());
  Clp_setOptimizationDirection(clp, -1);  // maximise
  Clp_setMaximumSeconds(clp, seconds);
  Clp_initialSolve(clp);  // presolve first: it removes most of the rows of this model
  const bool optimal = Clp_isProvenOptimal(clp) != 0;
  value = Clp_objectiveValue(clp);
  Clp_deleteModel(clp);
  return optimal;
}

// The integer program in a fresh CBC model (maximise, silent).
Cbc_Model* LoadIntoCbc(const Model& m, const SparseColumns& a) {
  Cbc_Model* cbc = Cbc_newModel();
  Cbc_loadProblem(cbc, static_cast<int>(m.cols.size()), static_cast<int>(m.rows.size()),
                  a.start.data(), a.index.data(), a.value.data(), m.col_lower.data(),
                  a.col_upper.data(), a.obj.data(), a.row_lower.data(), m.row_upper.data());
  Cbc_setObjSense(cbc, -1);
  Cbc_setLogLevel(cbc, 0);
  for (int c = 0; c < static_cast<int>(m.cols.size()); ++c) Cbc_setInteger(cbc, c);
  return cbc;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

absl::StatusOr<LoadOptimum> SolveLoadOptimum(const School& school, const LoadOptimumOptions& options) {
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  if (!index.ok()) return index.status();
  const Model model = BuildModel(*index);
  LoadOptimum out;
  out.variables = static_cast<int>(model.cols.size());
  out.rows = static_cast<int>(model.rows.size());
  out.requests = model.requests;
  if (model.cols.empty()) {
    out.proven_optimal = true;
    out.best_integer = 0;
    return out;
  }

  const SparseColumns matrix(model, options.weighted);
  auto start = std::chrono::steady_clock::now();
  out.lp_optimal = SolveRelaxation(model, matrix, options.time_limit_seconds, out.lp_relaxation);
  if (!out.lp_optimal) {  // only the trivial bound is certain
    out.lp_relaxation = 0;
    for (size_t c = 0; c < model.cols.size(); ++c) out.lp_relaxation += matrix.obj[c];
    if (!options.weighted) out.lp_relaxation = out.requests;
  }
  out.lp_seconds = SecondsSince(start);

  start = std::chrono::steady_clock::now();
  Cbc_Model* ip = LoadIntoCbc(model, matrix);
  // Both: the model's limit, and the driver's "sec" parameter, which Cbc_solve passes to
  // CbcMain1 (without it the root node's cuts and heuristics overrun the limit by minutes).
  Cbc_setMaximumSeconds(ip, options.time_limit_seconds);
  Cbc_setParameter(ip, "sec", std::to_string(options.time_limit_seconds).c_str());
  // CBC 2.10's preprocessing crashes in CglPreProcess::postProcess when the time limit stops it
  // (seen at 1,200 students); the model is already tight, so it goes without.
  Cbc_setParameter(ip, "preprocess", "off");
  if (options.start) {
    // A complete start (every column given): CBC only accepts a partial one if it can complete
    // it by an LP, which fails on this model.
    std::vector<double> values(model.cols.size(), 0.0);
    for (const engine::Enrollment& e : *options.start) {
      if (e.is_alternate) continue;
      auto it = model.col_of.find({index->StudentIndex(e.student_id), index->SectionIndex(e.section_id)});
      if (it != model.col_of.end()) values[it->second] = 1.0;
    }
    std::vector<int> cols(model.cols.size());
    for (size_t c = 0; c < cols.size(); ++c) cols[c] = static_cast<int>(c);
    Cbc_setMIPStartI(ip, static_cast<int>(cols.size()), cols.data(), values.data());
  }
  Cbc_solve(ip);
  out.ip_seconds = SecondsSince(start);
  out.proven_optimal = Cbc_isProvenOptimal(ip) != 0;
  out.hit_time_limit = Cbc_isSecondsLimitReached(ip) != 0;
  if (Cbc_bestSolution(ip) != nullptr) {
    out.best_integer = options.weighted ? Cbc_getObjValue(ip) : std::round(Cbc_getObjValue(ip));
    const double* x = Cbc_getColSolution(ip);
    for (size_t c = 0; c < model.cols.size(); ++c) {
      if (x[c] < 0.5) continue;
      const auto [st, s] = model.cols[c];
      engine::Enrollment e;
      e.student_id = school.students[st].id;
      e.section_id = school.sections[s].id;
      e.requested_course_id = school.sections[s].course_id;
      out.solution.push_back(std::move(e));
    }
  }
  // The objective is integral, so any bound may be rounded down; never report one looser than
  // the LP relaxation.
  out.best_bound = std::min(Cbc_getBestPossibleObjValue(ip), out.lp_relaxation);
  if (!options.weighted) out.best_bound = std::floor(out.best_bound + 1e-6);
  if (out.proven_optimal) out.best_bound = out.best_integer;
  Cbc_deleteModel(ip);
  return out;
}

}  // namespace secsched::bench
