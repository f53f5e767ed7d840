// The student loader's working state: who sits in which section, each student's timetable, and
// the per-student search that fills a student's requests (see loader.cc for the overall order).
#pragma once

#include <memory>
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

  // Fills the student's unfilled primary requests: a bounded depth-first search (loader_search.cc;
  // required first, then priority, then fewest section options; least-filled sections first for
  // balance, one section per meeting time). It does not add alternates (FillAlternates does, once
  // every student had its primaries: an alternate must not take a seat another student needs for
  // a primary). With `allow_ejection`, a
  // full section may be chosen when one of its students can move to another section of the same
  // course (a one-step ejection chain), which is then done. Only loads scoring more than
  // `must_beat` (the student's whole Score, what it holds already included) are sought: when the
  // search finds none, nothing is added. A caller that would undo a load below some score says so
  // here, and the search prunes every branch that cannot reach it (most of the work).
  void ScheduleStudent(int student, bool allow_ejection, Rng& rng, double must_beat = -1);
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
  // ScheduleStudent's buffers (loader_search.cc).
  struct SearchScratch {
    std::vector<int> items;                    // request indexes, in search order
    std::vector<double> weight;                // per depth: the request's weight
    std::vector<double> suffix;                // weight still available from depth d on
    std::vector<char> check_taken;             // per depth: an earlier depth has the same course
    std::vector<std::vector<int>> candidates;  // per depth: the sections to try, in order
    std::vector<int> full;  // full sections of one meeting time, least-filled first (ejection)
    std::vector<int> chosen, best_chosen;
    // Per request, for the search order.
    std::vector<int> options;  // sections that fit, seats ignored
    std::vector<char> open, seatable;
    std::vector<unsigned> tie;
    // Per section: whether a seat can be freed, known when freeable_stamp equals stamp.
    std::vector<int> freeable_stamp;
    std::vector<signed char> freeable;
    int stamp = 0;
  };
  // The hard constraints of Fits that change during loading and depend on the section's meeting
  // time only (the student's timetable, its courses when `check_taken`, rules with its sections),
  // for a section in one of the student's candidate lists (which hold the constraints that never
  // change). Seats and forbidden_section_ are the caller's to check.
  bool MeetingFits(int student, int section, bool check_taken) const;
  // Sections of a student's request that meet at the same time (same placement and link group):
  // every hard constraint but seats holds for all of them or for none.
  struct CandidateList {
    std::vector<int> sections;    // grouped by meeting time, ascending within a group
    std::vector<int> group_ends;  // end (exclusive) of each group in `sections`
  };
  CandidateList GroupByMeeting(const std::vector<int>& sections) const;
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
    int link_group = 0;  // the section's link group as a number (0 = none)
  };

  const SchoolIndex& index_;
  std::vector<SectionInfo> info_;
  std::vector<std::vector<int>> placed_of_course_;
  std::vector<std::vector<int>> rule_partners_;    // per course: courses it shares a rule with
  std::vector<std::vector<int>> request_courses_;  // per student: course index of each request
  // Per student and request: the placed sections of the requested course the student may take
  // by grade, team, avoided teachers and kept-free periods (none of which change while loading),
  // grouped by meeting time.
  std::vector<std::vector<CandidateList>> candidates_;
  std::vector<std::vector<int>> members_;  // per section: student indexes
  std::vector<std::vector<Assignment>> assigned_;
  std::vector<PeriodTermGrid> timetable_;
  int forbidden_section_ = -1;  // Fits refuses it (ResectionOut)
  long search_nodes_ = 0;
  // Search buffers, one per nesting level (a search may re-section another student), reused so
  // that the search allocates nothing in its inner loops.
  std::vector<std::unique_ptr<SearchScratch>> scratch_;
  int nesting_ = 0;
};

}  // namespace secsched::engine
