#include "services/sectioning/engine/loader_state.h"

#include <algorithm>

#include "services/sectioning/engine/conflicts.h"

namespace secsched::engine {

LoaderState::LoaderState(const SchoolIndex& index)
    : index_(index),
      placed_of_course_(index.school().courses.size()),
      members_(index.school().sections.size()),
      assigned_(index.school().students.size()),
      timetable_(index.school().students.size(), PeriodTermGrid(index.periods_per_day())) {
  for (int s = 0; s < static_cast<int>(index.school().sections.size()); ++s) {
    SectionInfo info;
    info.course = index.CourseIndexOfSection(s);
    const Course& course = index.school().courses[info.course];
    info.placement = index.school().sections[s].placement;
    info.ppm = course.periods_per_meeting;
    info.capacity = index.Capacity(s);
    const std::optional<std::string>& team = EffectiveTeam(index, s);
    if (team && !team->empty()) info.team = &*team;
    info.min_grade = course.min_grade;
    info.max_grade = course.max_grade;
    info.has_rules = !index.RulesOfCourse(info.course).empty();
    info_.push_back(info);
    if (info.placement.placed()) placed_of_course_[info.course].push_back(s);
  }
  rule_partners_.resize(index.school().courses.size());
  for (int r = 0; r < static_cast<int>(index.school().rules.size()); ++r) {
    const auto [a, b] = index.RuleCourses(r);
    rule_partners_[a].push_back(b);
    rule_partners_[b].push_back(a);
  }
  for (const Student& st : index.school().students) {
    std::vector<int> courses;
    for (const Request& r : st.requests) courses.push_back(index.CourseIndex(r.course_id));
    request_courses_.push_back(std::move(courses));
  }
}

bool LoaderState::TakesCourse(int student, int course) const {
  for (const Assignment& a : assigned_[student])
    if (info_[a.section].course == course) return true;
  return false;
}

bool LoaderState::Fits(int student, int section, bool ignore_capacity) const {
  const SectionInfo& info = info_[section];
  if (!info.placement.placed() || section == forbidden_section_) return false;
  if (!ignore_capacity && Count(section) >= info.capacity) return false;
  if (!timetable_[student].Free(info.placement, info.ppm)) return false;
  const Student& st = index_.school().students[student];
  if (st.grade < info.min_grade || st.grade > info.max_grade) return false;
  if (info.team && (!st.team || *st.team != *info.team)) return false;
  if (TakesCourse(student, info.course)) return false;
  if (!st.constraints.empty() && (AvoidsTeacherOf(st, index_.school().sections[section]) ||
                                  HitsKeptFreePeriod(index_, st, section)))
    return false;
  if (info.has_rules) {
    const std::vector<int>& partners = rule_partners_[info.course];
    for (const Assignment& a : assigned_[student])
      if (std::find(partners.begin(), partners.end(), info_[a.section].course) != partners.end() &&
          !RulesHoldBetween(index_, section, a.section))
        return false;
  }
  return true;
}

void LoaderState::Enroll(int student, const Assignment& assignment) {
  assigned_[student].push_back(assignment);
  members_[assignment.section].push_back(student);
  timetable_[student].Add(index_.school().sections[assignment.section].placement,
                          index_.PeriodsPerMeeting(assignment.section));
}

void LoaderState::Drop(int student, int section) {
  auto& list = assigned_[student];
  list.erase(std::find_if(list.begin(), list.end(),
                          [&](const Assignment& a) { return a.section == section; }));
  // Rosters are sets in effect: swap-and-pop instead of shifting the tail (Drop is hot).
  auto& roster = members_[section];
  *std::find(roster.begin(), roster.end(), student) = roster.back();
  roster.pop_back();
  timetable_[student].Remove(index_.school().sections[section].placement,
                             index_.PeriodsPerMeeting(section));
}

void LoaderState::DropUnlocked(int student) {
  std::vector<int> drop;
  for (const Assignment& a : assigned_[student])
    if (!a.locked) drop.push_back(a.section);
  for (int s : drop) Drop(student, s);
}

double LoaderState::RequestWeight(const Request& request) {
  // Required requests dominate; among the rest, priority 1 is worth a little more than 9.
  const int priority = std::clamp(request.priority, 1, 9);
  return (request.required ? 3.0 : 1.0) + 0.02 * (9 - priority);
}

double LoaderState::Score(int student) const {
  const Student& st = index_.school().students[student];
  double score = 0;
  for (const Assignment& a : assigned_[student])
    if (a.request >= 0) score += RequestWeight(st.requests[a.request]) * (a.alternate ? 0.5 : 1.0);
  return score;
}

bool LoaderState::Complete(int student) const {
  const Student& st = index_.school().students[student];
  int filled = 0;
  for (const Assignment& a : assigned_[student]) filled += a.request >= 0 && !a.alternate;
  return filled >= static_cast<int>(st.requests.size());
}

bool LoaderState::MoveToSibling(int other, int section) {
  auto& list = assigned_[other];
  auto it = std::find_if(list.begin(), list.end(),
                         [&](const Assignment& a) { return a.section == section; });
  if (it == list.end() || it->locked) return false;
  Assignment moved = *it;
  Drop(other, section);
  int best = -1;
  for (int s : placed_of_course_[index_.CourseIndexOfSection(section)]) {
    if (s == section || !Fits(other, s, false)) continue;
    if (best < 0 || Count(s) * Capacity(best) < Count(best) * Capacity(s)) best = s;
  }
  moved.section = best >= 0 ? best : section;
  Enroll(other, moved);
  return best >= 0;
}

void LoaderState::Restore(int student, const std::vector<Assignment>& snapshot) {
  DropUnlocked(student);
  for (const Assignment& a : snapshot)
    if (!a.locked) Enroll(student, a);
}

bool LoaderState::ResectionOut(int other, int section, Rng& rng) {
  const std::vector<Assignment> snapshot = assigned_[other];
  if (std::none_of(snapshot.begin(), snapshot.end(),
                   [&](const Assignment& a) { return a.section == section && !a.locked; }))
    return false;
  const double before = Score(other);
  DropUnlocked(other);
  forbidden_section_ = section;
  ScheduleStudent(other, /*allow_ejection=*/false, rng);
  forbidden_section_ = -1;
  if (Score(other) >= before - 1e-9) return true;
  Restore(other, snapshot);  // the seats it left are still free: only `other` moved meanwhile
  return false;
}

bool LoaderState::SiblingHasSeat(int section) const {
  for (int s : placed_of_course_[info_[section].course])
    if (s != section && Count(s) < Capacity(s)) return true;
  return false;
}

bool LoaderState::CanFreeSeat(int section, Rng& rng) {
  // Whoever leaves must take another section of the course: without a free seat there, no luck.
  if (!SiblingHasSeat(section)) return false;
  const std::vector<int> roster = members_[section];
  for (int other : roster) {
    const std::vector<Assignment> snapshot = assigned_[other];
    if (!MoveToSibling(other, section)) continue;
    Restore(other, snapshot);
    return true;
  }
  for (int k = 0; k < static_cast<int>(roster.size()) && k < kResectionTries; ++k) {
    const int other = roster[rng.Below(static_cast<int>(roster.size()))];
    const std::vector<Assignment> snapshot = assigned_[other];
    if (!ResectionOut(other, section, rng)) continue;
    Restore(other, snapshot);
    return true;
  }
  return false;
}

bool LoaderState::FreeSeat(int section, Rng& rng) {
  if (!SiblingHasSeat(section)) return false;
  const std::vector<int> roster = members_[section];
  for (int other : roster)
    if (MoveToSibling(other, section)) return true;
  for (int k = 0; k < static_cast<int>(roster.size()) && k < kResectionTries; ++k)
    if (ResectionOut(roster[rng.Below(static_cast<int>(roster.size()))], section, rng)) return true;
  return false;
}

int LoaderState::BestSection(int student, int course) const {
  int best = -1;
  for (int s : placed_of_course_[course]) {
    if (!Fits(student, s, false)) continue;
    if (best < 0 || Count(s) * Capacity(best) < Count(best) * Capacity(s)) best = s;
  }
  return best;
}

void LoaderState::FillAlternates(int student) {
  const Student& st = index_.school().students[student];
  std::vector<bool> filled(st.requests.size(), false);
  for (const Assignment& a : assigned_[student])
    if (a.request >= 0) filled[a.request] = true;
  std::vector<bool> general_used(st.general_alternate_course_ids.size(), false);
  for (int r = 0; r < static_cast<int>(st.requests.size()); ++r) {
    if (filled[r]) continue;
    for (const std::string& alt : st.requests[r].alternate_course_ids) {
      const int s = BestSection(student, index_.CourseIndex(alt));
      if (s < 0) continue;
      Enroll(student, Assignment{s, r, true, false});
      filled[r] = true;
      break;
    }
  }
  for (int r = 0; r < static_cast<int>(st.requests.size()); ++r) {
    if (filled[r]) continue;
    for (size_t g = 0; g < general_used.size() && !filled[r]; ++g) {
      if (general_used[g]) continue;
      const int s = BestSection(student, index_.CourseIndex(st.general_alternate_course_ids[g]));
      if (s < 0) continue;
      Enroll(student, Assignment{s, r, true, false});
      filled[r] = general_used[g] = true;
    }
  }
}

// The depth-first search over a student's unfilled primary requests.
struct LoaderState::Search {
  LoaderState& state;
  int student;
  bool allow_ejection;
  std::vector<int> items;      // request indexes, in search order
  std::vector<double> suffix;  // weight still available from depth d on
  std::vector<int> chosen, best_chosen;
  double best = -1;
  long budget = 4000;
  std::vector<signed char> seat_freeable;
  Rng* rng = nullptr;  // per section: -1 unknown, 0/1

  bool Usable(int section) {
    if (state.Fits(student, section, false)) return true;
    if (!allow_ejection || !state.Fits(student, section, true)) return false;
    signed char& known = seat_freeable[section];
    if (known < 0) known = state.CanFreeSeat(section, *rng) ? 1 : 0;
    return known == 1;
  }

  void Run(size_t depth, double score) {
    ++state.search_nodes_;
    if (--budget < 0 || best >= suffix[0] - 1e-9) return;
    if (score + suffix[depth] <= best + 1e-9) return;
    if (depth == items.size()) {
      best = score;
      best_chosen = chosen;
      return;
    }
    const Request& request = state.index_.school().students[student].requests[items[depth]];
    std::vector<int> candidates;
    for (int s : state.placed_of_course_[state.request_courses_[student][items[depth]]])
      if (Usable(s)) candidates.push_back(s);
    // Least-filled first keeps section sizes balanced.
    std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) {
      return state.Count(a) * state.Capacity(b) < state.Count(b) * state.Capacity(a);
    });
    for (int s : candidates) {
      state.Enroll(student, Assignment{s, items[depth], false, false});
      chosen[depth] = s;
      Run(depth + 1, score + RequestWeight(request));
      state.Drop(student, s);
    }
    chosen[depth] = -1;
    Run(depth + 1, score);
  }
};

void LoaderState::ScheduleStudent(int student, bool allow_ejection, Rng& rng) {
  const Student& st = index_.school().students[student];
  Search search{*this, student, allow_ejection, {}, {}, {}, {}, -1, 4000, {}, &rng};
  search.seat_freeable.assign(members_.size(), -1);
  if (allow_ejection) search.budget = 1500;  // each node may probe other students: keep it short
  std::vector<bool> filled(st.requests.size(), false);
  for (const Assignment& a : assigned_[student])
    if (a.request >= 0) filled[a.request] = true;
  std::vector<int> options(st.requests.size(), 0);
  for (int r = 0; r < static_cast<int>(st.requests.size()); ++r) {
    const int course = request_courses_[student][r];
    if (filled[r] || TakesCourse(student, course)) continue;
    search.items.push_back(r);
    for (int s : placed_of_course_[course]) options[r] += Fits(student, s, true);
  }
  std::vector<unsigned> tie(st.requests.size());
  for (auto& t : tie) t = static_cast<unsigned>(rng.Next());
  std::stable_sort(search.items.begin(), search.items.end(), [&](int a, int b) {
    const Request &ra = st.requests[a], &rb = st.requests[b];
    if (ra.required != rb.required) return ra.required;
    if (ra.priority != rb.priority) return ra.priority < rb.priority;
    if (options[a] != options[b]) return options[a] < options[b];
    return tie[a] < tie[b];
  });
  search.suffix.assign(search.items.size() + 1, 0);
  for (int d = static_cast<int>(search.items.size()) - 1; d >= 0; --d)
    search.suffix[d] = search.suffix[d + 1] + RequestWeight(st.requests[search.items[d]]);
  search.chosen.assign(search.items.size(), -1);
  search.Run(0, 0);

  for (size_t d = 0; d < search.best_chosen.size(); ++d) {
    const int s = search.best_chosen[d];
    if (s < 0) continue;
    if (Count(s) >= Capacity(s)) {
      if (!FreeSeat(s, rng)) continue;  // the ejection found by the search
    }
    if (Fits(student, s, false)) Enroll(student, Assignment{s, search.items[d], false, false});
  }
}

void LoaderState::RetryPrimaries(int student, Rng& rng) {
  std::vector<Assignment> alternates;
  for (const Assignment& a : assigned_[student])
    if (a.alternate && !a.locked) alternates.push_back(a);
  for (const Assignment& a : alternates) Drop(student, a.section);
  ScheduleStudent(student, /*allow_ejection=*/false, rng);
  for (const Assignment& a : alternates) {
    const bool open = std::none_of(assigned_[student].begin(), assigned_[student].end(),
                                   [&](const Assignment& b) { return b.request == a.request; });
    if (open && Fits(student, a.section, false)) Enroll(student, a);
  }
}

}  // namespace secsched::engine
