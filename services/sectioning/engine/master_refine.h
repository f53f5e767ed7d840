// Refinement of the annealed master schedule on the exact student objective (student_conflicts.h):
// moves aimed at the courses of students who cannot fit every request, accepted by a low-
// temperature annealing criterion on (weighted requests left out) + kPairWeight x (the annealer's
// pairwise cost). The exact objective ignores capacity; the pairwise term keeps sections of a
// course apart, which the loader needs to seat students (see master_refine.cc).
#pragma once

#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/rng.h"
#include "services/sectioning/engine/run_control.h"
#include "services/sectioning/engine/schedule_state.h"

namespace secsched::engine {

struct RefineStats {
  double before = 0;  // weighted requests left out, before and after
  double after = 0;
};

// Runs `iterations` moves, fewer when the evaluation's work (StudentConflicts::work, a
// deterministic measure) passes `max_work`, when no better schedule came for a long while, or
// when `control` stops it; the temperature falls with whichever budget is further spent. Leaves
// the best schedule seen.
RefineStats Refine(const SchoolIndex& index, ScheduleState& state, long iterations, long max_work,
                   Rng& rng, RunControl& control);

}  // namespace secsched::engine
