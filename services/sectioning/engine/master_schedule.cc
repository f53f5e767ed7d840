#include "services/sectioning/engine/master_schedule.h"

#include <algorithm>
#include <cmath>

#include "services/sectioning/engine/build_sections.h"
#include "services/sectioning/engine/conflicts.h"
#include "services/sectioning/engine/rng.h"
#include "services/sectioning/engine/run_control.h"
#include "services/sectioning/engine/schedule_state.h"

namespace secsched::engine {
namespace {

struct Slot {
  Placement placement;
  int room = -1;
};
using Snapshot = std::vector<Slot>;

Snapshot Take(const ScheduleState& state) {
  Snapshot snap(state.num_sections());
  for (int s = 0; s < state.num_sections(); ++s) snap[s] = {state.placement(s), state.room(s)};
  return snap;
}

void Restore(ScheduleState& state, const Snapshot& snap) {
  for (int s = 0; s < state.num_sections(); ++s)
    if (state.movable(s) && state.placement(s).placed()) state.Remove(s);
  for (int s = 0; s < state.num_sections(); ++s)
    if (state.movable(s) && snap[s].placement.placed()) state.Add(s, snap[s].placement, snap[s].room);
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

void Construct(ScheduleState& state, Rng& rng, RunControl& control) {
  std::vector<int> order;
  for (int s = 0; s < state.num_sections(); ++s)
    if (state.movable(s)) order.push_back(s);
  std::vector<double> priority(state.num_sections());
  for (int s : order) priority[s] = state.ConstructionPriority(s) * (1.0 + 1e-6 * rng.Unit());
  std::sort(order.begin(), order.end(), [&](int a, int b) { return priority[a] > priority[b]; });
  for (size_t i = 0; i < order.size(); ++i) {
    if (control.ShouldStop()) return;
    PlaceBest(state, order[i], rng);
  }
}

// Moves s to a random option; keeps the move when the annealing criterion accepts it.
bool TryRelocate(ScheduleState& state, int s, double temperature, Rng& rng) {
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
    const double delta = state.cost() - before;
    if (delta <= 0 || rng.Unit() < std::exp(-delta / temperature)) return true;
    state.Remove(s);
  }
  if (from.placed()) state.Add(s, from, from_room);
  return false;
}

// Swaps the slots of s and t (same meeting length, each slot allowed for the other).
bool TrySwap(ScheduleState& state, int s, int t, double temperature, Rng& rng) {
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
      const double delta = state.cost() - before;
      if (delta <= 0 || rng.Unit() < std::exp(-delta / temperature)) return true;
      state.Remove(t);
    }
    state.Remove(s);
  }
  state.Add(s, ps, rs);
  state.Add(t, pt, rt);
  return false;
}

// Simulated annealing from the constructed schedule; leaves the best schedule seen in `state`.
void Anneal(ScheduleState& state, Rng& rng, RunControl& control) {
  std::vector<int> movable;
  std::vector<std::vector<int>> by_teacher;
  for (int s = 0; s < state.num_sections(); ++s) {
    if (!state.movable(s) || state.options(s).empty()) continue;
    movable.push_back(s);
    if (!state.teachers(s).empty()) {
      const int t = state.teachers(s).front();
      if (t >= static_cast<int>(by_teacher.size())) by_teacher.resize(t + 1);
      by_teacher[t].push_back(s);
    }
  }
  if (movable.empty()) return;
  const long iterations = 3000L * static_cast<long>(movable.size());
  // Start hot enough to accept the typical single-pair worsening, end near greedy.
  double total_weight = 0;
  for (int s : movable) total_weight += state.ConstructionPriority(s) * state.options(s).size();
  const double t_start = std::max(1e-3, 0.5 * total_weight / movable.size());
  const double t_end = t_start * 1e-4;
  Snapshot best = Take(state);
  double best_cost = state.cost();
  for (long it = 0; it < iterations; ++it) {
    if (control.ShouldStop()) break;
    const double temperature = t_start * std::pow(t_end / t_start, static_cast<double>(it) / iterations);
    const int s = movable[rng.Below(static_cast<int>(movable.size()))];
    bool moved;
    if (rng.Below(3) == 0 && !state.teachers(s).empty()) {
      const std::vector<int>& mates = by_teacher[state.teachers(s).front()];
      moved = TrySwap(state, s, mates[rng.Below(static_cast<int>(mates.size()))], temperature, rng);
    } else {
      moved = TryRelocate(state, s, temperature, rng);
    }
    if (moved && state.cost() < best_cost - 1e-9) {
      best_cost = state.cost();
      best = Take(state);
    }
    if (it % 20000 == 0)
      control.Report("anneal", 10 + 85.0 * it / iterations, std::min(best_cost, state.cost()));
  }
  Restore(state, best);
}

// Depth-first search for one clash-free section per course.
bool Assignable(const SchoolIndex& index, const std::vector<int>& courses, size_t depth,
                std::vector<int>& chosen, long& budget) {
  if (depth == courses.size()) return true;
  if (--budget < 0) return true;
  for (int s : index.SectionsOfCourse(courses[depth])) {
    if (!index.school().sections[s].placement.placed()) continue;
    bool ok = true;
    for (int c : chosen)
      if (TimeClash(index, s, c) || !RulesHoldBetween(index, s, c)) { ok = false; break; }
    if (!ok) continue;
    chosen.push_back(s);
    const bool found = Assignable(index, courses, depth + 1, chosen, budget);
    chosen.pop_back();
    if (found) return true;
  }
  return false;
}

}  // namespace

int CountConflictedStudents(const SchoolIndex& index) {
  int conflicted = 0;
  for (const Student& student : index.school().students) {
    std::vector<int> courses;
    for (const Request& r : student.requests) courses.push_back(index.CourseIndex(r.course_id));
    std::sort(courses.begin(), courses.end());
    courses.erase(std::unique(courses.begin(), courses.end()), courses.end());
    std::stable_sort(courses.begin(), courses.end(), [&](int a, int b) {
      return index.SectionsOfCourse(a).size() < index.SectionsOfCourse(b).size();
    });
    std::vector<int> chosen;
    long budget = 20000;
    if (!Assignable(index, courses, 0, chosen, budget)) ++conflicted;
  }
  return conflicted;
}

absl::StatusOr<MasterScheduleResult> BuildMasterSchedule(const School& school,
                                                         const RunOptions& options) {
  if (absl::StatusOr<SchoolIndex> check = SchoolIndex::Build(school); !check.ok())
    return check.status();
  MasterScheduleResult result;
  School work = school;
  if (work.sections.empty()) {
    absl::StatusOr<BuildSectionsResult> built = BuildSections(school, options);
    if (!built.ok()) return built.status();
    work.sections = std::move(built->sections);
    result.warnings = std::move(built->warnings);
  } else {
    AssignTeachers(work, work.sections, result.warnings);
  }
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(work);
  if (!index.ok()) return index.status();
  AssignLinkGroups(*index, work.sections);

  RunControl control(options);
  Rng rng(options.seed);
  ScheduleState state(*index, result.warnings);
  control.Report("construct", 0, state.cost());
  Construct(state, rng, control);
  // Retry what construction could not place once more after annealing has reshuffled.
  Anneal(state, rng, control);
  for (int s = 0; s < state.num_sections(); ++s)
    if (state.movable(s) && !state.placement(s).placed()) PlaceBest(state, s, rng);
  result.cancelled = control.cancelled();

  for (int s = 0; s < state.num_sections(); ++s) {
    Section& out = work.sections[s];
    if (!state.movable(s)) continue;
    out.placement = state.placement(s);
    if (state.room(s) >= 0) out.room_id = work.rooms[state.room(s)].id;
    if (!out.placement.placed()) result.unplaced_section_ids.push_back(out.id);
  }
  for (int s = 0; s < state.num_sections(); ++s)
    if (!state.movable(s) && !work.sections[s].placement.placed())
      result.unplaced_section_ids.push_back(work.sections[s].id);
  result.conflict_score = state.RecomputeCost() -
                          ScheduleState::kUnplacedPenalty *
                              static_cast<double>(result.unplaced_section_ids.size());
  result.conflicted_students = CountConflictedStudents(*index);
  result.sections = std::move(work.sections);
  control.Report("done", 100, result.conflict_score);
  return result;
}

}  // namespace secsched::engine
