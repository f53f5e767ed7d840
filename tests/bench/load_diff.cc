#include "tests/bench/load_diff.h"

#include <map>
#include <string>

#include "services/sectioning/engine/index.h"

namespace secsched::bench {

void PrintLoadDiff(const engine::School& school, const std::vector<engine::Enrollment>& optimum,
                   std::FILE* out) {
  absl::StatusOr<engine::SchoolIndex> index = engine::SchoolIndex::Build(school);
  if (!index.ok()) return;
  const int n = static_cast<int>(school.students.size());
  std::vector<std::vector<int>> mine(n), best(n);
  std::vector<int> count(school.sections.size(), 0);
  for (const engine::Enrollment& e : school.enrollments) {
    const int s = index->SectionIndex(e.section_id);
    ++count[s];
    if (!e.is_alternate) mine[index->StudentIndex(e.student_id)].push_back(s);
  }
  for (const engine::Enrollment& e : optimum)
    best[index->StudentIndex(e.student_id)].push_back(index->SectionIndex(e.section_id));
  // Students the optimum serves better, by how many of the optimum's sections for them are full
  // in the engine's load (0 = the loader's own search missed a time-feasible schedule).
  int better = 0, worse = 0, same = 0, gain = 0, loss = 0;
  std::map<int, int> by_full;
  std::map<std::string, int> missed_courses;
  for (int st = 0; st < n; ++st) {
    const int d = static_cast<int>(best[st].size()) - static_cast<int>(mine[st].size());
    if (d > 0) {
      ++better, gain += d;
      int full = 0;
      for (int s : best[st]) {
        bool have = false;
        for (int t : mine[st]) have |= t == s;
        if (!have && count[s] >= index->Capacity(s)) ++full;
      }
      ++by_full[full];
      for (int s : best[st]) {
        bool have_course = false;
        for (int t : mine[st])
          have_course |= school.sections[t].course_id == school.sections[s].course_id;
        if (!have_course) ++missed_courses[school.sections[s].course_id];
      }
    } else if (d < 0) {
      ++worse, loss -= d;
    } else {
      ++same;
    }
  }
  // Required requests met by each (the loader weighs them 3x, the integer program counts all
  // alike).
  int mine_required = 0, best_required = 0;
  for (int st = 0; st < n; ++st) {
    const engine::Student& student = school.students[st];
    auto required = [&](int s) {
      for (const engine::Request& r : student.requests)
        if (r.course_id == school.sections[s].course_id) return r.required;
      return false;
    };
    for (int s : mine[st]) mine_required += required(s);
    for (int s : best[st]) best_required += required(s);
  }
  std::fprintf(out, "diff: required met: engine %d, optimum %d\n", mine_required, best_required);
  std::fprintf(out,
               "diff: optimum better for %d students (+%d), engine better for %d (-%d), %d equal\n",
               better, gain, worse, loss, same);
  for (auto [full, k] : by_full)
    std::fprintf(
        out, "  %d students whose optimal schedule uses %d section(s) full in the engine's load\n",
        k, full);
  std::fprintf(out, "  courses the optimum gives them and the engine does not:");
  for (const auto& [course, k] : missed_courses) std::fprintf(out, " %s:%d", course.c_str(), k);
  std::fprintf(out, "\n");
}

}  // namespace secsched::bench
