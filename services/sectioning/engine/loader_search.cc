// LoaderState::ScheduleStudent: the bounded depth-first search over a student's unfilled primary
// requests. It runs hundreds of thousands of times per load (every re-sectioning, ejection probe
// and regrouping calls it), so its buffers are reused and its tree is kept small:
// - sections of a course that meet at the same time (same placement and link group) lead to the
//   same subtree: only the least-filled of them is tried;
// - a request that no section can seat (none fits the student, or, without ejections, all that
//   do are full) is left out of the search and of its bound, so that a student who can fill
//   everything else stops as soon as it has;
// - a caller's `must_beat` prunes every branch that cannot score more than it.
#include <algorithm>
#include <memory>

#include "services/sectioning/engine/loader_state.h"

namespace secsched::engine {

struct LoaderState::Search {
  LoaderState& state;
  SearchScratch& buf;
  int student;
  bool allow_ejection;
  Rng& rng;
  double best;  // score to beat (the search's own score: what the student holds is not in it)
  long budget;

  // Least-filled first keeps section sizes balanced; ties go to the lower section index.
  bool After(int a, int b) const {
    const long fa = static_cast<long>(state.Count(a)) * state.Capacity(b);
    const long fb = static_cast<long>(state.Count(b)) * state.Capacity(a);
    return fa > fb || (fa == fb && a > b);
  }
  // An insertion sort (the lists are short).
  void Insert(std::vector<int>& list, int s) const {
    size_t k = list.size();
    list.push_back(s);
    for (; k > 0 && After(list[k - 1], s); --k) list[k] = list[k - 1];
    list[k] = s;
  }
  bool CanFreeSeat(int section) {
    if (buf.freeable_stamp[section] != buf.stamp) {
      buf.freeable_stamp[section] = buf.stamp;
      buf.freeable[section] = state.CanFreeSeat(section, rng) ? 1 : 0;
    }
    return buf.freeable[section] == 1;
  }

  // The sections worth trying at `depth`, least-filled first: per meeting time that fits, the
  // least-filled section with a seat, else (with ejections) the least-filled full one in which a
  // seat can be freed. Sections meeting at the same time lead to the same subtree, so one each.
  void Collect(size_t depth, std::vector<int>& out) {
    out.clear();
    const bool check_taken = buf.check_taken[depth];
    const CandidateList& list = state.candidates_[student][buf.items[depth]];
    int begin = 0;
    for (int end : list.group_ends) {
      const int first = begin;
      begin = end;
      if (!state.MeetingFits(student, list.sections[first], check_taken)) continue;
      int open = -1;
      buf.full.clear();
      for (int i = first; i < end; ++i) {
        const int s = list.sections[i];
        if (s == state.forbidden_section_) continue;
        if (state.Count(s) < state.Capacity(s)) {
          if (open < 0 || After(open, s)) open = s;
        } else if (allow_ejection && open < 0) {
          Insert(buf.full, s);
        }
      }
      if (open >= 0) {
        Insert(out, open);
        continue;
      }
      for (int s : buf.full) {
        if (!CanFreeSeat(s)) continue;
        Insert(out, s);
        break;
      }
    }
  }

  void Run(size_t depth, double score) {
    ++state.search_nodes_;
    if (--budget < 0 || best >= buf.suffix[0] - 1e-9) return;
    if (score + buf.suffix[depth] <= best + 1e-9) return;
    if (depth == buf.items.size()) {
      best = score;
      buf.best_chosen = buf.chosen;
      return;
    }
    std::vector<int>& candidates = buf.candidates[depth];
    Collect(depth, candidates);
    for (int s : candidates) {
      state.Enroll(student, Assignment{s, buf.items[depth], false, false});
      buf.chosen[depth] = s;
      Run(depth + 1, score + buf.weight[depth]);
      state.Drop(student, s);
    }
    buf.chosen[depth] = -1;
    Run(depth + 1, score);
  }
};

void LoaderState::ScheduleStudent(int student, bool allow_ejection, Rng& rng, double must_beat) {
  if (nesting_ == static_cast<int>(scratch_.size())) {
    scratch_.push_back(std::make_unique<SearchScratch>());
    scratch_.back()->freeable_stamp.assign(members_.size(), 0);
    scratch_.back()->freeable.assign(members_.size(), 0);
  }
  SearchScratch& buf = *scratch_[nesting_++];
  ++buf.stamp;
  const Student& st = index_.school().students[student];
  const int n = static_cast<int>(st.requests.size());
  buf.open.assign(n, 1);
  buf.options.assign(n, 0);
  buf.seatable.assign(n, 0);
  for (const Assignment& a : assigned_[student])
    if (a.request >= 0) buf.open[a.request] = 0;
  buf.items.clear();
  for (int r = 0; r < n; ++r) {
    if (!buf.open[r] || TakesCourse(student, request_courses_[student][r])) continue;
    buf.items.push_back(r);
    const CandidateList& list = candidates_[student][r];
    int begin = 0;
    for (int end : list.group_ends) {
      const int first = begin;
      begin = end;
      if (!MeetingFits(student, list.sections[first], /*check_taken=*/false)) continue;
      for (int i = first; i < end; ++i) {
        const int s = list.sections[i];
        if (s == forbidden_section_) continue;
        ++buf.options[r];
        if (Count(s) < Capacity(s)) buf.seatable[r] = 1;
      }
    }
  }
  buf.tie.resize(n);
  for (unsigned& t : buf.tie) t = static_cast<unsigned>(rng.Next());
  // Required first, then priority, then fewest options (a stable insertion sort: short lists).
  auto before = [&](int a, int b) {
    const Request &ra = st.requests[a], &rb = st.requests[b];
    if (ra.required != rb.required) return ra.required;
    if (ra.priority != rb.priority) return ra.priority < rb.priority;
    if (buf.options[a] != buf.options[b]) return buf.options[a] < buf.options[b];
    return buf.tie[a] < buf.tie[b];
  };
  for (size_t i = 1; i < buf.items.size(); ++i) {
    const int r = buf.items[i];
    size_t k = i;
    for (; k > 0 && before(r, buf.items[k - 1]); --k) buf.items[k] = buf.items[k - 1];
    buf.items[k] = r;
  }
  // Requests no section can seat during this search: the student's timetable only fills up, and
  // without ejections no seat frees up either.
  std::erase_if(buf.items, [&](int r) {
    return buf.options[r] == 0 || (!allow_ejection && !buf.seatable[r]);
  });
  const size_t depth = buf.items.size();
  buf.weight.resize(depth);
  buf.check_taken.assign(depth, 0);
  for (size_t d = 0; d < depth; ++d) {
    buf.weight[d] = RequestWeight(st.requests[buf.items[d]]);
    for (size_t e = 0; e < d; ++e)
      if (request_courses_[student][buf.items[e]] == request_courses_[student][buf.items[d]])
        buf.check_taken[d] = 1;
  }
  buf.suffix.assign(depth + 1, 0);
  for (int d = static_cast<int>(depth) - 1; d >= 0; --d)
    buf.suffix[d] = buf.suffix[d + 1] + buf.weight[d];
  if (buf.candidates.size() < depth) buf.candidates.resize(depth);
  buf.chosen.assign(depth, -1);
  buf.best_chosen.clear();
  // Each node with ejections may probe other students: keep that search short.
  const long budget = allow_ejection ? 1500 : 4000;
  Search search{*this, buf, student, allow_ejection, rng, must_beat - Score(student), budget};
  search.Run(0, 0);

  for (size_t d = 0; d < buf.best_chosen.size(); ++d) {
    const int s = buf.best_chosen[d];
    if (s < 0) continue;
    if (Count(s) >= Capacity(s)) {
      if (!FreeSeat(s, rng)) continue;  // the ejection found by the search
    }
    if (Fits(student, s, false)) Enroll(student, Assignment{s, buf.items[d], false, false});
  }
  --nesting_;
}

}  // namespace secsched::engine
