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
  int teacher = -1;  // primary teacher
};
using Snapshot = std::vector<Slot>;

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

// Moves a SAME_PERIOD group together: s to a random option, every partner to the same period in
// the first term mask (from a random start) that is feasible. Unplaced members get placed too.
bool TryRelocateGroup(ScheduleState& state, const std::vector<int>& group, double temperature,
                      Rng& rng) {
  for (int x : group)
    if (!state.movable(x)) return false;
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
  if (ok) {
    const double delta = state.cost() - before;
    if (delta <= 0 || rng.Unit() < std::exp(-delta / temperature)) return true;
  }
  for (int x : group)
    if (state.placement(x).placed()) state.Remove(x);
  for (size_t i = 0; i < group.size(); ++i)
    if (old[i].placement.placed()) state.Add(group[i], old[i].placement, old[i].room);
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

// Exchanges the primary teachers of two sections of one course and re-seats both where they were
// (placing a section that was unplaced at its cheapest option): lets the search escape a bad
// teacher split without changing teacher loads.
bool TryTeacherSwap(ScheduleState& state, int s, int t, double temperature, Rng& rng) {
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
    const double delta = state.cost() - before;
    if (delta <= 0 || rng.Unit() < std::exp(-delta / temperature)) return true;
  }
  for (int x : {s, t})
    if (state.placement(x).placed()) state.Remove(x);
  state.SwapPrimaryTeachers(s, t);
  if (old_s.placement.placed()) state.Add(s, old_s.placement, old_s.room);
  if (old_t.placement.placed()) state.Add(t, old_t.placement, old_t.room);
  return false;
}

// Simulated annealing from the constructed schedule; leaves the best schedule seen in `state`.
void Anneal(const SchoolIndex& index, ScheduleState& state, Rng& rng, RunControl& control) {
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
  std::vector<std::vector<int>> groups(state.num_sections());  // SAME_PERIOD groups of 2+
  for (int s : movable)
    if (std::vector<int> g = state.SamePeriodGroup(s); g.size() > 1) groups[s] = std::move(g);
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
    const double temperature =
        t_start * std::pow(t_end / t_start, static_cast<double>(it) / iterations);
    const int s = movable[rng.Below(static_cast<int>(movable.size()))];
    bool moved;
    const int kind = rng.Below(8);
    if (kind == 0 || (!state.placement(s).placed() && kind < 4)) {
      const std::vector<int>& siblings = index.SectionsOfCourse(state.course(s));
      moved = TryTeacherSwap(state, s, siblings[rng.Below(static_cast<int>(siblings.size()))],
                             temperature, rng);
    } else if (kind <= 3 && !state.teachers(s).empty() && state.placement(s).placed()) {
      const std::vector<int>& mates = by_teacher[state.teachers(s).front()];
      moved = TrySwap(state, s, mates[rng.Below(static_cast<int>(mates.size()))], temperature, rng);
    } else if (!groups[s].empty()) {
      moved = TryRelocateGroup(state, groups[s], temperature, rng);
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

// Depth-first search for one clash-free section per course. `choices[d]` holds one section per
// distinct (placement, link group) of the d-th course: sections alike in both are interchangeable.
bool Assignable(const SchoolIndex& index, const std::vector<std::vector<int>>& choices,
                size_t depth, PeriodTermGrid& timetable, std::vector<int>& chosen, long& budget) {
  if (depth == choices.size()) return true;
  if (--budget < 0) return true;
  for (int s : choices[depth]) {
    const Placement& p = index.school().sections[s].placement;
    const int ppm = index.PeriodsPerMeeting(s);
    if (!timetable.Free(p, ppm)) continue;
    if (!index.RulesOfCourse(index.CourseIndexOfSection(s)).empty() &&
        std::any_of(chosen.begin(), chosen.end(),
                    [&](int c) { return !RulesHoldBetween(index, s, c); }))
      continue;
    timetable.Add(p, ppm);
    chosen.push_back(s);
    const bool found = Assignable(index, choices, depth + 1, timetable, chosen, budget);
    chosen.pop_back();
    timetable.Remove(p, ppm);
    if (found) return true;
  }
  return false;
}

}  // namespace

int CountConflictedStudents(const SchoolIndex& index) {
  const School& school = index.school();
  std::vector<std::vector<int>> distinct(school.courses.size());
  for (int c = 0; c < static_cast<int>(school.courses.size()); ++c) {
    for (int s : index.SectionsOfCourse(c)) {
      const Section& sec = school.sections[s];
      if (!sec.placement.placed()) continue;
      const bool seen = std::any_of(distinct[c].begin(), distinct[c].end(), [&](int o) {
        return school.sections[o].placement == sec.placement &&
               school.sections[o].link_group == sec.link_group;
      });
      if (!seen) distinct[c].push_back(s);
    }
  }
  int conflicted = 0;
  for (const Student& student : school.students) {
    std::vector<int> courses;
    for (const Request& r : student.requests) courses.push_back(index.CourseIndex(r.course_id));
    std::sort(courses.begin(), courses.end());
    courses.erase(std::unique(courses.begin(), courses.end()), courses.end());
    std::stable_sort(courses.begin(), courses.end(),
                     [&](int a, int b) { return distinct[a].size() < distinct[b].size(); });
    std::vector<std::vector<int>> choices;
    for (int c : courses) choices.push_back(distinct[c]);
    PeriodTermGrid timetable(index.periods_per_day());
    std::vector<int> chosen;
    long budget = 5000;
    if (!Assignable(index, choices, 0, timetable, chosen, budget)) ++conflicted;
  }
  return conflicted;
}

absl::StatusOr<MasterScheduleResult> BuildMasterSchedule(const School& school,
                                                         const RunOptions& options) {
  if (absl::StatusOr<SchoolIndex> check = SchoolIndex::Build(school); !check.ok())
    return check.status();
  MasterScheduleResult result;
  // BuildSections keeps the given sections and only tops up courses that have too few, so a
  // school with all its sections is scheduled as given.
  School work = school;
  RunOptions quiet = options;  // the master schedule reports its own progress
  quiet.on_progress = nullptr;
  absl::StatusOr<BuildSectionsResult> built = BuildSections(school, quiet);
  if (!built.ok()) return built.status();
  work.sections = std::move(built->sections);
  result.warnings = std::move(built->warnings);
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(work);
  if (!index.ok()) return index.status();
  AssignLinkGroups(*index, work.sections);

  RunControl control(options);
  Rng rng(options.seed);
  ScheduleState state(*index, result.warnings);
  control.Report("construct", 0, state.cost());
  Construct(state, rng, control);
  // Retry what construction could not place once more after annealing has reshuffled.
  Anneal(*index, state, rng, control);
  for (int s = 0; s < state.num_sections(); ++s)
    if (state.movable(s) && !state.placement(s).placed()) PlaceBest(state, s, rng);
  result.cancelled = control.cancelled();

  for (int s = 0; s < state.num_sections(); ++s) {
    Section& out = work.sections[s];
    if (!state.movable(s)) continue;
    out.placement = state.placement(s);
    if (state.primary_teacher(s) >= 0) out.teacher_id = work.teachers[state.primary_teacher(s)].id;
    if (state.room(s) >= 0) out.room_id = work.rooms[state.room(s)].id;
    if (!out.placement.placed()) result.unplaced_section_ids.push_back(out.id);
  }
  for (int s = 0; s < state.num_sections(); ++s)
    if (!state.movable(s) && !work.sections[s].placement.placed())
      result.unplaced_section_ids.push_back(work.sections[s].id);
  result.conflict_score =
      state.RecomputeCost() -
      ScheduleState::kUnplacedPenalty * static_cast<double>(result.unplaced_section_ids.size());
  control.Report("count_conflicts", 97, result.conflict_score);
  result.conflicted_students = CountConflictedStudents(*index);
  result.sections = std::move(work.sections);
  control.Report("done", 100, result.conflict_score);
  return result;
}

}  // namespace secsched::engine
