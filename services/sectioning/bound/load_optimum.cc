// The loading problem as a CBC integer program (model in load_optimum.h and load_model.h).
#include "services/sectioning/bound/load_optimum.h"

#include <Cbc_C_Interface.h>
#include <Clp_C_Interface.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "services/sectioning/bound/load_model.h"
#include "services/sectioning/engine/index.h"

namespace secsched::bound {
namespace {

using engine::School;
using engine::SchoolIndex;

// The model's matrix and bounds, as CBC and CLP load them.
struct Matrix {
  SparseColumns a;
  std::vector<double> obj, row_lower;
  Matrix(const LoadModel& m, bool weighted)
      : a(static_cast<int>(m.col_class.size()), m.rows),
        obj(weighted ? m.col_weight : std::vector<double>(m.col_class.size(), 1.0)),
        row_lower(m.rows.size(), -std::numeric_limits<double>::max()) {}
};

// The LP relaxation with CLP (CBC would also run its MIP machinery). Returns false when CLP did
// not prove optimality within the time limit (then it is not a bound).
bool SolveRelaxation(const LoadModel& m, const Matrix& a, double seconds, double& value) {
  Clp_Simplex* clp = Clp_newModel();
  Clp_setLogLevel(clp, 0);
  Clp_loadProblem(clp, static_cast<int>(m.col_class.size()), static_cast<int>(m.rows.size()),
                  a.a.start.data(), a.a.index.data(), a.a.value.data(), m.col_lower.data(),
                  m.col_upper.data(), a.obj.data(), a.row_lower.data(), m.row_upper.data());
  Clp_setOptimizationDirection(clp, -1);  // maximise
  Clp_setMaximumSeconds(clp, seconds);
  Clp_initialSolve(clp);  // presolve first: it removes many rows of this model
  const bool optimal = Clp_isProvenOptimal(clp) != 0;
  value = Clp_objectiveValue(clp);
  Clp_deleteModel(clp);
  return optimal;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The start's value per column (members of the group holding the class as a primary enrollment).
std::vector<double> StartCounts(const SchoolIndex& index, const LoadModel& m,
                                const std::vector<engine::Enrollment>& start) {
  std::vector<double> counts(m.col_class.size(), 0.0);
  for (const engine::Enrollment& e : start) {
    if (e.is_alternate) continue;
    const int st = index.StudentIndex(e.student_id), s = index.SectionIndex(e.section_id);
    if (st < 0 || s < 0) continue;
    const int col = m.ColumnOf(st, s);
    if (col >= 0) counts[col] += 1;
  }
  return counts;
}

// The start's objective value.
double StartValue(const SchoolIndex& index, const LoadModel& m, const std::vector<double>& obj,
                  const std::vector<engine::Enrollment>& start) {
  const std::vector<double> counts = StartCounts(index, m, start);
  double value = 0;
  for (size_t c = 0; c < counts.size(); ++c) value += counts[c] * obj[c];
  return value;
}

// CBC's column counts as a load. Each group's counts split into members' schedules (students
// of groups that did not split exactly go to `unsplit`, and their load covers less than the
// counts), then each class's students spread over its sections (locked sections first, then the
// section the student holds in `start`, so a diff against the start shows real differences).
// Returns the load's objective value.
double ToEnrollments(const SchoolIndex& index, const LoadModel& m, const std::vector<double>& obj,
                     const double* x, const std::vector<engine::Enrollment>* start,
                     std::vector<engine::Enrollment>& out, std::vector<int>& unsplit) {
  const School& school = index.school();
  double value = 0;
  std::vector<std::vector<int>> students_of_class(m.classes.size());
  for (const StudentGroup& g : m.groups) {
    std::vector<int> counts(g.num_cols);
    std::vector<double> weights(g.num_cols);
    for (int c = 0; c < g.num_cols; ++c) {
      counts[c] = static_cast<int>(std::lround(x[g.first_col + c]));
      weights[c] = obj[g.first_col + c];
    }
    std::vector<std::vector<int>> per_member;
    if (!DecomposeGroup(g, counts, weights, per_member))
      unsplit.insert(unsplit.end(), g.students.begin(), g.students.end());
    for (size_t i = 0; i < g.students.size(); ++i)
      for (int c : per_member[i]) {
        students_of_class[m.col_class[g.first_col + c]].push_back(g.students[i]);
        value += weights[c];
      }
  }
  std::vector<std::vector<int>> wanted(school.students.size());  // sections locked or in start
  for (size_t i = 0; i < school.students.size(); ++i)
    for (const std::string& id : school.students[i].locked_section_ids)
      wanted[i].push_back(index.SectionIndex(id));
  if (start)
    for (const engine::Enrollment& e : *start)
      if (!e.is_alternate && index.StudentIndex(e.student_id) >= 0)
        wanted[index.StudentIndex(e.student_id)].push_back(index.SectionIndex(e.section_id));
  for (size_t cls = 0; cls < m.classes.size(); ++cls) {
    const std::vector<int>& sections = m.classes[cls].sections;
    std::vector<int> seats;
    for (int s : sections) seats.push_back(index.Capacity(s));
    std::vector<int> section_of(students_of_class[cls].size(), -1);
    for (size_t k = 0; k < section_of.size(); ++k)  // wanted sections first (locks come first)
      for (int w : wanted[students_of_class[cls][k]]) {
        auto it = std::find(sections.begin(), sections.end(), w);
        if (section_of[k] < 0 && it != sections.end() && seats[it - sections.begin()] > 0) {
          section_of[k] = w;
          --seats[it - sections.begin()];
        }
      }
    for (size_t k = 0; k < section_of.size(); ++k) {
      // The class's capacity row holds its students, so a seat is always left.
      for (size_t j = 0; section_of[k] < 0 && j < sections.size(); ++j)
        if (seats[j] > 0) section_of[k] = sections[j], --seats[j];
      engine::Enrollment e;
      e.student_id = school.students[students_of_class[cls][k]].id;
      e.section_id = school.sections[section_of[k]].id;
      e.requested_course_id = school.sections[section_of[k]].course_id;
      out.push_back(std::move(e));
    }
  }
  return value;
}

// One CBC run on one model.
struct Round {
  double bound = 0;  // an upper bound on the optimum (the model is exact or a relaxation)
  bool time_limit = false;
  bool solved = false;  // CBC has an integer solution: `value`, `load`, `unsplit` are set
  double value = 0;
  std::vector<engine::Enrollment> load;
  std::vector<int> unsplit;
};

Round SolveRound(const SchoolIndex& index, const LoadModel& model,
                 const LoadOptimumOptions& options, double seconds,
                 const std::vector<engine::Enrollment>* start) {
  const int ncols = static_cast<int>(model.col_class.size());
  const Matrix matrix(model, options.weighted);
  Cbc_Model* ip = Cbc_newModel();
  Cbc_loadProblem(ip, ncols, static_cast<int>(model.rows.size()), matrix.a.start.data(),
                  matrix.a.index.data(), matrix.a.value.data(), model.col_lower.data(),
                  model.col_upper.data(), matrix.obj.data(), matrix.row_lower.data(),
                  model.row_upper.data());
  Cbc_setObjSense(ip, -1);
  Cbc_setLogLevel(ip, options.log_level);
  for (int c = 0; c < ncols; ++c) Cbc_setInteger(ip, c);
  // Both: the model's limit, and the driver's "sec" parameter, which Cbc_solve passes to
  // CbcMain1 (without it the root node's cuts and heuristics overrun the limit by minutes).
  Cbc_setMaximumSeconds(ip, seconds);
  Cbc_setParameter(ip, "sec", std::to_string(seconds).c_str());
  // CBC 2.10's preprocessing crashes in CglPreProcess::postProcess when the time limit stops it
  // (seen at 1,200 students); the clique rows already are what it would derive.
  Cbc_setParameter(ip, "preprocess", "off");
  // The count objective is integral: a bound less than one above the incumbent proves it.
  if (!options.weighted) Cbc_setAllowableGap(ip, 0.999);
  if (options.relative_gap > 0) Cbc_setAllowableFractionGap(ip, options.relative_gap);
  if (start) {
    // A complete start (every column given): CBC only accepts a partial one if it can complete
    // it by an LP, which fails on this model.
    const std::vector<double> values = StartCounts(index, model, *start);
    std::vector<int> cols(ncols);
    for (int c = 0; c < ncols; ++c) cols[c] = c;
    Cbc_setMIPStartI(ip, ncols, cols.data(), values.data());
  }
  Cbc_solve(ip);
  Round round;
  round.time_limit = Cbc_isSecondsLimitReached(ip) != 0;
  round.bound = Cbc_getBestPossibleObjValue(ip);
  // A finished search (no gap allowance but the integral one) proves its incumbent optimal.
  if (Cbc_isProvenOptimal(ip) && !round.time_limit && options.relative_gap <= 0 &&
      Cbc_bestSolution(ip) != nullptr)
    round.bound = std::min(round.bound, Cbc_getObjValue(ip) + (options.weighted ? 1e-9 : 0.999));
  if (options.log_level > 0)
    std::fprintf(stderr,
                 "CBC round: %d columns, status %d, proven %d, time limit %d, objective "
                 "%.2f, bound %.2f\n",
                 ncols, Cbc_status(ip), Cbc_isProvenOptimal(ip), Cbc_isSecondsLimitReached(ip),
                 Cbc_getObjValue(ip), round.bound);
  if (Cbc_bestSolution(ip) != nullptr) {
    round.solved = true;
    round.value = ToEnrollments(index, model, matrix.obj, Cbc_getColSolution(ip), start, round.load,
                                round.unsplit);
  }
  Cbc_deleteModel(ip);
  return round;
}

}  // namespace

absl::StatusOr<LoadFeasibility> CheckLoadFeasibility(const School& school) {
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  if (!index.ok()) return index.status();
  const LoadModel model =
      BuildLoadModel(*index, {/*aggregate=*/false, /*weighted=*/false, nullptr});
  LoadFeasibility out;
  for (const engine::Enrollment& e : school.enrollments) {
    if (e.is_alternate) continue;
    ++out.enrollments;
    const int st = index->StudentIndex(e.student_id), s = index->SectionIndex(e.section_id);
    if (st >= 0 && s >= 0 && model.ColumnOf(st, s) >= 0) continue;
    if (out.first_problem.empty())
      out.first_problem = "no column for " + e.student_id + " in " + e.section_id;
    ++out.without_column;
  }
  const std::vector<double> counts = StartCounts(*index, model, school.enrollments);
  for (size_t c = 0; c < counts.size(); ++c) {
    if (counts[c] >= model.col_lower[c] - 1e-9 && counts[c] <= model.col_upper[c] + 1e-9) continue;
    if (out.first_problem.empty())
      out.first_problem = "column bound broken for " +
                          school.students[model.groups[model.col_group[c]].students[0]].id;
    ++out.bounds_broken;
  }
  for (size_t r = 0; r < model.rows.size(); ++r) {
    double sum = 0;
    for (int c : model.rows[r]) sum += counts[c];
    if (sum <= model.row_upper[r] + 1e-9) continue;
    if (out.first_problem.empty())
      out.first_problem = "row " + std::to_string(r) + " holds " + std::to_string(sum) +
                          " over its bound " + std::to_string(model.row_upper[r]);
    ++out.rows_broken;
  }
  return out;
}

absl::StatusOr<LoadOptimum> SolveLoadOptimum(const School& school,
                                             const LoadOptimumOptions& options) {
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  if (!index.ok()) return index.status();
  std::vector<bool> apart(school.students.size(), false);
  LoadModel model = BuildLoadModel(*index, {options.aggregate, options.weighted, &apart});
  const int ncols = static_cast<int>(model.col_class.size());
  LoadOptimum out;
  out.variables = ncols;
  out.rows = static_cast<int>(model.rows.size());
  out.requests = model.requests;
  out.groups = static_cast<int>(model.groups.size());
  out.section_classes = static_cast<int>(model.classes.size());
  for (const StudentGroup& g : model.groups)
    out.students_in_model += static_cast<int>(g.students.size());
  if (ncols == 0) {
    out.proven_optimal = true;
    out.best_integer = 0;
    return out;
  }

  // The LP relaxation: the same for the grouped and the plain model (a group's LP solution
  // divided by its size is each member's), so it is solved once.
  const Matrix matrix(model, options.weighted);
  auto start = std::chrono::steady_clock::now();
  out.lp_optimal = SolveRelaxation(model, matrix, options.time_limit_seconds, out.lp_relaxation);
  if (!out.lp_optimal) {  // only the trivial bound is certain
    out.lp_relaxation = 0;
    for (int c = 0; c < ncols; ++c) out.lp_relaxation += matrix.obj[c] * model.col_upper[c];
    if (!options.weighted) out.lp_relaxation = std::min<double>(out.lp_relaxation, out.requests);
  }
  out.lp_seconds = SecondsSince(start);
  out.best_bound = out.lp_relaxation;
  if (options.start) out.best_integer = StartValue(*index, model, matrix.obj, *options.start);

  // CBC on the grouped model; groups whose counts do not split into members' schedules are
  // taken apart and the model solved again (from the best load so far), within the time limit.
  start = std::chrono::steady_clock::now();
  for (;;) {
    const double seconds = options.time_limit_seconds - SecondsSince(start);
    const std::vector<engine::Enrollment>* from =
        out.solution.empty() ? options.start : &out.solution;
    Round round = SolveRound(*index, model, options, std::max(seconds, 1.0), from);
    ++out.cbc_rounds;
    out.best_bound = std::min(out.best_bound, round.bound);
    out.hit_time_limit = round.time_limit;
    if (round.solved && round.value > out.best_integer + 1e-9) {
      out.best_integer = round.value;
      out.solution = std::move(round.load);
    }
    out.split_failed = round.solved && !round.unsplit.empty();
    const double bound = options.weighted ? out.best_bound : std::floor(out.best_bound + 1e-6);
    if (!out.split_failed || out.best_integer >= bound - 1e-6 || round.time_limit ||
        SecondsSince(start) >= options.time_limit_seconds)
      break;
    for (int st : round.unsplit) apart[st] = true;
    model = BuildLoadModel(*index, {options.aggregate, options.weighted, &apart});
  }
  out.ip_seconds = SecondsSince(start);
  if (out.solution.empty() && options.start)  // CBC found nothing better: the start is the best
    for (const engine::Enrollment& e : *options.start)
      if (!e.is_alternate &&
          model.ColumnOf(index->StudentIndex(e.student_id), index->SectionIndex(e.section_id)) >= 0)
        out.solution.push_back(e);
  // The count objective is integral, so its bound may be rounded down. The optimum is proven when
  // the best load reaches the bound.
  if (!options.weighted) out.best_bound = std::floor(out.best_bound + 1e-6);
  out.proven_optimal = out.best_integer >= out.best_bound - (options.weighted ? 1e-6 : 0);
  if (out.proven_optimal) out.best_bound = out.best_integer, out.split_failed = false;
  return out;
}

}  // namespace secsched::bound
