// The student loader's working state: who sits in which section, each student's timetable, and
// the per-student search that fills a student's requests (see loader.cc for the overall order).
#pragma once

#include <vector>

#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/rng.h"

namespace secsched::engine {

struct Assignment {
  int section = -1;
  int request = -1;        // index into Student::requests; -1 = not tied to a request
  bool alternate = false;  // an alternate course standing in for the request
  bool locked = false;     // a locked enrollment: never dropped or moved
};

class LoaderState {
 public:
  explicit LoaderState(const SchoolIndex& index);

  const SchoolIndex& index() const { return index_; }
  // Search nodes visited so far: a deterministic measure of work (unlike the clock).
  long search_nodes() const { return search_nodes_; }
  int Count(int section) const { return static_cast<int>(members_[section].size()); }
  int Capacity(int section) const { return info_[section].capacity; }
  const std::vector<int>& members(int section) const { return members_[section]; }
  const std::vector<Assignment>& assignments(int student) const { return assigned_[student]; }

  // Every hard constraint for adding `section` to the student's current timetable: placed, seat
  // free (unless ignore_capacity), course not taken yet, team, avoided teacher, kept-free period,
  // no time clash, course rules with the student's other sections.
  bool Fits(int student, int section, bool ignore_capacity) const;
  bool TakesCourse(int student, int course) const;
  void Enroll(int student, const Assignment& assignment);
  void Drop(int student, int section);
  // Drops every assignment of the student that is not locked.
  void DropUnlocked(int student);

  // Weighted fulfilled requests of the student (alternates count half).
  double Score(int student) const;
  // Every primary request filled by its primary course.
  bool Complete(int student) const;
  static double RequestWeight(const Request& request);

  // Fills the student's unfilled primary requests: a bounded depth-first search (required first,
  // then priority, then fewest section options; least-filled sections first for balance). It
  // does not add alternates (FillAlternates does, once every student had its primaries: an
  // alternate must not take a seat another student needs for a primary). With `allow_ejection`, a
  // full section may be chosen when one of its students can move to another section of the same
  // course (a one-step ejection chain), which is then done.
  void ScheduleStudent(int student, bool allow_ejection, Rng& rng);
  // Gives the primaries of a student holding alternates another chance: drops the alternates,
  // searches again, and puts back each alternate whose request is still open.
  void RetryPrimaries(int student, Rng& rng);
  // Ranked alternates of each unfilled request, then general alternates, least-filled section.
  void FillAlternates(int student);

  // Moves `other` out of `section` to the least-filled other section of the same course that fits.
  bool MoveToSibling(int other, int section);
  // Rebuilds `other`'s schedule without `section` (re-sectioning its other courses as needed);
  // keeps the result only when `other` loses nothing. A two-step ejection.
  bool ResectionOut(int other, int section, Rng& rng);

 private:
  struct Search;
  bool SiblingHasSeat(int section) const;
  bool CanFreeSeat(int section, Rng& rng);
  // Frees a seat in `section` for real: a member moves to a sibling, else is re-sectioned.
  bool FreeSeat(int section, Rng& rng);
  void Restore(int student, const std::vector<Assignment>& snapshot);
  static constexpr int kResectionTries = 4;  // members re-sectioned per full section, at most
  int BestSection(int student, int course) const;

  // What Fits needs about a section, gathered once (Fits runs millions of times).
  struct SectionInfo {
    int course = -1;
    Placement placement;
    int ppm = 1;
    int capacity = 0;
    const std::string* team = nullptr;  // effective team; null when none
    int min_grade = 0, max_grade = 0;
    bool has_rules = false;
  };

  const SchoolIndex& index_;
  std::vector<SectionInfo> info_;
  std::vector<std::vector<int>> placed_of_course_;
  std::vector<std::vector<int>> rule_partners_;    // per course: courses it shares a rule with
  std::vector<std::vector<int>> request_courses_;  // per student: course index of each request
  std::vector<std::vector<int>> members_;          // per section: student indexes
  std::vector<std::vector<Assignment>> assigned_;
  std::vector<PeriodTermGrid> timetable_;
  int forbidden_section_ = -1;  // Fits refuses it (ResectionOut)
  long search_nodes_ = 0;
};

}  // namespace secsched::engine
