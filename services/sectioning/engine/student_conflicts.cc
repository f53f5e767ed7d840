#include "services/sectioning/engine/student_conflicts.h"

#include <algorithm>

#include "services/sectioning/engine/conflicts.h"
#include "services/sectioning/engine/loader_state.h"

namespace secsched::engine {
namespace {

// Search nodes per student and solve: conflicted students can have large trees; a solve that
// runs out reports the best choice found (an overestimate of the cost), deterministically.
constexpr long kNodesPerSolve = 400;

}  // namespace

StudentConflicts::StudentConflicts(const SchoolIndex& index, const ScheduleState& state)
    : index_(index), state_(state) {
  const School& school = index.school();
  by_course_.resize(school.courses.size());
  for (int st = 0; st < static_cast<int>(school.students.size()); ++st) {
    std::vector<Choice> mine;
    for (const Request& r : school.students[st].requests) {
      const int c = index.CourseIndex(r.course_id);
      const double w = LoaderState::RequestWeight(r);
      auto it = std::find_if(mine.begin(), mine.end(), [&](const Choice& x) { return x.course == c; });
      if (it == mine.end()) {
        mine.push_back({c, w});
        by_course_[c].push_back(st);
      } else {
        it->weight = std::max(it->weight, w);
      }
    }
    requests_.push_back(std::move(mine));
  }
  // What never changes during a search: the sections each student may take by team and grade,
  // and link groups as numbers.
  for (int st = 0; st < static_cast<int>(school.students.size()); ++st) {
    std::vector<std::vector<int>> mine;
    for (const Choice& choice : requests_[st]) {
      std::vector<int> ok;
      for (int s : index.SectionsOfCourse(choice.course))
        if (TeamAllows(index, school.students[st], s) && GradeAllows(index, school.students[st], s))
          ok.push_back(s);
      mine.push_back(std::move(ok));
    }
    allowed_.push_back(std::move(mine));
  }
  std::vector<const std::string*> groups;
  for (const Section& section : school.sections) {
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const std::string* g) { return *g == section.link_group; });
    link_id_.push_back(static_cast<int>(it - groups.begin()));
    if (it == groups.end()) groups.push_back(&section.link_group);
  }
  mark_.assign(school.students.size(), 0);
  witness_.resize(school.students.size());
  for (int st = 0; st < static_cast<int>(school.students.size()); ++st) {
    cost_.push_back(Solve(st, &witness_[st]));
    total_ += cost_.back();
  }
}

bool StudentConflicts::RulesHoldFor(int x, int y) const {
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

bool StudentConflicts::MayTake(int student, int s) const {
  const Student& st = index_.school().students[student];
  if (!state_.placement(s).placed() || !TeamAllows(index_, st, s) || !GradeAllows(index_, st, s))
    return false;
  return ConstraintsAllow(student, s);
}

bool StudentConflicts::ConstraintsAllow(int student, int s) const {
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

// Branch-and-bound over the student's courses (fewest options first): take one of a course's
// distinct (placement, link group) sections that fits, or leave the course out at its weight.
// Its buffers live in StudentConflicts::scratch_ (Solve runs millions of times).
struct StudentConflicts::Dfs {
  const StudentConflicts& self;
  Scratch& buf;
  double best;
  long budget = kNodesPerSolve;

  bool RulesFit(int s) const {
    if (self.index_.RulesOfCourse(self.state_.course(s)).empty()) return true;
    for (int o : buf.chosen)
      if (!self.RulesHoldFor(s, o)) return false;
    return true;
  }

  void Run(size_t depth, double cost) {
    ++self.work_;
    if (cost >= best - 1e-9 || --budget < 0) return;
    if (depth == buf.order.size()) {
      best = cost;
      buf.best_chosen = buf.chosen;
      return;
    }
    const int k = buf.order[depth].second;
    for (int s : buf.options[k]) {
      const Placement& p = self.state_.placement(s);
      const int ppm = self.state_.periods_per_meeting(s);
      if (!buf.timetable.Free(p, ppm) || !RulesFit(s)) continue;
      buf.timetable.Add(p, ppm);
      buf.chosen.push_back(s);
      Run(depth + 1, cost);
      buf.chosen.pop_back();
      buf.timetable.Remove(p, ppm);
      if (best <= 1e-9) return;
    }
    Run(depth + 1, cost + buf.weight[k]);
  }
};

double StudentConflicts::Solve(int student, std::vector<int>* witness, int forced,
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
  double all = 0;
  for (size_t k = 0; k < mine.size(); ++k) {
    work_ += static_cast<long>(allowed_[student][k].size());
    std::vector<int>& opts = buf.options[k];
    opts.clear();
    const bool force = forced >= 0 && state_.course(forced) == mine[k].course;
    for (int s : allowed_[student][k]) {
      if (force && s != forced) continue;
      if (!state_.placement(s).placed() || (constrained && !ConstraintsAllow(student, s)))
        continue;
      const bool seen = std::any_of(opts.begin(), opts.end(), [&](int o) {
        return link_id_[o] == link_id_[s] && state_.placement(o) == state_.placement(s);
      });
      if (!seen) opts.push_back(s);
    }
    buf.order.emplace_back(static_cast<int>(opts.size()), static_cast<int>(k));
    buf.weight.push_back(mine[k].weight);
    all += mine[k].weight;
  }
  std::sort(buf.order.begin(), buf.order.end());
  // all + 1: so that "leave every course out" is recorded when nothing fits.
  Dfs dfs{*this, buf, std::min(all + 1, bound)};
  dfs.Run(0, 0);
  if (witness) *witness = buf.best_chosen;
  return std::min(dfs.best, all);
}

bool StudentConflicts::WitnessHolds(int student, const std::vector<int>& witness) const {
  work_ += static_cast<long>(witness.size());
  PeriodTermGrid timetable(index_.periods_per_day());
  for (size_t i = 0; i < witness.size(); ++i) {
    const int s = witness[i];
    const Placement& p = state_.placement(s);
    if (!MayTake(student, s) || !timetable.Free(p, state_.periods_per_meeting(s))) return false;
    timetable.Add(p, state_.periods_per_meeting(s));
    if (index_.RulesOfCourse(state_.course(s)).empty()) continue;
    for (size_t j = 0; j < i; ++j)
      if (!RulesHoldFor(witness[i], witness[j])) return false;
  }
  return true;
}

double StudentConflicts::Stage(const std::vector<int>& moved) {
  staged_.clear();
  courses_.clear();
  for (int s : moved) courses_.push_back(state_.course(s));
  ++stamp_;
  double delta = 0;
  for (int c : courses_) {
    work_ += static_cast<long>(by_course_[c].size());
    for (int st : by_course_[c]) {
      if (mark_[st] == stamp_) continue;
      mark_[st] = stamp_;
      const std::vector<int>& w = witness_[st];
      const bool touched = std::any_of(w.begin(), w.end(), [&](int x) {
        return std::find(moved.begin(), moved.end(), x) != moved.end();
      });
      Staged next{st, cost_[st], {}};
      if (touched && !WitnessHolds(st, w)) {
        // Its choice is broken. Without the moved sections it still holds, at the cost of their
        // requests: a search only has to beat that (which prunes most of its tree).
        Staged fallback{st, cost_[st], {}};
        for (int x : w) {
          if (std::find(moved.begin(), moved.end(), x) == moved.end()) {
            fallback.witness.push_back(x);
            continue;
          }
          for (const Choice& choice : requests_[st])
            if (choice.course == state_.course(x)) fallback.cost += choice.weight;
        }
        next.cost = Solve(st, &next.witness, -1, fallback.cost);
        if (next.cost >= fallback.cost - 1e-9) next = std::move(fallback);
      } else {
        // Its choice still holds, so it can only gain, and only by a choice that takes a moved
        // section: one search per moved section, with that section forced (small searches).
        if (cost_[st] <= 1e-9) continue;
        for (int x : moved) {
          if (std::find(courses_.begin(), courses_.end(), state_.course(x)) == courses_.end())
            continue;
          std::vector<int> witness;
          const double cost = Solve(st, &witness, x, next.cost);
          if (cost < next.cost - 1e-9) next.cost = cost, next.witness = std::move(witness);
        }
        if (next.witness.empty()) continue;
      }
      delta += next.cost - cost_[st];
      staged_.push_back(std::move(next));
    }
  }
  return delta;
}

void StudentConflicts::Commit() {
  for (Staged& next : staged_) {
    total_ += next.cost - cost_[next.student];
    cost_[next.student] = next.cost;
    witness_[next.student] = std::move(next.witness);
  }
  staged_.clear();
}

std::vector<int> StudentConflicts::ConflictedStudents() const {
  std::vector<int> out;
  for (int st = 0; st < static_cast<int>(cost_.size()); ++st)
    if (cost_[st] > 1e-9) out.push_back(st);
  return out;
}

}  // namespace secsched::engine
