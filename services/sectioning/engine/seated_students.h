// The master schedule refinement's per-student objective, with seats counted.
//
// Each student holds one choice of sections (its witness): one section per requested course it
// can fit, clash-free and allowed (placements, rules, team, grade, kept-free periods, avoided
// teachers). The objective is
//   sum over students of the weight of the requests left out of their witness (plus
//   kIncompleteWeight for a student with any left out)
//   + kOverflowWeight x sum over sections of max(0, witnesses holding it - its seats).
// Dropping the students over a section's seats turns the witnesses into a valid load (locked
// enrollments aside), so the objective bounds from above what the best load of this schedule
// leaves unmet: at zero, every student can be seated completely. At the end of the search the
// loader reached it exactly (400 students: as many incomplete students as witnesses). Counting
// clashes alone (capacity ignored) was blind to what limited completeness at 400 students: grade-9
// students whose core sections were all full in the periods left free by their electives, and team
// students spilling into the open sections of a course when its team section met at the same time
// as another team section.
//
// A student's witness is the cheapest choice given everyone else's (a section that is already
// full costs kOverflowWeight), found by a small branch-and-bound; among sections alike in time
// the emptiest is taken. A move of sections re-solves only students whose witness it broke, and
// students with something to gain (requests left out, or a seat in an over-full section) who
// might use a moved section. So the cost of a move stays proportional to the students of the
// moved courses, at any school size.
#pragma once

#include <utility>
#include <vector>

#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/schedule_state.h"

namespace secsched::engine {

class SeatedStudents {
 public:
  // One seat over a section's capacity: a little less than an elective's request weight (at
  // least 1.0, LoaderState::RequestWeight), so that a student would rather take an over-full
  // seat than leave a course out; then a student with another choice makes room.
  static constexpr double kOverflowWeight = 0.95;

  // A student with any request left out costs this much more: completeness is what counts, so
  // one student missing two electives is better than two students missing one each.
  static constexpr double kIncompleteWeight = 1.0;

  // Seats every student, in order, for the state's current placements, then re-seats those with
  // something to gain until nothing improves (a few passes).
  SeatedStudents(const SchoolIndex& index, const ScheduleState& state);

  double total() const { return left_out_ + kOverflowWeight * overflow_; }
  // Weighted requests out of the witnesses, kIncompleteWeight included.
  double left_out() const { return left_out_; }
  int overflow() const { return overflow_; }  // witnesses beyond seats, over all sections
  // Work done so far (search nodes, sections and students scanned): a deterministic clock.
  long work() const { return work_; }
  // Students with requests left out or a seat in an over-full section, ascending.
  std::vector<int> Targets() const;
  const std::vector<int>& witness(int student) const { return witness_[student]; }
  int seated(int section) const { return seated_[section]; }

  // Re-seats the students the `moved` sections (which have just changed placement) may hurt or
  // help and returns the change of total(). Commit keeps the change; Rollback undoes it (one of
  // them must follow every Stage call).
  double Stage(const std::vector<int>& moved);
  // Re-seats one student for the current placements (no section moved); same protocol.
  double StageReseat(int student);
  void Commit();
  void Rollback();

 private:
  struct Choice {
    int course;
    double weight;
  };
  struct Option {
    int section;
    double cost;  // kOverflowWeight when the section is full without this student, else 0
  };
  struct Dfs;
  struct Undo {
    int student;
    double left;
    std::vector<int> witness;
  };

  // The cheapest choice for the student, who must be unseated, given the others' seats: the
  // weighted requests left out plus kOverflowWeight per full section taken. With `forced` >= 0,
  // the request for that section's course may be met by that section only. Only choices cheaper
  // than `bound` are sought (a result >= bound means none was found). Sets *left and *witness.
  double Solve(int student, std::vector<int>* witness, double* left, int forced = -1,
               double bound = 1e18) const;
  // The cost of the student's current witness, the student unseated; +inf when it no longer
  // holds (a section moved into a clash, a kept-free period, a rule).
  double WitnessCost(int student) const;
  bool MayTake(int student, int section) const;
  bool ConstraintsAllow(int student, int section) const;
  bool RulesHoldFor(int x, int y) const;
  double SeatCost(int section) const;  // for a student not seated in it
  // The section's seats in the state's current room: its maximum, or fewer in a smaller room.
  int SeatsNow(int section) const;
  // Changes a section's seats, keeping overflow_ = sum of max(0, seated - capacity).
  void SetCapacity(int section, int capacity);
  // The weight of the student's requests the witness leaves out (+ kIncompleteWeight if any).
  double LeftOut(int student, const std::vector<int>& witness) const;
  void Seat(int student);
  void Unseat(int student);
  // Re-seats the student: the cheaper of its current witness (cost `current`, +inf if broken)
  // and the best found by `search` (called with the student unseated). Logs the undo.
  double Reseat(int student, double current, const std::vector<int>& forced_sections, bool full);

  const SchoolIndex& index_;
  const ScheduleState& state_;
  std::vector<std::vector<Choice>> requests_;  // per student: distinct courses and weights
  std::vector<std::vector<int>> by_course_;
  std::vector<std::vector<std::vector<int>>> allowed_;  // [student][choice]: team and grade fit
  std::vector<int> link_id_;                            // per section
  std::vector<int> capacity_;                           // per section
  struct Scratch {
    std::vector<std::vector<Option>> options;  // [choice]: one section per distinct meeting
    std::vector<std::pair<int, int>> order;    // (option count, choice), fewest first
    std::vector<double> weight;
    std::vector<int> chosen, best_chosen;
    PeriodTermGrid timetable;
  };
  mutable Scratch scratch_;
  mutable long work_ = 0;

  std::vector<double> left_;               // per student: weighted requests out of its witness
  std::vector<std::vector<int>> witness_;  // per student
  std::vector<int> seated_;                // per section: witnesses holding it
  double left_out_ = 0;
  int overflow_ = 0;
  std::vector<Undo> undo_;
  std::vector<std::pair<int, int>> capacity_undo_;  // (section, capacity before the staged move)
  std::vector<int> courses_;                        // scratch for Stage
  std::vector<int> mark_;  // per student: the Stage call that last touched it
  int stamp_ = 0;
};

}  // namespace secsched::engine
