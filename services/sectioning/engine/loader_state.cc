#include "services/sectioning/engine/loader_state.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "services/sectioning/engine/conflicts.h"

namespace secsched::engine {

LoaderState::LoaderState(const SchoolIndex& index)
    : index_(index),
      placed_of_course_(index.school().courses.size()),
      members_(index.school().sections.size()),
      assigned_(index.school().students.size()),
      timetable_(index.school().students.size(), PeriodTermGrid(index.periods_per_day())) {
  std::map<std::string_view, int> link_groups{{"", 0}};
  for (int s = 0; s < static_cast<int>(index.school().sections.size()); ++s) {
    SectionInfo info;
    info.course = index.CourseIndexOfSection(s);
    const Course& course = index.school().courses[info.course];
    // A section without a teacher cannot open, so it takes no students: to the loader it is
    // not placed.
    const Section& section = index.school().sections[s];
    if (!section.teacher_id.empty()) info.placement = section.placement;
    info.ppm = course.periods_per_meeting;
    info.capacity = index.Capacity(s);
    const std::optional<std::string>& team = EffectiveTeam(index, s);
    if (team && !team->empty()) info.team = &*team;
    info.min_grade = course.min_grade;
    info.max_grade = course.max_grade;
    info.has_rules = !index.RulesOfCourse(info.course).empty();
    const std::string& group = index.school().sections[s].link_group;
    info.link_group =
        link_groups.emplace(group, static_cast<int>(link_groups.size())).first->second;
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
    std::vector<CandidateList> candidates;
    for (const Request& r : st.requests) {
      courses.push_back(index.CourseIndex(r.course_id));
      std::vector<int> mine;
      for (int s : placed_of_course_[courses.back()]) {
        const SectionInfo& info = info_[s];
        if (st.grade < info.min_grade || st.grade > info.max_grade) continue;
        if (info.team && (!st.team || *st.team != *info.team)) continue;
        if (!st.constraints.empty() &&
            (AvoidsTeacherOf(st, index.school().sections[s]) || HitsKeptFreePeriod(index, st, s)))
          continue;
        mine.push_back(s);
      }
      candidates.push_back(GroupByMeeting(mine));
    }
    request_courses_.push_back(std::move(courses));
    candidates_.push_back(std::move(candidates));
  }
}

LoaderState::CandidateList LoaderState::GroupByMeeting(const std::vector<int>& sections) const {
  CandidateList list;
  std::vector<bool> taken(sections.size(), false);
  for (size_t i = 0; i < sections.size(); ++i) {
    if (taken[i]) continue;
    for (size_t j = i; j < sections.size(); ++j) {
      const SectionInfo &a = info_[sections[i]], &b = info_[sections[j]];
      if (taken[j] || a.placement != b.placement || a.link_group != b.link_group) continue;
      taken[j] = true;
      list.sections.push_back(sections[j]);
    }
    list.group_ends.push_back(static_cast<int>(list.sections.size()));
  }
  return list;
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
  const Student& st = index_.school().students[student];
  if (st.grade < info.min_grade || st.grade > info.max_grade) return false;
  if (info.team && (!st.team || *st.team != *info.team)) return false;
  if (TakesCourse(student, info.course)) return false;
  if (!st.constraints.empty() && (AvoidsTeacherOf(st, index_.school().sections[section]) ||
                                  HitsKeptFreePeriod(index_, st, section)))
    return false;
  return MeetingFits(student, section, /*check_taken=*/false);
}

bool LoaderState::MeetingFits(int student, int section, bool check_taken) const {
  const SectionInfo& info = info_[section];
  if (!timetable_[student].Free(info.placement, info.ppm)) return false;
  if (check_taken && TakesCourse(student, info.course)) return false;
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
  const SectionInfo& info = info_[assignment.section];
  timetable_[student].Add(info.placement, info.ppm);
}

void LoaderState::Drop(int student, int section) {
  // Drop is hot, and mostly undoes the latest Enroll: both lists are searched from the back.
  auto& list = assigned_[student];
  auto it = std::find_if(list.rbegin(), list.rend(),
                         [&](const Assignment& a) { return a.section == section; });
  list.erase(std::next(it).base());
  // Rosters are sets in effect: swap-and-pop instead of shifting the tail. A student sits in a
  // section at most once, so which end the search starts from does not change the result.
  auto& roster = members_[section];
  *std::find(roster.rbegin(), roster.rend(), student) = roster.back();
  roster.pop_back();
  const SectionInfo& info = info_[section];
  timetable_[student].Remove(info.placement, info.ppm);
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
  ScheduleStudent(other, /*allow_ejection=*/false, rng, /*must_beat=*/before - 1e-6);
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
