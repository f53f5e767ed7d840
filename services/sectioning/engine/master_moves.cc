#include "services/sectioning/engine/master_moves.h"

#include <algorithm>
#include <cmath>

namespace secsched::engine {

Snapshot Take(const ScheduleState& state) {
  Snapshot snap(state.num_sections());
  for (int s = 0; s < state.num_sections(); ++s)
    snap[s] = {state.placement(s), state.room(s), state.primary_teacher(s)};
  return snap;
}

void Restore(ScheduleState& state, const Snapshot& snap) {
  for (int s = 0; s < state.num_sections(); ++s)
    if (state.movable(s) && state.placement(s).placed()) state.Remove(s);
  for (int s = 0; s < state.num_sections(); ++s)
    if (state.movable(s) && snap[s].teacher >= 0) state.SetPrimaryTeacher(s, snap[s].teacher);
  for (int s = 0; s < state.num_sections(); ++s)
    if (state.movable(s) && snap[s].placement.placed())
      state.Add(s, snap[s].placement, snap[s].room);
}

// Places s at its cheapest feasible option (ties broken at random). False if none is feasible.
bool PlaceBest(ScheduleState& state, int s, Rng& rng) {
  double best_cost = 0;
  int best = -1, best_room = -1, ties = 0;
  const std::vector<Placement>& options = state.options(s);
  for (int o = 0; o < static_cast<int>(options.size()); ++o) {
    const int room = state.FindRoomIfFeasible(s, options[o]);
    if (room == -2) continue;
    const double cost = state.AddCost(s, options[o]);
    if (best < 0 || cost < best_cost - 1e-9) {
      best = o, best_cost = cost, best_room = room, ties = 1;
    } else if (cost <= best_cost + 1e-9 && rng.Below(++ties) == 0) {
      best = o, best_room = room;
    }
  }
  if (best < 0) return false;
  state.Add(s, options[best], best_room);
  return true;
}

// Moves s to a random option; keeps the move when the annealing criterion accepts it.
bool TryRelocate(ScheduleState& state, int s, const Accept& accept, Rng& rng) {
  const std::vector<Placement>& options = state.options(s);
  const Placement target = options[rng.Below(static_cast<int>(options.size()))];
  const Placement from = state.placement(s);
  if (target == from) return false;
  const int from_room = state.room(s);
  const double before = state.cost();
  if (from.placed()) state.Remove(s);
  const int room = state.FindRoomIfFeasible(s, target);
  if (room != -2) {
    state.Add(s, target, room);
    if (accept(state.cost() - before, {s})) return true;
    state.Remove(s);
  }
  if (from.placed()) state.Add(s, from, from_room);
  return false;
}

// Moves a SAME_PERIOD group together: s to a random option, every partner to the same period in
// the first term mask (from a random start) that is feasible. Unplaced members get placed too.
bool TryRelocateGroup(ScheduleState& state, const std::vector<int>& group, const Accept& accept,
                      Rng& rng) {
  for (int x : group)
    if (!state.movable(x) || state.options(x).empty()) return false;
  const std::vector<Placement>& options = state.options(group[0]);
  const Placement target = options[rng.Below(static_cast<int>(options.size()))];
  std::vector<Slot> old;
  for (int x : group) old.push_back({state.placement(x), state.room(x), -1});
  const double before = state.cost();
  for (int x : group)
    if (state.placement(x).placed()) state.Remove(x);
  bool ok = true;
  for (size_t i = 0; i < group.size() && ok; ++i) {
    const int x = group[i];
    const std::vector<Placement>& mine = state.options(x);
    const int start = rng.Below(static_cast<int>(mine.size()));
    ok = false;
    for (size_t k = 0; k < mine.size() && !ok; ++k) {
      const Placement& p = mine[(start + k) % mine.size()];
      if (i == 0 ? !(p == target) : p.period != target.period) continue;
      const int room = state.FindRoomIfFeasible(x, p);
      if (room == -2) continue;
      state.Add(x, p, room);
      ok = true;
    }
  }
  if (ok && accept(state.cost() - before, group)) return true;
  for (int x : group)
    if (state.placement(x).placed()) state.Remove(x);
  for (size_t i = 0; i < group.size(); ++i)
    if (old[i].placement.placed()) state.Add(group[i], old[i].placement, old[i].room);
  return false;
}

// Swaps the slots of s and t (same meeting length, each slot allowed for the other).
bool TrySwap(ScheduleState& state, int s, int t, const Accept& accept) {
  if (s == t || !state.movable(t) || state.periods_per_meeting(s) != state.periods_per_meeting(t))
    return false;
  const Placement ps = state.placement(s), pt = state.placement(t);
  if (!ps.placed() || !pt.placed() || ps == pt) return false;
  auto allowed = [&](int x, const Placement& p) {
    const auto& o = state.options(x);
    return std::find(o.begin(), o.end(), p) != o.end();
  };
  if (!allowed(s, pt) || !allowed(t, ps)) return false;
  const int rs = state.room(s), rt = state.room(t);
  const double before = state.cost();
  state.Remove(s);
  state.Remove(t);
  const int new_rs = state.FindRoomIfFeasible(s, pt);
  if (new_rs != -2) {
    state.Add(s, pt, new_rs);
    const int new_rt = state.FindRoomIfFeasible(t, ps);
    if (new_rt != -2) {
      state.Add(t, ps, new_rt);
      if (accept(state.cost() - before, {s, t})) return true;
      state.Remove(t);
    }
    state.Remove(s);
  }
  state.Add(s, ps, rs);
  state.Add(t, pt, rt);
  return false;
}

// Exchanges the primary teachers of two sections of one course and re-seats both where they were
// (placing a section that was unplaced at its cheapest option): lets the search escape a bad
// teacher split without changing teacher loads.
bool TryTeacherSwap(ScheduleState& state, int s, int t, const Accept& accept, Rng& rng) {
  if (s == t || !state.movable(t) || state.course(s) != state.course(t)) return false;
  if (state.primary_teacher(s) < 0 || state.primary_teacher(t) < 0 ||
      state.primary_teacher(s) == state.primary_teacher(t))
    return false;
  const Slot old_s{state.placement(s), state.room(s), -1},
      old_t{state.placement(t), state.room(t), -1};
  const double before = state.cost();
  if (old_s.placement.placed()) state.Remove(s);
  if (old_t.placement.placed()) state.Remove(t);
  state.SwapPrimaryTeachers(s, t);
  bool ok = true;
  for (auto [x, old] : {std::pair{s, old_s}, std::pair{t, old_t}}) {
    if (!old.placement.placed()) continue;
    const int room = state.FindRoomIfFeasible(x, old.placement);
    if (room == -2) {
      ok = false;
      break;
    }
    state.Add(x, old.placement, room);
  }
  if (ok) {
    for (int x : {s, t})
      if (!state.placement(x).placed()) PlaceBest(state, x, rng);
    if (accept(state.cost() - before, {s, t})) return true;
  }
  for (int x : {s, t})
    if (state.placement(x).placed()) state.Remove(x);
  state.SwapPrimaryTeachers(s, t);
  if (old_s.placement.placed()) state.Add(s, old_s.placement, old_s.room);
  if (old_t.placement.placed()) state.Add(t, old_t.placement, old_t.room);
  return false;
}

}  // namespace secsched::engine
