#include "services/sectioning/engine/master_schedule.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/sectioning/engine/build_sections.h"
#include "services/sectioning/engine/conflicts.h"
#include "services/sectioning/engine/master_moves.h"
#include "services/sectioning/engine/master_refine.h"
#include "services/sectioning/engine/rng.h"
#include "services/sectioning/engine/run_control.h"
#include "services/sectioning/engine/schedule_state.h"

namespace secsched::engine {
namespace {

// Budgets (deterministic, unlike the clock). The annealer's pairwise objective is cheap and gets
// the schedule roughly right. The refinement's exact student objective costs more per move the
// larger the school (more students per course), so it is bounded by evaluation work rather than
// moves: 120 M units is about 3 s of one core at every size (about 200 k moves at 400 students,
// 30 k at 2,800), where its gains were levelling off in measurements at 400 / 1,200 / 2,800.
constexpr long kAnnealMovesPerSection = 1500;
constexpr long kRefineMovesPerSection = 2000;
constexpr long kRefineWork = 120'000'000;

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
  const long iterations = kAnnealMovesPerSection * static_cast<long>(movable.size());
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
    const Accept accept = [&](double delta, const std::vector<int>&) {
      return delta <= 0 || rng.Unit() < std::exp(-delta / temperature);
    };
    const int s = movable[rng.Below(static_cast<int>(movable.size()))];
    bool moved;
    const int kind = rng.Below(8);
    if (kind == 0 || (!state.placement(s).placed() && kind < 4)) {
      const std::vector<int>& siblings = index.SectionsOfCourse(state.course(s));
      moved = TryTeacherSwap(state, s, siblings[rng.Below(static_cast<int>(siblings.size()))],
                             accept, rng);
    } else if (kind <= 3 && !state.teachers(s).empty() && state.placement(s).placed()) {
      const std::vector<int>& mates = by_teacher[state.teachers(s).front()];
      moved = TrySwap(state, s, mates[rng.Below(static_cast<int>(mates.size()))], accept);
    } else if (!groups[s].empty()) {
      moved = TryRelocateGroup(state, groups[s], accept, rng);
    } else {
      moved = TryRelocate(state, s, accept, rng);
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

// A slack section (one beyond ceil(requests / max), see build_sections.cc) is optional: when a
// course that got one is left with unplaced new sections, up to its slack count of them are not
// built, with a warning, rather than reported as sections to fix (new sections of one course are
// interchangeable, so which of them stayed unplaced does not matter). At 1,200 students a spare
// Health section found no period whose gym was free.
void DropUnplacedSlack(const School& input, const std::vector<std::string>& slack_ids,
                       std::vector<Section>& sections, MasterScheduleResult& result) {
  auto section_of = [&](const std::string& id) {
    return std::find_if(sections.begin(), sections.end(),
                        [&](const Section& s) { return s.id == id; });
  };
  std::map<std::string, int> slack_left;  // course id -> slack sections not yet dropped
  for (const std::string& id : slack_ids) ++slack_left[section_of(id)->course_id];
  std::set<std::string> given;
  for (const Section& s : input.sections) given.insert(s.id);
  std::vector<std::string> still_unplaced;
  for (const std::string& id : result.unplaced_section_ids) {
    auto section = section_of(id);
    int& left = slack_left[section->course_id];
    if (left == 0 || given.count(id)) {
      still_unplaced.push_back(id);
      continue;
    }
    --left;
    result.warnings.push_back(absl::StrCat("spare section ", id, " of ", section->course_id,
                                           " not built: no period has a teacher and a room free"));
    sections.erase(section);
  }
  result.unplaced_section_ids = std::move(still_unplaced);
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
  MasterScheduleResult result;
  // BuildSections validates the school (the only validation of the input) and keeps the given
  // sections, only topping up courses that have too few, so a school with all its sections is
  // scheduled as given. The index of the result is the second and last one: its sections are new.
  RunOptions quiet = options;  // the master schedule reports its own progress
  quiet.on_progress = nullptr;
  absl::StatusOr<BuildSectionsResult> built = BuildSections(school, quiet);
  if (!built.ok()) return built.status();
  // The school with the built sections; its enrollments are not needed to place sections.
  School work{school.id,         school.calendar, school.courses, school.teachers,
              school.rooms,      school.students, school.rules,   std::move(built->sections),
              /*enrollments=*/{}};
  result.warnings = std::move(built->warnings);
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(work);
  if (!index.ok()) return index.status();

  RunControl control(options);
  Rng rng(options.seed);
  ScheduleState state(*index, result.warnings);
  control.Report("construct", 0, state.cost());
  Construct(state, rng, control);
  // Retry what construction could not place once more after annealing has reshuffled.
  Anneal(*index, state, rng, control);
  for (int s = 0; s < state.num_sections(); ++s)
    if (state.movable(s) && !state.placement(s).placed()) PlaceBest(state, s, rng);
  // Then what the pairwise objective cannot see: students whose whole day does not fit.
  Refine(*index, state, kRefineMovesPerSection * state.num_sections(), kRefineWork, rng, control);
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
  DropUnplacedSlack(school, built->slack_section_ids, work.sections, result);
  result.sections = std::move(work.sections);
  control.Report("done", 100, result.conflict_score);
  return result;
}

}  // namespace secsched::engine
