// The master schedule's working state: where each section sits, which teachers and rooms are busy
// when, and the conflict objective, all kept up to date incrementally as sections are added and
// removed (so a move costs time proportional to the sections of neighbouring courses only).
//
// Objective: for every pair of courses (A, B) that students request together, with weight w (one
// per such student, two when both requests are required), cost += w * clashing_pairs / (nA * nB),
// where clashing_pairs counts section pairs (a in A, b in B) that meet at the same time (or in the
// same period, for a NOT_SAME_PERIOD rule). A pair of singletons clashing costs its full weight,
// so singleton pairs dominate, as they should. Every unplaced section adds a large penalty.
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
    std::vector<int> teachers;       // primary + co-teachers
    bool needs_room = false;         // some room of the type and size exists
    std::vector<int> room_choices;   // home room first, then suitable rooms by capacity
    int rank = 0;                    // position among its course's sections (SAME_PERIOD pairing)
    std::vector<Placement> options;  // every period x term mask it may take
    Placement placement;
    int room = -1;
  };
  struct CoursePair {
    int a = -1, b = -1;
    double weight = 0;       // students requesting both (required counted twice)
    bool same_period_clash;  // NOT_SAME_PERIOD: sharing a period is a clash whatever the terms
  };
  struct Neighbour {
    int course;
    int pair;
  };

  bool Clash(const CoursePair& pair, const Placement& p, int ppm, int other) const;
  bool TeachersFree(int s, const Placement& p) const;
  bool RulesAllow(int s, const Placement& p) const;
  bool RoomFree(int room, const Placement& p, int ppm) const;
  double Scale(const CoursePair& pair) const;

  const SchoolIndex& index_;
  std::vector<SectionState> sections_;
  std::vector<PeriodTermGrid> teacher_busy_, teacher_blocked_, room_busy_, room_blocked_;
  std::vector<CoursePair> pairs_;
  std::vector<std::vector<Neighbour>> neighbours_;  // per course
  double cost_ = 0;
};

}  // namespace secsched::engine
