#include "services/sectioning/engine/seated_students.h"

#include <algorithm>
#include <limits>

#include "services/sectioning/engine/conflicts.h"
#include "services/sectioning/engine/loader_state.h"

namespace secsched::engine {
namespace {

// Search nodes per student and solve: students with many clashing options can have large trees;
// a solve that runs out keeps the best choice found (an overestimate), deterministically.
constexpr long kNodesPerSolve = 400;
// Passes of re-seating after the first seating in student order (later passes gain little).
constexpr int kSettlePasses = 3;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

}  // namespace

SeatedStudents::SeatedStudents(const SchoolIndex& index, const ScheduleState& state)
    : index_(index), state_(state) {
  const School& school = index.school();
  by_course_.resize(school.courses.size());
  for (int st = 0; st < static_cast<int>(school.students.size()); ++st) {
    std::vector<Choice> mine;
    for (const Request& r : school.students[st].requests) {
      const int c = index.CourseIndex(r.course_id);
      const double w = LoaderState::RequestWeight(r);
      auto it =
          std::find_if(mine.begin(), mine.end(), [&](const Choice& x) { return x.course == c; });
      if (it == mine.end()) {
        mine.push_back({c, w});
        by_course_[c].push_back(st);
      } else {
        it->weight = std::max(it->weight, w);
      }
    }
    std::vector<std::vector<int>> ok_sections;
    for (const Choice& choice : mine) {
      std::vector<int> ok;
      for (int s : index.SectionsOfCourse(choice.course))
        if (TeamAllows(index, school.students[st], s) && GradeAllows(index, school.students[st], s))
          ok.push_back(s);
      ok_sections.push_back(std::move(ok));
    }
    requests_.push_back(std::move(mine));
    allowed_.push_back(std::move(ok_sections));
  }
  std::vector<const std::string*> groups;
  for (int s = 0; s < static_cast<int>(school.sections.size()); ++s) {
    const Section& section = school.sections[s];
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const std::string* g) { return *g == section.link_group; });
    link_id_.push_back(static_cast<int>(it - groups.begin()));
    if (it == groups.end()) groups.push_back(&section.link_group);
    capacity_.push_back(SeatsNow(s));
  }
  const int students = static_cast<int>(school.students.size());
  mark_.assign(students, 0);
  witness_.resize(students);
  left_.assign(students, 0);
  seated_.assign(school.sections.size(), 0);
  for (int st = 0; st < students; ++st) {
    Solve(st, &witness_[st], &left_[st]);
    Seat(st);
  }
  // Students seated early took seats blindly; let those with something to gain choose again.
  for (int pass = 0; pass < kSettlePasses; ++pass) {
    bool improved = false;
    for (int st : Targets()) {
      if (StageReseat(st) < -1e-9) {
        Commit();
        improved = true;
      } else {
        Rollback();
      }
    }
    if (!improved) break;
  }
}

void SeatedStudents::Seat(int student) {
  for (int s : witness_[student])
    if (seated_[s]++ >= capacity_[s]) ++overflow_;
  left_out_ += left_[student];
}

void SeatedStudents::Unseat(int student) {
  for (int s : witness_[student])
    if (--seated_[s] >= capacity_[s]) --overflow_;
  left_out_ -= left_[student];
}

double SeatedStudents::LeftOut(int student, const std::vector<int>& witness) const {
  double left = 0;
  for (const Choice& choice : requests_[student])
    if (std::none_of(witness.begin(), witness.end(),
                     [&](int s) { return state_.course(s) == choice.course; }))
      left += choice.weight;
  return left > 0 ? left + kIncompleteWeight : 0.0;
}

int SeatedStudents::SeatsNow(int section) const {
  const int room = state_.room(section);
  const int seats = index_.MaxStudents(section);
  return room < 0 ? seats : std::min(seats, index_.school().rooms[room].capacity);
}

void SeatedStudents::SetCapacity(int section, int capacity) {
  overflow_ -= std::max(0, seated_[section] - capacity_[section]);
  capacity_[section] = capacity;
  overflow_ += std::max(0, seated_[section] - capacity);
}

double SeatedStudents::SeatCost(int section) const {
  return seated_[section] >= capacity_[section] ? kOverflowWeight : 0.0;
}

bool SeatedStudents::RulesHoldFor(int x, int y) const {
  const int cx = state_.course(x), cy = state_.course(y);
  for (int r : index_.RulesOfCourse(cx)) {
    const auto [a, b] = index_.RuleCourses(r);
    if (!((a == cx && b == cy) || (a == cy && b == cx))) continue;
    const Meeting mx{state_.placement(x), state_.periods_per_meeting(x),
                     &index_.school().sections[x].link_group};
    const Meeting my{state_.placement(y), state_.periods_per_meeting(y),
                     &index_.school().sections[y].link_group};
    const RuleType type = index_.school().rules[r].type;
    if (!(a == cx ? RuleHolds(index_, type, mx, my) : RuleHolds(index_, type, my, mx)))
      return false;
  }
  return true;
}

bool SeatedStudents::ConstraintsAllow(int student, int s) const {
  for (const StudentConstraint& c : index_.school().students[student].constraints) {
    if (c.kind == StudentConstraintKind::kKeepPeriodFree) {
      const Placement blocked{c.slot.period, SlotTerms(c.slot, index_.AllTerms())};
      if (index_.Overlaps(state_.placement(s), state_.periods_per_meeting(s), blocked, 1))
        return false;
    } else {
      for (int t : state_.teachers(s))
        if (index_.school().teachers[t].id == c.teacher_id) return false;
    }
  }
  return true;
}

bool SeatedStudents::MayTake(int student, int s) const {
  const Student& st = index_.school().students[student];
  if (!state_.placement(s).placed() || !TeamAllows(index_, st, s) || !GradeAllows(index_, st, s))
    return false;
  return ConstraintsAllow(student, s);
}

double SeatedStudents::WitnessCost(int student) const {
  const std::vector<int>& witness = witness_[student];
  work_ += static_cast<long>(witness.size());
  PeriodTermGrid timetable(index_.periods_per_day());
  double cost = left_[student];
  for (size_t i = 0; i < witness.size(); ++i) {
    const int s = witness[i];
    const Placement& p = state_.placement(s);
    if (!MayTake(student, s) || !timetable.Free(p, state_.periods_per_meeting(s))) return kInfinity;
    timetable.Add(p, state_.periods_per_meeting(s));
    cost += SeatCost(s);
    if (index_.RulesOfCourse(state_.course(s)).empty()) continue;
    for (size_t j = 0; j < i; ++j)
      if (!RulesHoldFor(witness[i], witness[j])) return kInfinity;
  }
  return cost;
}

// Branch-and-bound over the student's courses (fewest options first): take one of a course's
// distinct (placement, link group) sections that fits, at its seat cost, or leave the course
// out at its weight. Its buffers live in scratch_ (Solve runs millions of times).
struct SeatedStudents::Dfs {
  const SeatedStudents& self;
  Scratch& buf;
  double best;
  double incomplete;  // kIncompleteWeight, charged with the first course left out
  long budget = kNodesPerSolve;

  bool RulesFit(int s) const {
    if (self.index_.RulesOfCourse(self.state_.course(s)).empty()) return true;
    for (int o : buf.chosen)
      if (!self.RulesHoldFor(s, o)) return false;
    return true;
  }

  void Run(size_t depth, double cost, bool complete) {
    ++self.work_;
    if (cost >= best - 1e-9 || --budget < 0) return;
    if (depth == buf.order.size()) {
      best = cost;
      buf.best_chosen = buf.chosen;
      return;
    }
    const int k = buf.order[depth].second;
    for (const Option& option : buf.options[k]) {
      const int s = option.section;
      const Placement& p = self.state_.placement(s);
      const int ppm = self.state_.periods_per_meeting(s);
      if (!buf.timetable.Free(p, ppm) || !RulesFit(s)) continue;
      buf.timetable.Add(p, ppm);
      buf.chosen.push_back(s);
      Run(depth + 1, cost + option.cost, complete);
      buf.chosen.pop_back();
      buf.timetable.Remove(p, ppm);
      if (best <= 1e-9) return;
    }
    Run(depth + 1, cost + buf.weight[k] + (complete ? incomplete : 0), false);
  }
};

double SeatedStudents::Solve(int student, std::vector<int>* witness, double* left, int forced,
                             double bound) const {
  const std::vector<Choice>& mine = requests_[student];
  const bool constrained = !index_.school().students[student].constraints.empty();
  Scratch& buf = scratch_;
  if (buf.options.size() < mine.size()) buf.options.resize(mine.size());
  buf.order.clear();
  buf.weight.clear();
  buf.chosen.clear();
  buf.best_chosen.clear();
  buf.timetable.occupied.assign(index_.periods_per_day(), 0);
  auto free_seats = [&](int s) { return capacity_[s] - seated_[s]; };
  double all = 0;
  for (size_t k = 0; k < mine.size(); ++k) {
    work_ += static_cast<long>(allowed_[student][k].size());
    std::vector<Option>& opts = buf.options[k];
    opts.clear();
    const bool force = forced >= 0 && state_.course(forced) == mine[k].course;
    for (int s : allowed_[student][k]) {
      if (force && s != forced) continue;
      if (!state_.placement(s).placed() || (constrained && !ConstraintsAllow(student, s))) continue;
      // Sections alike in time and link group are interchangeable but for seats: keep the
      // emptiest.
      auto alike = std::find_if(opts.begin(), opts.end(), [&](const Option& o) {
        return link_id_[o.section] == link_id_[s] &&
               state_.placement(o.section) == state_.placement(s);
      });
      if (alike == opts.end()) {
        opts.push_back({s, SeatCost(s)});
      } else if (free_seats(s) > free_seats(alike->section)) {
        *alike = {s, SeatCost(s)};
      }
    }
    // Free seats first, the emptiest first: the first clash-free choice found spreads students.
    std::stable_sort(opts.begin(), opts.end(), [&](const Option& a, const Option& b) {
      if (a.cost != b.cost) return a.cost < b.cost;
      return free_seats(a.section) > free_seats(b.section);
    });
    buf.order.emplace_back(static_cast<int>(opts.size()), static_cast<int>(k));
    buf.weight.push_back(mine[k].weight);
    all += mine[k].weight;
  }
  std::sort(buf.order.begin(), buf.order.end());
  const double weights = all;
  if (!mine.empty()) all += kIncompleteWeight;
  // Every leaf costs at most `all` (a full seat costs less than leaving its course out).
  Dfs dfs{*this, buf, std::min(all + 1, bound), kIncompleteWeight};
  dfs.Run(0, 0, true);
  if (dfs.best > all) {  // no leaf within the budget and the bound
    if (bound <= all) return bound;
    witness->clear();
    *left = all;
    return all;
  }
  *witness = buf.best_chosen;
  double taken = 0;
  for (int s : *witness)
    for (const Choice& choice : mine)
      if (choice.course == state_.course(s)) taken += choice.weight;
  *left = weights - taken;
  if (*left > 1e-9) *left += kIncompleteWeight;
  return dfs.best;
}

double SeatedStudents::Reseat(int student, double current, const std::vector<int>& forced_sections,
                              bool full) {
  undo_.push_back({student, left_[student], witness_[student]});
  std::vector<int>& witness = witness_[student];
  double best = current;
  std::vector<int> found;
  double found_left = 0;
  if (full) {
    const double cost = Solve(student, &found, &found_left, -1, best);
    if (cost < best - 1e-9) best = cost, witness = found, left_[student] = found_left;
  } else {
    for (int x : forced_sections) {
      const double cost = Solve(student, &found, &found_left, x, best);
      if (cost < best - 1e-9) best = cost, witness = found, left_[student] = found_left;
    }
  }
  return best;
}

double SeatedStudents::Stage(const std::vector<int>& moved) {
  undo_.clear();
  capacity_undo_.clear();
  const double before = total();
  // A moved section may have changed rooms, and so seats (a smaller room seats fewer).
  for (int s : moved) {
    const int seats = SeatsNow(s);
    if (seats == capacity_[s]) continue;
    capacity_undo_.emplace_back(s, capacity_[s]);
    SetCapacity(s, seats);
  }
  courses_.clear();
  for (int s : moved) courses_.push_back(state_.course(s));
  ++stamp_;
  std::vector<int> forced;
  for (int c : courses_) {
    work_ += static_cast<long>(by_course_[c].size());
    for (int st : by_course_[c]) {
      if (mark_[st] == stamp_) continue;
      mark_[st] = stamp_;
      const std::vector<int>& w = witness_[st];
      const bool touched = std::any_of(w.begin(), w.end(), [&](int x) {
        return std::find(moved.begin(), moved.end(), x) != moved.end();
      });
      const bool crowded =
          std::any_of(w.begin(), w.end(), [&](int x) { return seated_[x] > capacity_[x]; });
      if (!touched && left_[st] <= 1e-9 && !crowded) continue;  // nothing to lose or gain
      Unseat(st);
      double current = WitnessCost(st);
      if (current == kInfinity) {
        // Its choice is broken. Without the moved sections it still holds, at the cost of their
        // requests: a search only has to beat that (which prunes most of its tree).
        undo_.push_back({st, left_[st], w});
        std::vector<int> kept;
        for (int x : w)
          if (std::find(moved.begin(), moved.end(), x) == moved.end()) kept.push_back(x);
        left_[st] = LeftOut(st, kept);
        witness_[st] = std::move(kept);
        current = WitnessCost(st);
        // The fallback replaces the broken witness; its undo entry is the one above.
        const Undo saved = undo_.back();
        undo_.pop_back();
        Reseat(st, current, {}, /*full=*/true);
        undo_.back() = saved;
      } else if (left_[st] > 1e-9 || crowded) {
        // Its choice still holds, so it can only gain, and only by a choice that takes a moved
        // section: one search per moved section of its courses, with that section forced.
        forced.clear();
        for (int x : moved)
          for (const Choice& choice : requests_[st])
            if (choice.course == state_.course(x)) forced.push_back(x);
        Reseat(st, current, forced, /*full=*/false);
      }
      Seat(st);
    }
  }
  return total() - before;
}

double SeatedStudents::StageReseat(int student) {
  undo_.clear();
  const double before = total();
  Unseat(student);
  Reseat(student, WitnessCost(student), {}, /*full=*/true);
  Seat(student);
  return total() - before;
}

void SeatedStudents::Commit() {
  undo_.clear();
  capacity_undo_.clear();
}

void SeatedStudents::Rollback() {
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
    Unseat(it->student);
    left_[it->student] = it->left;
    witness_[it->student] = std::move(it->witness);
    Seat(it->student);
  }
  undo_.clear();
  for (auto it = capacity_undo_.rbegin(); it != capacity_undo_.rend(); ++it)
    SetCapacity(it->first, it->second);
  capacity_undo_.clear();
}

std::vector<int> SeatedStudents::Targets() const {
  std::vector<int> out;
  for (int st = 0; st < static_cast<int>(witness_.size()); ++st) {
    const std::vector<int>& w = witness_[st];
    if (left_[st] > 1e-9 ||
        std::any_of(w.begin(), w.end(), [&](int x) { return seated_[x] > capacity_[x]; }))
      out.push_back(st);
  }
  return out;
}

}  // namespace secsched::engine
