// The master schedule's working state: where each section sits, which teachers and rooms are busy
// when, and the conflict objective, all kept up to date incrementally as sections are added and
// removed (so a move costs time proportional to the sections of neighbouring courses only).
//
// Objective: for every pair of courses (A, B) that students request together, with weight w (one
// per such student, two when both requests are required), cost += w * clashing_pairs / (nA * nB),
// where clashing_pairs counts section pairs (a in A, b in B) that meet at the same time (or in the
// same period, for a NOT_SAME_PERIOD rule) or whose terms break a SAME_TERM / DIFFERENT_TERM /
// PRECEDES rule between A and B. Those rules are per student, so they are steered by the objective
// rather than forced on every section pair. SAME_PERIOD and LINKED pair sections and are hard. A
// pair of singletons clashing costs its full weight, so singleton pairs dominate, as they should.
// Every unplaced section adds a large penalty. Sections of one course meeting at the same time
// (stacked) cost too: w * overlapping_pairs / n^2, w = the course's students, as if the course
// clashed with itself. Stacked sections give its students no second choice of period, so the
// loader cannot seat them around their other courses (seen at 400 students: both AP Biology
// sections, and two of five Spanish 1 sections, in one period).
#pragma once

#include <string>
#include <vector>

#include "services/sectioning/engine/index.h"

namespace secsched::engine {

class ScheduleState {
 public:
  // Locked, placed sections are added at once and never move. Sections start unplaced otherwise.
  ScheduleState(const SchoolIndex& index, std::vector<std::string>& warnings);

  int num_sections() const { return static_cast<int>(sections_.size()); }
  bool movable(int s) const { return !sections_[s].fixed; }
  const std::vector<Placement>& options(int s) const { return sections_[s].options; }
  const Placement& placement(int s) const { return sections_[s].placement; }
  int room(int s) const { return sections_[s].room; }
  int course(int s) const { return sections_[s].course; }
  int periods_per_meeting(int s) const { return sections_[s].ppm; }
  const std::vector<int>& teachers(int s) const { return sections_[s].teachers; }
  // The primary teacher (-1 when none); it may change by SwapPrimaryTeachers.
  int primary_teacher(int s) const {
    return sections_[s].has_primary ? sections_[s].teachers[0] : -1;
  }
  // Exchanges the primary teachers of two unplaced sections of the same course (so teacher loads
  // and qualifications are unchanged).
  void SwapPrimaryTeachers(int s, int t);
  // Sets the primary teacher of an unplaced section that has one (restoring a snapshot).
  void SetPrimaryTeacher(int s, int teacher) { sections_[s].teachers[0] = teacher; }
  // s and every section tied to it by SAME_PERIOD pairing, transitively (s first). They can only
  // change period together.
  std::vector<int> SamePeriodGroup(int s) const;
  // Sections whose course has a conflict weight with many students: placed first.
  double ConstructionPriority(int s) const;
  double cost() const { return cost_; }
  // Recomputes the cost from scratch (guards against floating-point drift).
  double RecomputeCost() const;

  // Checks every hard constraint for s at p and returns the room to use (-1 when the section
  // needs none), or -2 when s cannot go there. s must be unplaced.
  int FindRoomIfFeasible(int s, const Placement& p) const;
  // The cost change of placing (unplaced) s at p, ignoring feasibility.
  double AddCost(int s, const Placement& p) const;
  // Places unplaced s at p in `room` (from FindRoomIfFeasible).
  void Add(int s, const Placement& p, int room);
  void Remove(int s);

  static constexpr double kUnplacedPenalty = 1e6;

 private:
  struct SectionState {
    int course = -1;
    int ppm = 1;
    bool fixed = false;
    std::vector<int> teachers;  // primary (first, when has_primary) + co-teachers
    bool has_primary = false;
    bool needs_room = false;         // false only for a locked section given without a room
    std::vector<int> room_choices;   // home room first, then suitable rooms by capacity
    int rank = 0;                    // position among its course's sections (SAME_PERIOD pairing)
    std::vector<Placement> options;  // every period x term mask it may take
    Placement placement;
    int room = -1;
  };
  struct CoursePair {
    int a = -1, b = -1;
    double weight = 0;            // students requesting both (required counted twice)
    bool same_period_clash;       // NOT_SAME_PERIOD: sharing a period is a clash whatever the terms
    std::vector<int> term_rules;  // SAME_TERM / DIFFERENT_TERM / PRECEDES rules between a and b
    double scale = 0;             // weight / (sections of a * sections of b)
  };
  // Placed sections of one course counted by (start period, term mask), so that the clashes of a
  // placement with the whole course cost a handful of lookups.
  struct CourseOccupancy {
    int ppm = 1;
    std::vector<TermMask> masks;  // distinct masks seen (the course's options first)
    std::vector<int> count;       // [period * masks.size() + mask index]
    std::vector<int> mask_total;  // [mask index], over all periods
  };
  struct Neighbour {
    int course;
    int pair;
  };

  bool Clash(const CoursePair& pair, const Placement& p, int ppm, int other) const;
  // How many placed sections of `course` clash with a meeting at p of length ppm.
  // (A student can follow the pair's term rules with sections in these masks.)
  bool TermRulesHold(const CoursePair& pair, int my_course, TermMask mine, TermMask theirs) const;
  int ClashCount(const CoursePair& pair, int my_course, const Placement& p, int ppm) const;
  // How many placed sections of `course` overlap a meeting at p of length ppm.
  int StackCount(int course, const Placement& p, int ppm) const;
  void Count(int course, const Placement& p, int delta);
  bool TeachersFree(int s, const Placement& p) const;
  bool RulesAllow(int s, const Placement& p) const;
  bool RoomFree(int room, const Placement& p, int ppm) const;

  const SchoolIndex& index_;
  std::vector<SectionState> sections_;
  std::vector<PeriodTermGrid> teacher_busy_, teacher_blocked_, room_busy_, room_blocked_;
  // Per teacher: placed load per term and its limit (AddTermLoad units; INT_MAX = none).
  std::vector<std::vector<int>> teacher_term_load_;
  std::vector<int> teacher_term_limit_;
  std::vector<CoursePair> pairs_;
  std::vector<std::vector<Neighbour>> neighbours_;  // per course
  std::vector<CourseOccupancy> occupancy_;          // per course
  std::vector<double> stack_scale_;                 // per course: students / sections^2
  double cost_ = 0;
};

}  // namespace secsched::engine
