// Refinement of the annealed master schedule on the exact per-student objective with seats
// counted (seated_students.h): moves aimed at the courses of students who cannot be seated
// completely (requests left out, or a seat over a section's capacity), accepted by an annealing
// criterion on that objective + kPairWeight x (the annealer's pairwise cost), plus re-seating
// moves that change only the students' choices.
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

// Runs `iterations` moves, fewer when the evaluation's work (SeatedStudents::work, a
// deterministic measure) passes `max_work`, when no better schedule came for a long while, or
// when `control` stops it; the temperature falls with whichever budget is further spent. Leaves
// the best schedule seen.
RefineStats Refine(const SchoolIndex& index, ScheduleState& state, long iterations, long max_work,
                   Rng& rng, RunControl& control);

}  // namespace secsched::engine
