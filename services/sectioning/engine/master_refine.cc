#include "services/sectioning/engine/master_refine.h"

#include <algorithm>
#include <cmath>

#include "services/sectioning/engine/master_moves.h"
#include "services/sectioning/engine/seated_students.h"

namespace secsched::engine {
namespace {

// The pairwise cost is in students-per-clash units: a tie-breaker that keeps the sections of a
// course spread over periods. Before seats were counted (seated_students.h) it was what let the
// loader seat students around capacity (0.002-0.01 lowered the CBC optimum of the load by 20-60
// requests at 400 students); with seats counted, 0.02-0.2 all measured alike.
constexpr double kPairWeight = 0.05;
// Temperatures in request-weight units (an elective weighs about 1, a required course about 3,
// an incomplete student 1 more). Counting seats made the landscape more rugged: starting at 2
// rather than 0.5 gave 1-2 % more complete students at 400 students (seeds 1, 2 x 4 runs).
constexpr double kStartTemperature = 2.0;
constexpr double kEndTemperature = 0.01;
// How often the list of target students (requests left out, or over a section's seats) is rebuilt.
constexpr long kRetargetEvery = 64;
// Moves without a new best schedule after which the search gives up (small schools settle fast;
// at 400 students new bests still came every ~20 k moves late in the search).
constexpr long kStallMoves = 20000;
constexpr long kStallMovesPerSection = 100;
// One move in this many re-seats a target student instead of moving sections.
constexpr int kReseatOneIn = 5;

}  // namespace

RefineStats Refine(const SchoolIndex& index, ScheduleState& state, long iterations, long max_work,
                   Rng& rng, RunControl& control) {
  SeatedStudents students(index, state);
  RefineStats stats{students.total(), students.total()};
  std::vector<int> movable;
  std::vector<std::vector<int>> by_teacher;
  for (int s = 0; s < state.num_sections(); ++s) {
    if (!state.movable(s) || state.options(s).empty() || !state.placement(s).placed()) continue;
    movable.push_back(s);
    if (!state.teachers(s).empty()) {
      const int t = state.teachers(s).front();
      if (t >= static_cast<int>(by_teacher.size())) by_teacher.resize(t + 1);
      by_teacher[t].push_back(s);
    }
  }
  if (movable.empty() || iterations <= 0) return stats;
  std::vector<std::vector<int>> groups(state.num_sections());  // SAME_PERIOD groups of 2+
  for (int s : movable)
    if (std::vector<int> g = state.SamePeriodGroup(s); g.size() > 1) groups[s] = std::move(g);
  std::vector<bool> is_movable(state.num_sections(), false);
  for (int s : movable) is_movable[s] = true;

  auto objective = [&] { return students.total() + kPairWeight * state.cost(); };
  double best = objective();
  Snapshot best_schedule = Take(state);
  std::vector<int> targets;
  const long stall_limit = kStallMoves + kStallMovesPerSection * static_cast<long>(movable.size());
  long last_best = 0;
  for (long it = 0; it < iterations && it - last_best < stall_limit; ++it) {
    if (control.ShouldStop()) break;
    if (it % kRetargetEvery == 0) {
      targets = students.Targets();
      if (targets.empty()) break;  // every student is seated completely: nothing left to gain
    }
    // Progress is whichever budget is further spent, so the search always ends cold.
    const double progress = std::max(static_cast<double>(it) / iterations,
                                     static_cast<double>(students.work()) / max_work);
    if (progress >= 1) break;
    const double temperature =
        kStartTemperature * std::pow(kEndTemperature / kStartTemperature, progress);
    const Accept accept = [&](double pair_delta, const std::vector<int>& moved) {
      const double delta = students.Stage(moved) + kPairWeight * pair_delta;
      if (delta <= 1e-9 || rng.Unit() < std::exp(-delta / temperature)) {
        students.Commit();
        return true;
      }
      students.Rollback();
      return false;
    };
    // A section of a course some target student requests; now and then any section.
    int s = movable[rng.Below(static_cast<int>(movable.size()))];
    if (rng.Below(4) != 0) {
      const Student& st =
          index.school().students[targets[rng.Below(static_cast<int>(targets.size()))]];
      const Request& r = st.requests[rng.Below(static_cast<int>(st.requests.size()))];
      const std::vector<int>& sections = index.SectionsOfCourse(index.CourseIndex(r.course_id));
      const int pick = sections[rng.Below(static_cast<int>(sections.size()))];
      if (is_movable[pick]) s = pick;
    }
    bool moved;
    const int kind = rng.Below(kReseatOneIn);
    if (kind == kReseatOneIn - 1) {
      // Seat a target student anew (the schedule stays): lets others' seats follow moves.
      const int st = targets[rng.Below(static_cast<int>(targets.size()))];
      moved = students.StageReseat(st) < -1e-9;
      if (moved) {
        students.Commit();
      } else {
        students.Rollback();
      }
    } else if (!groups[s].empty()) {
      moved = TryRelocateGroup(state, groups[s], accept, rng);
    } else if (kind == 0 && !state.teachers(s).empty()) {
      const std::vector<int>& mates = by_teacher[state.teachers(s).front()];
      moved = TrySwap(state, s, mates[rng.Below(static_cast<int>(mates.size()))], accept);
    } else if (kind == 1) {
      // Exchange periods with a section of another course (and, usually, another teacher).
      moved = TrySwap(state, s, movable[rng.Below(static_cast<int>(movable.size()))], accept);
    } else {
      moved = TryRelocate(state, s, accept, rng);
    }
    if (moved && objective() < best - 1e-9) {
      best = objective();
      last_best = it;
      best_schedule = Take(state);
    }
    if (it % 2000 == 0) control.Report("refine", 95, students.total());
  }
  Restore(state, best_schedule);
  stats.after = SeatedStudents(index, state).total();
  return stats;
}

}  // namespace secsched::engine
