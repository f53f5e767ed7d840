// Students into the planted sections: each student's wishes, scarcest first, get a section with
// a seat, free in the student's day, and keeping every rule with the sections already chosen. A
// short depth-first search looks for a section of every wish; when it runs out of budget, a greedy
// pass keeps what fits and the other wishes are not kept (they never become requests in planted
// mode).
#include <algorithm>

#include "services/sectioning/engine/mixed_generator/mixed_internal.h"

namespace secsched::engine::mixed_generator {
namespace {

constexpr int kSearchNodes = 1500;  // per student

class StudentAssigner {
 public:
  StudentAssigner(const Catalog& catalog, Plant& plant, Pcg32& rng)
      : k_(catalog), plant_(plant), rng_(rng) {}

  // The planted section per wish (-1: not kept), in the plan's wish order.
  std::vector<int> Assign(const StudentPlan& plan) {
    order_.clear();
    for (size_t w = 0; w < plan.wishes.size(); ++w) order_.push_back(static_cast<int>(w));
    rng_.Shuffle(order_);
    std::stable_sort(order_.begin(), order_.end(), [&](int a, int b) {
      return Choices(plan.wishes[a]) < Choices(plan.wishes[b]);
    });
    chosen_.assign(plan.wishes.size(), -1);
    busy_.assign(k_.shape.periods, 0);
    nodes_ = 0;
    if (!Search(plan, 0)) {  // greedy: keep what fits
      chosen_.assign(plan.wishes.size(), -1);
      busy_.assign(k_.shape.periods, 0);
      for (int w : order_) {
        const std::vector<int> candidates = Candidates(plan, w);
        if (!candidates.empty()) Take(w, candidates.front());
      }
    }
    for (int s : chosen_)
      if (s >= 0) ++plant_.sections[s].enrolled;
    return chosen_;
  }

 private:
  size_t Choices(const Wish& w) const { return plant_.sections_of_offering[w.offering].size(); }

  bool Search(const StudentPlan& plan, size_t depth) {
    if (depth == order_.size()) return true;
    if (++nodes_ > kSearchNodes) return false;
    const int w = order_[depth];
    for (int s : Candidates(plan, w)) {
      Take(w, s);
      if (Search(plan, depth + 1)) return true;
      busy_[plant_.sections[s].period] &= static_cast<TermMask>(~plant_.sections[s].terms);
      chosen_[w] = -1;
      if (nodes_ > kSearchNodes) return false;
    }
    return false;
  }

  void Take(int w, int s) {
    busy_[plant_.sections[s].period] |= plant_.sections[s].terms;
    chosen_[w] = s;
  }

  // Sections of the wish with a seat, free in the student's day, keeping the rules with the
  // sections chosen so far; the emptiest first.
  std::vector<int> Candidates(const StudentPlan& plan, int w) const {
    std::vector<int> out;
    for (int s : plant_.sections_of_offering[plan.wishes[w].offering]) {
      const PlantedSection& sec = plant_.sections[s];
      if (sec.enrolled >= sec.seats || (busy_[sec.period] & sec.terms)) continue;
      bool ok = true;
      for (int c : chosen_)
        if (c >= 0 && !RulesHold(sec, plant_.sections[c])) ok = false;
      if (ok) out.push_back(s);
    }
    std::stable_sort(out.begin(), out.end(), [&](int a, int b) {
      const PlantedSection &x = plant_.sections[a], &y = plant_.sections[b];
      return x.seats - x.enrolled > y.seats - y.enrolled;
    });
    return out;
  }

  bool RulesHold(const PlantedSection& a, const PlantedSection& b) const {
    for (const std::vector<CourseRule>* rules :
         {&k_.rules, static_cast<const std::vector<CourseRule>*>(&plant_.master_rules)})
      for (const CourseRule& r : *rules) {
        const int ra = k_.offering_of_course.at(r.course_a);
        const int rb = k_.offering_of_course.at(r.course_b);
        if (ra == rb) continue;  // a block sequence's halves: one planted section holds both
        if (!((ra == a.offering && rb == b.offering) || (ra == b.offering && rb == a.offering)))
          continue;
        if (r.type == RuleType::kDifferentTerm && (a.terms & b.terms)) return false;
        if (r.type == RuleType::kNotSamePeriod && a.period == b.period) return false;
      }
    return true;
  }

  const Catalog& k_;
  Plant& plant_;
  Pcg32& rng_;
  std::vector<int> order_;
  std::vector<int> chosen_;
  std::vector<TermMask> busy_;
  int nodes_ = 0;
};

}  // namespace

// Upper grades first (their singletons are the scarcest seats), in a seeded order within a grade.
void AssignStudents(const Catalog& catalog, const std::vector<StudentPlan>& plans, Pcg32& rng,
                    Plant& plant) {
  std::vector<int> order(plans.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  rng.Shuffle(order);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return plans[a].student.grade > plans[b].student.grade; });
  plant.enrolled.assign(plans.size(), {});
  plant.kept.assign(plans.size(), {});
  StudentAssigner assigner(catalog, plant, rng);
  for (int i : order) {
    const std::vector<int> chosen = assigner.Assign(plans[i]);
    for (int s : chosen) {
      plant.kept[i].push_back(s >= 0);
      if (s >= 0) plant.enrolled[i].push_back(s);
    }
  }
}

}  // namespace secsched::engine::mixed_generator
