// The optimum of the loading problem for a fixed master schedule, as a CBC integer program: the
// yardstick the engine's loader is measured against (docs/benchmarks.md).
//
// Model, for the school's placed sections (placements, teachers and rooms as given):
//   x[student, section] binary, only for a section of a course the student requests as a primary
//     request, which the student may take: placed, team allowed (the section's team, else its
//     course's, is empty or the student's), grade in the course's range, not in a period the
//     student keeps free, not taught by a teacher the student avoids;
//   each request met by at most one section of its course;
//   section capacity (its max_students, else its course's);
//   no two overlapping sections per student: for each student and each (period, term) cell, at
//     most one chosen section occupies it (two-period meetings occupy both periods);
//   course rules: for a student requesting both courses, no pair of sections violating the rule
//     (same semantics as the evaluator);
//   locked enrollments: x fixed to 1 where the variable exists;
//   maximise the number of primary requests met (alternates are not modelled: the engine's
//     primary-requests-met count can never exceed this optimum).
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "services/sectioning/engine/model.h"

namespace secsched::bench {

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
};

struct LoadOptimum {
  int variables = 0;
  int rows = 0;
  int requests = 0;              // primary requests in the school (the trivial upper bound)
  double lp_relaxation = 0;      // LP relaxation value (CLP): an upper bound on the optimum
  bool lp_optimal = false;       // false: CLP hit the time limit; lp_relaxation = requests then
  double best_integer = -1;      // best integer solution found (-1: none)
  double best_bound = 0;         // CBC's bound when it stopped (<= lp_relaxation)
  bool proven_optimal = false;   // best_integer is the optimum
  bool hit_time_limit = false;
  double lp_seconds = 0;
  double ip_seconds = 0;
  // CBC's best integer solution as enrollments (primary requests only; empty when none was found):
  // what the loader is diffed against when studying its gap (engine_bench --diff).
  std::vector<engine::Enrollment> solution;
  // The number to compare a loader with: the optimum when proven, else the bound (an upper bound
  // on the optimum; the bench prints which one it is).
  double reference() const { return proven_optimal ? best_integer : best_bound; }
};

// InvalidArgument (naming the id) when the school is malformed.
absl::StatusOr<LoadOptimum> SolveLoadOptimum(const engine::School& school,
                                             const LoadOptimumOptions& options = {});

}  // namespace secsched::bench
