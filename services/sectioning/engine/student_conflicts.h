// The master schedule's exact per-student objective, for the refinement phase after annealing.
//
// The annealer's objective (ScheduleState) is pairwise: it charges each clashing section pair of
// two co-requested courses by the share of students it could hurt. That is cheap but blind to a
// full day: a student with seven courses in seven periods needs one clash-free choice across all
// of them, and pairs that each look harmless can leave no such choice. Here each student's cost is
// the weight of the requests left out of their best clash-free choice of one section per
// requested course (placements, rules, team, kept-free periods and avoided teachers; capacity
// ignored), found by a small branch-and-bound. Moving sections of a course changes only the costs
// of students requesting it, and each student keeps the choice that achieved its cost (its
// witness): a student whose witness avoids the moved sections, or still holds with their new
// placements, keeps a cost of zero without a search. So a move re-solves only the few students
// it may hurt and the conflicted students it may help, whatever the size of the school.
#pragma once

#include <vector>

#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/schedule_state.h"

namespace secsched::engine {

class StudentConflicts {
 public:
  // Solves every student for the state's current placements.
  StudentConflicts(const SchoolIndex& index, const ScheduleState& state);

  double total() const { return total_; }
  // Work done so far (search nodes, sections and students scanned): a deterministic clock.
  long work() const { return work_; }
  double cost(int student) const { return cost_[student]; }
  const std::vector<int>& students_of_course(int course) const { return by_course_[course]; }
  // Students whose cost is positive (a requested course cannot be fitted), ascending; kept in
  // step with Commit.
  std::vector<int> ConflictedStudents() const;

  // Re-evaluates the students requesting the courses of the `moved` sections (which have just
  // changed placement) and returns the change of the total; the new costs are held until Commit
  // or dropped by the next Stage.
  double Stage(const std::vector<int>& moved);
  void Commit();

  // The weighted requests the student cannot fit for the current placements, and the sections
  // of the best choice found (exposed for tests). With `forced` >= 0, the student's request for
  // that section's course may be met by that section only. Only choices costing less than
  // `bound` are sought (a result >= bound means none was found, and the witness is empty).
  double Solve(int student, std::vector<int>* witness = nullptr, int forced = -1,
               double bound = 1e18) const;
  // The student's choice still holds: it may take each section, and no two clash or break a rule.
  bool WitnessHolds(int student, const std::vector<int>& witness) const;

 private:
  struct Choice {
    int course;
    double weight;
  };
  struct Dfs;
  bool MayTake(int student, int section) const;
  // The student's kept-free periods and avoided teachers allow the section where it is now.
  bool ConstraintsAllow(int student, int section) const;
  // Every rule between the two sections' courses holds for their current placements.
  bool RulesHoldFor(int x, int y) const;

  const SchoolIndex& index_;
  const ScheduleState& state_;
  std::vector<std::vector<Choice>> requests_;  // per student: distinct courses and weights
  std::vector<std::vector<int>> by_course_;
  std::vector<std::vector<std::vector<int>>> allowed_;  // [student][choice]: team and grade fit
  std::vector<int> link_id_;                            // per section
  struct Scratch {
    std::vector<std::vector<int>> options;  // [choice]: one section per distinct meeting
    std::vector<std::pair<int, int>> order;  // (option count, choice), fewest first
    std::vector<double> weight;
    std::vector<int> chosen, best_chosen;
    PeriodTermGrid timetable;
  };
  mutable Scratch scratch_;
  mutable long work_ = 0;
  std::vector<double> cost_;
  std::vector<std::vector<int>> witness_;
  double total_ = 0;
  struct Staged {
    int student;
    double cost;
    std::vector<int> witness;
  };
  std::vector<Staged> staged_;
  std::vector<int> courses_;  // scratch for Stage
  std::vector<int> mark_;  // per student: the Stage call that last touched it
  int stamp_ = 0;
};

}  // namespace secsched::engine
