#include "services/sectioning/engine/loader_regroup.h"

#include <algorithm>

#include "services/sectioning/engine/conflicts.h"

namespace secsched::engine {
namespace {

// What a complete schedule is worth to Regroup beyond the requests it fills. The loader's score
// alone would take one more elective (weight ~1.1) at the price of a student's complete schedule;
// this keeps the complete schedule unless a required request (weight >= 3) is won. At 2,800
// realistic students (2026-11-29) it raised complete schedules by about 3 points for the same
// primary requests met.
constexpr double kCompleteBonus = 1.5;

}  // namespace

std::vector<int> PickRegroup(const LoaderState& state, int student, int extra, Rng& rng) {
  const SchoolIndex& index = state.index();
  const Student& st = index.school().students[student];
  std::vector<int> open;  // course of each unfilled primary request
  for (int r = 0; r < static_cast<int>(st.requests.size()); ++r) {
    const auto& taken = state.assignments(student);
    if (std::none_of(taken.begin(), taken.end(),
                     [&](const Assignment& a) { return a.request == r && !a.alternate; }))
      open.push_back(index.CourseIndex(st.requests[r].course_id));
  }
  if (open.empty()) return {};
  std::vector<int> sections;  // sections of the open courses the student may sit in at all
  for (int c : open)
    for (int s : index.SectionsOfCourse(c))
      if (index.school().sections[s].placement.placed() && GradeAllows(index, st, s) &&
          TeamAllows(index, st, s) && state.Count(s) > 0)
        sections.push_back(s);
  std::vector<int> group{student};
  for (int tries = 0; tries < 4 * extra && static_cast<int>(group.size()) <= extra; ++tries) {
    if (sections.empty()) break;
    const std::vector<int>& roster =
        state.members(sections[rng.Below(static_cast<int>(sections.size()))]);
    const int other = roster[rng.Below(static_cast<int>(roster.size()))];
    if (std::find(group.begin(), group.end(), other) == group.end()) group.push_back(other);
  }
  return group;
}

double Regroup(LoaderState& state, const std::vector<int>& group, bool accept_ties, Rng& rng) {
  // A tie must not hand seats from upper grades to lower ones (the loader serves upper grades
  // first): ties are judged by the score weighted by grade.
  const auto& students = state.index().school().students;
  std::vector<std::vector<Assignment>> snapshot;
  double before = 0, before_by_grade = 0;
  int complete_before = 0;
  for (int st : group) {
    snapshot.push_back(state.assignments(st));
    before += state.Score(st);
    before_by_grade += state.Score(st) * students[st].grade;
    complete_before += state.Complete(st);
  }
  const double slack = kCompleteBonus * static_cast<double>(group.size() - complete_before);
  // most[k]: the most the students after the k-th can score (every request filled).
  std::vector<double> most(group.size() + 1, 0);
  for (size_t k = group.size(); k-- > 0;) {
    most[k] = most[k + 1];
    for (const Request& r : students[group[k]].requests) most[k] += LoaderState::RequestWeight(r);
  }
  for (int st : group) state.DropUnlocked(st);
  double after = 0, after_by_grade = 0;
  bool hopeless = false;
  for (size_t k = 0; k < group.size() && !hopeless; ++k) {
    // A load that leaves the group short of a gain, even if everyone after fills every request
    // and every incomplete student becomes complete, is undone anyway: no need to look for one.
    const double must_beat = before - slack - after - most[k + 1] - 1e-6;
    state.ScheduleStudent(group[k], /*allow_ejection=*/false, rng, must_beat);
    const double score = state.Score(group[k]);
    after += score;
    after_by_grade += score * students[group[k]].grade;
    hopeless = score <= must_beat;
  }
  int complete_after = 0;
  for (int st : group) complete_after += state.Complete(st);
  const double gain = after - before + kCompleteBonus * (complete_after - complete_before);
  const bool tie = gain >= -1e-9 && after_by_grade >= before_by_grade - 1e-9;
  if (!hopeless && (gain > 1e-9 || (accept_ties && tie))) return gain;
  // Only the group moved, so every seat it held is free again.
  for (int st : group) state.DropUnlocked(st);
  for (size_t k = 0; k < group.size(); ++k)
    for (const Assignment& a : snapshot[k])
      if (!a.locked) state.Enroll(group[k], a);
  return 0;
}

}  // namespace secsched::engine
