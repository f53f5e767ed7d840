// The optimum of the loading problem for a fixed master schedule, as a CBC integer program: the
// yardstick the engine's loader is measured against (docs/benchmarks.md).
//
// Model, for the school's placed sections (placements, teachers and rooms as given):
//   x[student, section] binary, only for a section of a course the student requests as a primary
//     request, which the student may take: placed, team allowed (the section's team, else its
//     course's, is empty or the student's), grade in the course's range, not in a period the
//     student keeps free, not taught by a teacher the student avoids (engine/conflicts.h);
//   section capacity (its max_students, else its course's);
//   per student, at most one chosen section in every maximal clique of conflicting sections: two
//     sections conflict when they are of the same course (one section per request), clash in time
//     (SchoolIndex::Overlaps, so day rotation and term masks are the engine's own) or break a
//     course rule between their courses (the evaluator's semantics, engine::RulesHoldBetween);
//   locked enrollments: x fixed to 1 where the variable exists;
//   maximise the number of primary requests met (alternates are not modelled: the engine's
//     primary-requests-met count can never exceed this optimum).
// It is solved in a compact form (load_model.h): interchangeable sections merged into classes,
// identical students into groups with integer columns; CBC's solution is split back into a load.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/sectioning/engine/model.h"

namespace secsched::bound {

struct LoadOptimumOptions {
  double time_limit_seconds = 60;
  // Optional MIP start (e.g. the engine's own enrollments): its primary enrollments seed CBC's
  // incumbent. Enrollments that are not variables of the model are ignored.
  const std::vector<engine::Enrollment>* start = nullptr;
  // Maximise the loader's own weighted objective (LoaderState::RequestWeight: required requests
  // weigh about 3x) instead of the count of requests met. Used by engine_bench --diff to separate
  // the loader's search gap from the gap its weighting causes by design. The weighted optimum is
  // not integral: its values are not rounded.
  bool weighted = false;
  // Merge identical students into integer group columns (load_model.h). Off: one binary column
  // per (student, section class), the plain model (kept to check the aggregation against).
  bool aggregate = true;
  // Stop CBC once (bound - best integer) / bound is at most this (0: only at the optimum). The
  // result is then labelled "within gap", not "optimum".
  double relative_gap = 0;
  // CBC's log level (0 silent); above 0 also prints the model's clique statistics to stderr.
  int log_level = 0;
};

struct LoadOptimum {
  int variables = 0;
  int rows = 0;
  int students_in_model = 0;    // students with at least one column
  int groups = 0;               // student groups (= students_in_model when not aggregating)
  int section_classes = 0;      // interchangeable-section classes (<= placed sections)
  int requests = 0;             // primary requests in the school (the trivial upper bound)
  double lp_relaxation = 0;     // LP relaxation value (CLP): an upper bound on the optimum
  bool lp_optimal = false;      // false: CLP hit the time limit; lp_relaxation = requests then
  double best_integer = -1;     // best load found, the start included (-1: none)
  double best_bound = 0;        // the least upper bound found (<= lp_relaxation)
  bool proven_optimal = false;  // best_integer is the optimum (it reaches the bound)
  bool hit_time_limit = false;  // CBC stopped at its time limit
  // The last CBC run's group counts did not split into one clash-free schedule per member (a
  // group's conflict graph may hold an odd hole) and no time was left to solve again with those
  // students apart: best_integer is the best load found (split as well as it went, or the start),
  // and the bound still holds.
  bool split_failed = false;
  int cbc_rounds = 0;  // CBC runs (one more after each failed split)
  double lp_seconds = 0;
  double ip_seconds = 0;
  // CBC's best integer solution as enrollments (primary requests only; empty when none was found):
  // what the loader is diffed against when studying its gap (engine_bench --diff).
  std::vector<engine::Enrollment> solution;
  // The number to compare a loader with: the optimum when proven, else the bound (an upper bound
  // on the optimum; the bench prints which one it is).
  double reference() const { return proven_optimal ? best_integer : best_bound; }
  // "optimum"; "within gap" (CBC met relative_gap); or "bound" (time limit or failed split).
  const char* kind() const {
    if (proven_optimal) return "optimum";
    return hit_time_limit || split_failed ? "bound" : "within gap";
  }
};

// The school's primary enrollments as a point of the integer program above, in its plain form
// (one binary column per student and section class, so every row is exact): the independent
// cross-check that a load keeps what the model says a load must keep (eligibility, capacity,
// clashes, course rules, locks). Alternates are outside the model and not checked.
struct LoadFeasibility {
  int enrollments = 0;        // primary enrollments checked
  int without_column = 0;     // enrollments the model has no column for (ineligible, unplaced)
  int bounds_broken = 0;      // columns above 1 (twice the same class) or locks not held
  int rows_broken = 0;        // capacity and clash rows over their bound
  std::string first_problem;  // one example, for the report
  bool feasible() const { return without_column == 0 && bounds_broken == 0 && rows_broken == 0; }
};
absl::StatusOr<LoadFeasibility> CheckLoadFeasibility(const engine::School& school);

// InvalidArgument (naming the id) when the school is malformed.
absl::StatusOr<LoadOptimum> SolveLoadOptimum(const engine::School& school,
                                             const LoadOptimumOptions& options = {});

}  // namespace secsched::bound
