// Regrouping: a large-neighbourhood move for the loader's improvement phase. The one-step
// ejections of LoaderState::ScheduleStudent cannot find the seat exchanges the optimum of the
// loading problem makes across several students and courses (benchmark diff against CBC: the
// students the engine shortchanges want seats in sections that are full, usually 2–5 of them).
// Regrouping unloads an incomplete student together with a few members of the full sections it
// wants, reloads them with that student first, and keeps the result when the group as a whole
// scores no worse.
#pragma once

#include <vector>

#include "services/sectioning/engine/loader_state.h"
#include "services/sectioning/engine/rng.h"

namespace secsched::engine {

// The group regrouped around `student`: the student, then up to `extra` distinct members of
// sections of its unfilled primary requests (those sections it may take by grade and team), at
// random. Empty when the student has no unfilled primary request.
std::vector<int> PickRegroup(const LoaderState& state, int student, int extra, Rng& rng);

// Unloads every student of `group` (locked enrollments stay), reloads them in order (no ejection,
// so no one else moves), and keeps the new loads when the group's gain rose, or, with
// `accept_ties`, did not drop and no seat went from an upper grade to a lower one (moving along a
// plateau lets later moves find a gain). The gain is the change of the group's score plus a bonus
// (kCompleteBonus in loader_regroup.cc) per student made complete, minus it per student made
// incomplete. Otherwise restores the old loads exactly. Returns the gain (0 when restored).
double Regroup(LoaderState& state, const std::vector<int>& group, bool accept_ties, Rng& rng);

// Rounds of Regroup around each incomplete student (in `order`) until kQuietRounds rounds in a
// row gain nothing or `node_budget` (LoaderState::search_nodes) is spent, or `should_stop` says
// so. Rounds that gain nothing still move along plateaus (ties), from which later rounds often
// gain: at 2,800 realistic students (2026-11-29) gains kept coming for about 60 rounds. A reload
// takes no ties, so that nobody moves without a gain.
constexpr int kQuietRounds = 20;
template <typename ShouldStop>
void RegroupIncomplete(LoaderState& state, const std::vector<int>& order, long node_budget,
                       bool accept_ties, Rng& rng, ShouldStop should_stop) {
  constexpr int kMaxRounds = 200;
  int quiet = 0;  // rounds in a row that gained nothing
  for (int round = 0; round < kMaxRounds && quiet < kQuietRounds; ++round) {
    double gained = 0;
    for (int st : order) {
      if (state.search_nodes() > node_budget || should_stop()) return;
      if (state.Complete(st)) continue;
      // Small groups are cheap and usually enough; larger ones reach longer exchange chains.
      const std::vector<int> group = PickRegroup(state, st, 1 + rng.Below(8), rng);
      if (group.size() > 1) gained += Regroup(state, group, accept_ties, rng);
    }
    quiet = gained > 1e-9 ? 0 : quiet + 1;
  }
}

}  // namespace secsched::engine
