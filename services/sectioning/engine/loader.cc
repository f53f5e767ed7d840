#include "services/sectioning/engine/loader.h"

#include <algorithm>
#include <map>
#include <set>

#include "services/sectioning/engine/conflicts.h"
#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/loader_regroup.h"
#include "services/sectioning/engine/loader_state.h"
#include "services/sectioning/engine/rng.h"
#include "services/sectioning/engine/run_control.h"

namespace secsched::engine {
namespace {

// The request a section of `course` would fulfil for the student, and whether as an alternate.
// Returns {-1, false} when the course is neither requested nor an alternate.
std::pair<int, bool> RequestServedBy(const SchoolIndex& index, const Student& student, int course,
                                     const std::vector<Assignment>& taken) {
  auto free_request = [&](int r) {
    for (const Assignment& a : taken)
      if (a.request == r) return false;
    return true;
  };
  for (int r = 0; r < static_cast<int>(student.requests.size()); ++r)
    if (index.CourseIndex(student.requests[r].course_id) == course && free_request(r))
      return {r, false};
  for (int r = 0; r < static_cast<int>(student.requests.size()); ++r)
    for (const std::string& alt : student.requests[r].alternate_course_ids)
      if (index.CourseIndex(alt) == course && free_request(r)) return {r, true};
  for (const std::string& alt : student.general_alternate_course_ids)
    if (index.CourseIndex(alt) == course)
      for (int r = 0; r < static_cast<int>(student.requests.size()); ++r)
        if (free_request(r)) return {r, true};
  return {-1, false};
}

// Locked enrollments are kept whatever they break (capacity, clashes): the user asked for them.
void PlaceLockedEnrollments(LoaderState& state) {
  const SchoolIndex& index = state.index();
  for (int st = 0; st < static_cast<int>(index.school().students.size()); ++st) {
    const Student& student = index.school().students[st];
    for (const std::string& id : student.locked_section_ids) {
      const int s = index.SectionIndex(id);
      if (std::any_of(state.assignments(st).begin(), state.assignments(st).end(),
                      [&](const Assignment& a) { return a.section == s; }))
        continue;
      auto [request, alternate] =
          RequestServedBy(index, student, index.CourseIndexOfSection(s), state.assignments(st));
      state.Enroll(st, Assignment{s, request, alternate, true});
    }
  }
}

// Reload: a student whose every existing enrollment was kept is unaffected by the change, and
// stays exactly where they are: their kept enrollments are pinned (locked for this load), so no
// ejection or regrouping moves them for someone else's gain. They may still gain a section for a
// request left open. Without the pin, reloading an unchanged 2,800-student school moved 67
// students (440 before 2026-11-29), each a schedule a counselor may already have printed.
void PinUnaffectedStudents(LoaderState& state) {
  const SchoolIndex& index = state.index();
  const int students = static_cast<int>(index.school().students.size());
  std::vector<char> affected(students, 0);
  for (const Enrollment& e : index.school().enrollments) {
    const int st = index.StudentIndex(e.student_id);
    const int s = index.SectionIndex(e.section_id);
    const std::vector<Assignment>& kept = state.assignments(st);
    if (std::none_of(kept.begin(), kept.end(), [&](const Assignment& a) { return a.section == s; }))
      affected[st] = 1;
  }
  for (int st = 0; st < students; ++st) {
    if (affected[st]) continue;
    std::vector<Assignment> pinned = state.assignments(st);
    state.DropUnlocked(st);
    for (Assignment& a : pinned) {
      if (a.locked) continue;  // already in place
      a.locked = true;
      state.Enroll(st, a);
    }
  }
}

// Reload: keeps each existing enrollment that still fits (placed section, course still requested,
// every hard constraint against the enrollments kept so far, a free seat). Primaries are kept
// before alternates, and an alternate keeps standing in for the request it was recorded for.
void KeepValidEnrollments(LoaderState& state) {
  const SchoolIndex& index = state.index();
  for (bool alternates : {false, true}) {
    for (const Enrollment& e : index.school().enrollments) {
      if (e.is_alternate != alternates) continue;
      const int st = index.StudentIndex(e.student_id);
      const int s = index.SectionIndex(e.section_id);
      const Student& student = index.school().students[st];
      if (!state.Fits(st, s, false)) continue;
      auto [request, alternate] =
          RequestServedBy(index, student, index.CourseIndexOfSection(s), state.assignments(st));
      if (alternates) {  // prefer the request it was recorded for, when that is still open
        for (int r = 0; r < static_cast<int>(student.requests.size()); ++r) {
          if (student.requests[r].course_id != e.requested_course_id) continue;
          const auto& taken = state.assignments(st);
          if (std::none_of(taken.begin(), taken.end(),
                           [&](const Assignment& a) { return a.request == r; }))
            request = r;
        }
      }
      if (request < 0) continue;
      state.Enroll(st, Assignment{s, request, alternate, false});
    }
  }
  PinUnaffectedStudents(state);
}

std::vector<int> LoadOrder(const School& school, Rng& rng) {
  std::vector<int> order(school.students.size());
  std::vector<std::uint64_t> tie(order.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i), tie[i] = rng.Next();
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    if (school.students[a].grade != school.students[b].grade)
      return school.students[a].grade > school.students[b].grade;
    return tie[a] < tie[b];
  });
  return order;
}

// Re-sections one incomplete student, allowing ejections; keeps only a strict improvement.
bool ImproveStudent(LoaderState& state, int st, Rng& rng) {
  const double before = state.Score(st);
  const std::vector<Assignment> snapshot = state.assignments(st);
  state.DropUnlocked(st);
  state.ScheduleStudent(st, /*allow_ejection=*/true, rng, /*must_beat=*/before);
  if (state.Score(st) > before + 1e-9) return true;
  // Restore. An ejection may have moved someone into a seat the student left: keep what still
  // fits and refill the rest.
  state.DropUnlocked(st);
  bool lost = false;
  for (const Assignment& a : snapshot) {
    if (a.locked) continue;
    if (state.Fits(st, a.section, false)) {
      state.Enroll(st, a);
    } else {
      lost = true;
    }
  }
  if (lost) state.ScheduleStudent(st, /*allow_ejection=*/false, rng);
  return false;
}

int CountIncomplete(const LoaderState& state, const std::vector<int>& order) {
  return static_cast<int>(
      std::count_if(order.begin(), order.end(), [&](int st) { return !state.Complete(st); }));
}

// One pass of ImproveStudent over incomplete students, then rounds of regrouping, then a last
// chance for primaries. Bounded by search work (deterministic, unlike a clock) in proportion to
// the students left incomplete, who are all the phases work on, and capped in proportion to all
// students so that a school with many incomplete students still loads in bounded time; the time
// limit and cancel bound it too. At 2,800 realistic students (2026-11-29) a second and third pass
// of ImproveStudent cost 0.6 s of CPU for what regrouping gains in 0.1 s, and regrouping kept
// gaining for about 60 rounds (about 20,000 nodes per incomplete student); the search visits
// about 7 million nodes per CPU second.
constexpr long kImproveNodesPerIncomplete = 40000;
constexpr long kImproveNodesPerStudent = 4000;
constexpr long kRegroupNodesPerIncomplete = 20000;
constexpr long kRegroupNodesPerStudent = 2500;
long Budget(const LoaderState& state, const std::vector<int>& order, long per_incomplete,
            long per_student) {
  return state.search_nodes() + std::min(per_incomplete * CountIncomplete(state, order),
                                         per_student * static_cast<long>(order.size()));
}

void Improve(LoaderState& state, const std::vector<int>& order, bool accept_ties, Rng& rng,
             RunControl& control) {
  const long node_budget =
      Budget(state, order, kImproveNodesPerIncomplete, kImproveNodesPerStudent);
  int done = 0;
  for (int st : order) {
    if (control.ShouldStop()) return;
    if (state.search_nodes() > node_budget) break;  // regrouping still gets its own budget
    if (++done % 100 == 0) control.Report("improve", 80 + 10.0 * done / order.size(), 0);
    if (!state.Complete(st)) ImproveStudent(state, st, rng);
  }
  // Then exchanges of seats across several students (regrouping), on a budget of its own.
  const long regroup_budget =
      Budget(state, order, kRegroupNodesPerIncomplete, kRegroupNodesPerStudent);
  RegroupIncomplete(state, order, regroup_budget, accept_ties, rng,
                    [&] { return control.ShouldStop(); });
  // Seats freed late (by ejections and re-sectioning) go to whoever can still use them.
  for (int st : order) {
    if (control.ShouldStop()) return;
    if (!state.Complete(st)) state.RetryPrimaries(st, rng);
  }
}

// Evens out section sizes within each course at the end: a student moves from a section to a
// sibling at least two smaller that fits their timetable as it is (the same course, so no request
// is lost and nothing else moves). The search fills least-filled sections first, but ejections and
// regrouping ignore sizes: the 400-student sample ended with one course's sections 22 apart.
// Every move lowers the sum of squared sizes, so the loop ends; cancel stops it.
void BalanceSections(LoaderState& state, RunControl& control) {
  const SchoolIndex& index = state.index();
  for (int c = 0; c < static_cast<int>(index.school().courses.size()); ++c) {
    const std::vector<int>& sections = index.SectionsOfCourse(c);
    if (sections.size() < 2) continue;
    for (bool moved = true; moved;) {
      if (control.CancelRequested()) return;
      moved = false;
      std::vector<int> fullest_first = sections;
      std::stable_sort(fullest_first.begin(), fullest_first.end(),
                       [&](int a, int b) { return state.Count(a) > state.Count(b); });
      for (int from : fullest_first) {
        const std::vector<int> members = state.members(from);  // Drop/Enroll change the list
        for (int st : members) {
          const std::vector<Assignment>& held = state.assignments(st);
          auto it = std::find_if(held.begin(), held.end(),
                                 [&](const Assignment& a) { return a.section == from; });
          if (it == held.end() || it->locked) continue;
          Assignment moving = *it;
          state.Drop(st, from);
          int to = -1;
          for (int t : sections)
            if (t != from && state.Count(t) < state.Count(from) &&
                (to < 0 || state.Count(t) < state.Count(to)) && state.Fits(st, t, false))
              to = t;
          if (to >= 0) moving.section = to, moved = true;
          state.Enroll(st, moving);
        }
      }
    }
  }
}

}  // namespace

absl::StatusOr<LoadResult> LoadStudents(const School& school, const LoadOptions& options) {
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  if (!index.ok()) return index.status();
  RunControl control(options.run);
  Rng rng(options.run.seed);
  LoaderState state(*index);
  LoadResult result;

  PlaceLockedEnrollments(state);
  if (options.reload) KeepValidEnrollments(state);

  const std::vector<int> order = LoadOrder(school, rng);
  const int n = static_cast<int>(order.size());
  for (int i = 0; i < n; ++i) {
    // The first pass ignores the time limit (every student gets a schedule); cancel stops it.
    if (control.CancelRequested()) break;
    state.ScheduleStudent(order[i], /*allow_ejection=*/false, rng);
    if (i % 25 == 0) control.Report("load", 80.0 * i / std::max(1, n), 0);
  }
  if (!control.CancelRequested()) Improve(state, order, !options.reload, rng, control);
  // Alternates last, for what primaries could not fill. Quick, so only cancel stops it.
  for (int st : order) {
    if (control.CancelRequested()) break;
    if (!state.Complete(st)) state.FillAlternates(st);
  }
  BalanceSections(state, control);
  result.cancelled = control.cancelled();

  double score = 0;
  for (int st = 0; st < n; ++st) {
    score += state.Score(st);
    const Student& student = school.students[st];
    for (const Assignment& a : state.assignments(st)) {
      Enrollment e;
      e.student_id = student.id;
      e.section_id = school.sections[a.section].id;
      e.requested_course_id = a.request >= 0 ? student.requests[a.request].course_id
                                             : school.sections[a.section].course_id;
      e.is_alternate = a.alternate;
      result.enrollments.push_back(std::move(e));
    }
  }
  if (options.reload) {
    std::map<std::string_view, std::set<std::string_view>> before, after;
    for (const Enrollment& e : school.enrollments) before[e.student_id].insert(e.section_id);
    for (const Enrollment& e : result.enrollments) after[e.student_id].insert(e.section_id);
    for (const Student& student : school.students)
      result.students_moved += before[student.id] != after[student.id];
  }
  control.Report("done", 100, score);
  return result;
}

}  // namespace secsched::engine
