#include "services/sectioning/engine/staffing.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "services/sectioning/engine/index.h"

namespace secsched::engine {
namespace {

// Ejection chain work per section to staff: enough for the tight staffings measured (a few
// dozen steps settle them) while a staffing that cannot be completed gives up quickly.
constexpr long kEjectionStepsPerSection = 20;
// Steps during which a section just given is not evicted again.
constexpr long kEjectionTabuSteps = 3;

// What one section asks of its teacher before it has a period.
struct Demand {
  int cells = 0;       // CellsOf
  int year_units = 0;  // per-term load units in every term when the course runs all year
};

// One teacher's limits and what is given to them so far.
struct TeacherBudget {
  int max_sections = 0;
  int free_cells = 0;         // cells of the day the teacher is not unavailable
  long term_units_limit = 0;  // per-term load limit x terms (all terms together)
  long term_limit = 0;        // per-term load limit (one term)
  int sections = 0;
  int cells = 0;
  long year_units = 0;
};

class Staffing {
 public:
  Staffing(const School& school, std::vector<Section>& sections, bool keep_a_period_free)
      : sections_(sections) {
    const int terms = static_cast<int>(school.calendar.terms.size());
    const int days = std::max(1, school.calendar.rotation_days);
    reserve_cells_ = keep_a_period_free ? terms * days : 0;
    for (int t = 0; t < static_cast<int>(school.teachers.size()); ++t)
      teacher_of_id_[school.teachers[t].id] = t;
    for (int t = 0; t < static_cast<int>(school.teachers.size()); ++t)
      for (const std::string& c : school.teachers[t].can_teach) qualified_[c].push_back(t);
    std::unordered_map<std::string_view, const Course*> course_of_id;
    for (const Course& c : school.courses) course_of_id[c.id] = &c;
    const TermMask all = static_cast<TermMask>((1u << (terms * days)) - 1);
    for (const Teacher& teacher : school.teachers) {
      TeacherBudget b;
      b.max_sections = teacher.max_sections;
      std::vector<TermMask> blocked(school.calendar.periods_per_day, 0);
      for (const PeriodSlot& slot : teacher.unavailable)
        blocked[slot.period] |= SlotTerms(slot, all);
      for (TermMask m : blocked) b.free_cells += terms * days - __builtin_popcount(m);
      const int limit = TermLoadLimit(school.calendar, teacher);
      b.term_limit = limit;
      b.term_units_limit = limit == std::numeric_limits<int>::max()
                               ? std::numeric_limits<long>::max()
                               : static_cast<long>(limit) * terms;
      budgets_.push_back(b);
    }
    for (const Section& s : sections) {
      const Course& course = *course_of_id.at(s.course_id);
      Demand d;
      d.cells = CellsOf(school.calendar, course);
      if (course.term_length == TermLength::kYear) d.year_units = d.cells / std::max(1, terms);
      demand_.push_back(d);
    }
    assigned_.assign(sections.size(), -1);
    movable_.assign(sections.size(), false);
    for (int s = 0; s < static_cast<int>(sections.size()); ++s) {
      if (sections[s].teacher_id.empty()) continue;
      Give(s, teacher_of_id_.at(sections[s].teacher_id));
    }
  }

  // Greedy: scarce courses first, each section to the qualified teacher least loaded relative
  // to their limits.
  void Greedy(const std::vector<int>& todo) {
    for (int s : todo)
      if (TakeOutright(s)) movable_[s] = true;
  }

  // Breadth-first search for a chain: teacher t0 takes s, handing a section x1 to t1, who hands
  // x2 to t2, ..., until a teacher takes what they are handed outright. Each teacher appears once
  // in a chain, so every check along it holds when the chain is applied.
  bool Augment(int s) {
    struct Node {
      int teacher;
      int incoming;  // the section handed to this teacher
      int parent;    // index into nodes, -1 for the first hop
    };
    std::vector<Node> nodes;
    std::vector<char> visited(budgets_.size(), 0);
    std::deque<int> queue;
    for (int t : Qualified(s)) {
      visited[t] = 1;
      nodes.push_back({t, s, -1});
      queue.push_back(static_cast<int>(nodes.size()) - 1);
    }
    while (!queue.empty()) {
      const int n = queue.front();
      queue.pop_front();
      const int t = nodes[n].teacher, incoming = nodes[n].incoming;
      if (Fits(t, incoming)) {
        Apply(nodes, n);
        return true;
      }
      for (int x = 0; x < static_cast<int>(sections_.size()); ++x) {
        if (assigned_[x] != t || !movable_[x] || !FitsInstead(t, incoming, x)) continue;
        for (int t2 : Qualified(x)) {
          if (visited[t2]) continue;
          visited[t2] = 1;
          nodes.push_back({t2, x, n});
          queue.push_back(static_cast<int>(nodes.size()) - 1);
        }
      }
    }
    return false;
  }

  // Ejection chains, for what single hand-overs cannot reach (a teacher must give up two
  // trimester electives to take a year course): a section still open is given to a qualified
  // teacher who could hold it after giving up some of their own sections; those go back on the
  // queue and are placed the same way. The best staffing seen (fewest open sections) is kept.
  // Deterministic: teachers are tried in turn, and the work is bounded.
  void Eject(const std::vector<int>& todo, long max_steps) {
    std::deque<int> open;
    for (int s : todo)
      if (assigned_[s] < 0) open.push_back(s);
    if (open.empty()) return;
    std::vector<int> best = assigned_;
    size_t best_open = open.size();
    std::vector<int> turn(sections_.size(), 0);  // per section: which qualified teacher next
    std::vector<long> given_at(sections_.size(), -kEjectionTabuSteps - 1);
    for (long step = 0; step < max_steps && !open.empty(); ++step) {
      const int s = open.front();
      open.pop_front();
      if (assigned_[s] >= 0) continue;
      if (TakeOutright(s) || Augment(s)) {
        movable_[s] = true;
      } else {
        const std::vector<int>& teachers = Qualified(s);
        bool given = false;
        for (size_t k = 0; k < teachers.size() && !given; ++k) {
          const int t = teachers[(turn[s] + k) % teachers.size()];
          std::vector<int> evicted;
          if (!MakeRoomFor(t, s, step, given_at, evicted)) continue;
          Give(s, t);
          movable_[s] = true;
          given_at[s] = step;
          for (int x : evicted) open.push_back(x);
          turn[s] = static_cast<int>((turn[s] + k + 1) % teachers.size());
          given = true;
        }
        if (!given) open.push_back(s);  // nobody can ever hold it; counted as open below
      }
      const size_t now_open = static_cast<size_t>(
          std::count_if(todo.begin(), todo.end(), [&](int x) { return assigned_[x] < 0; }));
      if (now_open < best_open) {
        best_open = now_open;
        best = assigned_;
      }
      if (now_open == 0) break;
    }
    Restore(best);
  }

  int teacher_of(int s) const { return assigned_[s]; }

 private:
  bool TakeOutright(int s) {
    int best = -1;
    for (int t : Qualified(s))
      if (Fits(t, s) && (best < 0 || Ratio(t) < Ratio(best))) best = t;
    if (best < 0) return false;
    Give(s, best);
    return true;
  }

  // Gives up some of t's movable sections until t could take s: those other teachers can take
  // too first (a singleton's one teacher giving it up only moves the problem), then the smallest;
  // sections given in the last few steps are kept, so two sections do not evict each other in
  // turn. Sections not needed to make room are taken back. False (nothing changed) when even
  // giving all of them up would not do.
  bool MakeRoomFor(int t, int s, long step, const std::vector<long>& given_at,
                   std::vector<int>& evicted) {
    std::vector<int> mine;
    for (int x = 0; x < static_cast<int>(sections_.size()); ++x)
      if (assigned_[x] == t && movable_[x] && step - given_at[x] > kEjectionTabuSteps)
        mine.push_back(x);
    std::stable_sort(mine.begin(), mine.end(), [&](int a, int b) {
      const size_t qa = Qualified(a).size(), qb = Qualified(b).size();
      if (qa != qb) return qa > qb;
      return demand_[a].cells < demand_[b].cells;
    });
    for (int x : mine) {
      if (Fits(t, s)) break;
      Take(x);
      evicted.push_back(x);
    }
    if (!Fits(t, s)) {
      for (int x : evicted) Give(x, t);
      evicted.clear();
      return false;
    }
    for (size_t k = evicted.size(); k-- > 0;) {  // keep what still fits beside s
      Give(evicted[k], t);
      if (Fits(t, s)) {
        evicted.erase(evicted.begin() + static_cast<long>(k));
      } else {
        Take(evicted[k]);
      }
    }
    return true;
  }

  void Restore(const std::vector<int>& assignment) {
    for (int s = 0; s < static_cast<int>(sections_.size()); ++s)
      if (assigned_[s] >= 0 && assigned_[s] != assignment[s]) Take(s);
    for (int s = 0; s < static_cast<int>(sections_.size()); ++s)
      if (assigned_[s] < 0 && assignment[s] >= 0) Give(s, assignment[s]);
  }

  template <typename NodeVec>
  void Apply(const NodeVec& nodes, int n) {
    // Walk back from the teacher that takes its section outright: each parent gives up the
    // section its child took and takes its own incoming one.
    for (int cur = n; cur >= 0; cur = nodes[cur].parent) {
      const auto& node = nodes[cur];
      if (assigned_[node.incoming] >= 0) Take(node.incoming);
      Give(node.incoming, node.teacher);
      movable_[node.incoming] = true;
    }
  }

  const std::vector<int>& Qualified(int s) const {
    static const std::vector<int> kNone;
    auto it = qualified_.find(sections_[s].course_id);
    return it == qualified_.end() ? kNone : it->second;
  }

  bool FitsWith(const TeacherBudget& b, int sections, int cells, long year_units) const {
    return sections <= b.max_sections && cells + reserve_cells_ <= b.free_cells &&
           cells <= b.term_units_limit && year_units <= b.term_limit;
  }
  bool Fits(int t, int s) const {
    const TeacherBudget& b = budgets_[t];
    return FitsWith(b, b.sections + 1, b.cells + demand_[s].cells,
                    b.year_units + demand_[s].year_units);
  }
  // Whether t could take s after giving up x.
  bool FitsInstead(int t, int s, int x) const {
    const TeacherBudget& b = budgets_[t];
    return FitsWith(b, b.sections, b.cells + demand_[s].cells - demand_[x].cells,
                    b.year_units + demand_[s].year_units - demand_[x].year_units);
  }
  double Ratio(int t) const {
    const TeacherBudget& b = budgets_[t];
    return std::max(static_cast<double>(b.sections) / std::max(1, b.max_sections),
                    static_cast<double>(b.cells) / std::max(1, b.free_cells));
  }
  void Give(int s, int t) {
    assigned_[s] = t;
    TeacherBudget& b = budgets_[t];
    ++b.sections;
    b.cells += demand_[s].cells;
    b.year_units += demand_[s].year_units;
  }
  void Take(int s) {
    TeacherBudget& b = budgets_[assigned_[s]];
    --b.sections;
    b.cells -= demand_[s].cells;
    b.year_units -= demand_[s].year_units;
    assigned_[s] = -1;
  }

  std::vector<Section>& sections_;
  int reserve_cells_ = 0;
  std::unordered_map<std::string_view, int> teacher_of_id_;
  std::unordered_map<std::string_view, std::vector<int>> qualified_;
  std::vector<TeacherBudget> budgets_;
  std::vector<Demand> demand_;
  std::vector<int> assigned_;
  std::vector<bool> movable_;  // given by this call (sections given with a teacher keep theirs)
};

}  // namespace

int CellsOf(const Calendar& calendar, const Course& course) {
  const int terms = static_cast<int>(calendar.terms.size());
  const int days = std::max(1, calendar.rotation_days);
  const int term_cells = course.term_length == TermLength::kYear       ? terms
                         : course.term_length == TermLength::kSemester ? std::max(1, terms / 2)
                                                                       : 1;
  return course.periods_per_meeting * term_cells *
         (course.days_per_rotation > 0 ? course.days_per_rotation : days);
}

void AssignTeachers(const School& school, std::vector<Section>& sections,
                    std::vector<std::string>& warnings, bool keep_a_period_free) {
  Staffing staffing(school, sections, keep_a_period_free);
  std::unordered_map<std::string_view, int> qualified_count;
  for (const Teacher& t : school.teachers)
    for (const std::string& c : t.can_teach) ++qualified_count[c];
  std::vector<int> todo;
  for (int s = 0; s < static_cast<int>(sections.size()); ++s)
    if (sections[s].teacher_id.empty() && !sections[s].locked) todo.push_back(s);
  // Long sections first (first fit decreasing: year-long sections fill teachers evenly across
  // terms, and the shorter ones then fill what is left, so hand-overs trade like for like), then
  // scarce courses first, so that their few teachers are not used up by other courses.
  std::unordered_map<std::string_view, int> cells_of_course;
  for (const Course& c : school.courses) cells_of_course[c.id] = CellsOf(school.calendar, c);
  std::stable_sort(todo.begin(), todo.end(), [&](int a, int b) {
    const int ca = cells_of_course[sections[a].course_id],
              cb = cells_of_course[sections[b].course_id];
    if (ca != cb) return ca > cb;
    return qualified_count[sections[a].course_id] < qualified_count[sections[b].course_id];
  });
  staffing.Greedy(todo);
  for (int s : todo)
    if (staffing.teacher_of(s) < 0) staffing.Augment(s);
  staffing.Eject(todo, kEjectionStepsPerSection * static_cast<long>(todo.size()));
  for (int s : todo) {
    const int t = staffing.teacher_of(s);
    if (t >= 0) {
      sections[s].teacher_id = school.teachers[t].id;
      continue;
    }
    warnings.push_back(absl::StrCat("no qualified teacher with a free section for section ",
                                    sections[s].id, " of course ", sections[s].course_id));
  }
}

}  // namespace secsched::engine
