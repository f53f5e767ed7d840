// The master schedule's moves. Each changes the state, asks `accept` whether to keep the change
// (given the change of ScheduleState's cost and the sections moved), and undoes it exactly when
// not. The annealer accepts by its temperature; the refinement also weighs the students' seats
// (seated_students.h).
#pragma once

#include <functional>
#include <vector>

#include "services/sectioning/engine/rng.h"
#include "services/sectioning/engine/schedule_state.h"

namespace secsched::engine {

// Where every section sits and who teaches it: the best schedule seen, to return to.
struct Slot {
  Placement placement;
  int room = -1;
  int teacher = -1;  // primary teacher
};
using Snapshot = std::vector<Slot>;
Snapshot Take(const ScheduleState& state);
void Restore(ScheduleState& state, const Snapshot& snap);

// Keep the move? Given the change of ScheduleState::cost and the sections the move placed anew.
using Accept = std::function<bool(double pair_delta, const std::vector<int>& moved)>;

// Places unplaced s at its cheapest feasible option (ties broken at random). False if none is
// feasible.
bool PlaceBest(ScheduleState& state, int s, Rng& rng);
// Moves s to a random option of its own.
bool TryRelocate(ScheduleState& state, int s, const Accept& accept, Rng& rng);
// Moves a SAME_PERIOD group together: group[0] to a random option, every partner to the same
// period in the first feasible term mask (from a random start). Unplaced members get placed too.
bool TryRelocateGroup(ScheduleState& state, const std::vector<int>& group, const Accept& accept,
                      Rng& rng);
// Swaps the slots of s and t (same meeting length, each slot allowed for the other; any courses,
// any teachers, as long as both teachers and rooms are free at the other's slot).
bool TrySwap(ScheduleState& state, int s, int t, const Accept& accept);
// Exchanges the primary teachers of two sections of one course and re-seats both where they were
// (placing a section that was unplaced at its cheapest option).
bool TryTeacherSwap(ScheduleState& state, int s, int t, const Accept& accept, Rng& rng);

}  // namespace secsched::engine
