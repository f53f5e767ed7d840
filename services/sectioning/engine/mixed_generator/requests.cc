// Student wishes: grade cores (some replaced by an AP course, more often for the profiles that
// take them), then electives walked down the student's profile list for its grade band, each with
// the next one on the list as its alternate; and the master rules those wishes call for.
#include <algorithm>
#include <cstdio>
#include <set>
#include <tuple>

#include "services/sectioning/engine/mixed_generator/mixed_internal.h"

namespace secsched::engine::mixed_generator {
namespace {

constexpr double kTakeChance = 0.75;  // a student skips a quarter of its list
constexpr int kMaxMasterRules = 6;
constexpr int kMinTogether = 3;  // students requesting both singletons, for a master rule

std::string StudentId(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "MS%05d", i + 1);
  return buf;
}

// Chance that a student of the profile takes the AP course instead of the core.
double ReplacementChance(const std::string& profile, const Subject& ap) {
  const bool english_or_history = ap.department == "English" || ap.department == "Social Studies";
  if (profile == "humanities") return english_or_history ? 0.4 : 0.05;
  if (profile == "stem") return english_or_history ? 0.1 : 0.45;
  if (profile == "languages" || profile == "arts") return english_or_history ? 0.15 : 0.05;
  return 0.03;
}

class PlanMaker {
 public:
  PlanMaker(const Catalog& catalog, Pcg32& rng) : k_(catalog), rng_(rng) {}

  StudentPlan Make(int index, int grade) {
    StudentPlan plan;
    plan.student.id = StudentId(index);
    plan.student.grade = grade;
    const std::string profile = PickProfile();
    const bool can_leave_one = k_.shape.kind != CalendarKind::kBlock4x4;
    int budget = k_.shape.Cells() - (can_leave_one && rng_.Chance(0.15) ? 1 : 0);
    std::set<int> taken;
    for (const Offering& o : k_.offerings) {
      if (o.subject.role != Role::kCore || o.subject.min_grade != grade) continue;
      int chosen = k_.Find(o.subject.id);
      for (const Offering& ap : k_.offerings)
        if (ap.subject.replaces == o.subject.id &&
            rng_.Chance(ReplacementChance(profile, ap.subject)))
          chosen = k_.Find(ap.subject.id);
      budget -= Add(plan, chosen, true, 1, taken);
    }
    const std::vector<std::string>& list = k_.preferences.at(profile)[grade <= 10 ? 0 : 1];
    int priority = 2;
    for (size_t i = 0; i < list.size(); ++i) {
      const int o = k_.Find(list[i]);
      if (!Fits(o, grade, budget, taken) || !rng_.Chance(kTakeChance)) continue;
      budget -= Add(plan, o, false, std::min(priority++, 5), taken);
      plan.wishes.back().alternate = AlternateFor(o, grade, list, i + 1, taken);
    }
    // What the list leaves: short electives everyone takes, from a random starting point.
    const int n = static_cast<int>(k_.fallback_electives.size());
    const int start = rng_.Below(n);
    for (int i = 0; i < n && budget > 0; ++i) {
      const int o = k_.Find(k_.fallback_electives[(start + i) % n]);
      if (Fits(o, grade, budget, taken)) budget -= Add(plan, o, false, 5, taken);
    }
    // An alternate the student ended up requesting anyway stands in for nothing.
    for (Wish& w : plan.wishes)
      if (!w.alternate.empty() && taken.contains(k_.Find(w.alternate))) w.alternate.clear();
    return plan;
  }

 private:
  std::string PickProfile() {
    double x = rng_.Unit();
    for (const auto& [name, share] : k_.profiles) {
      if (x < share) return name;
      x -= share;
    }
    return k_.profiles.back().first;
  }

  bool Fits(int o, int grade, int budget, const std::set<int>& taken) const {
    const Offering& off = k_.offerings[o];
    return !taken.contains(o) && grade >= off.subject.min_grade && grade <= off.subject.max_grade &&
           off.cells <= budget;
  }

  int Add(StudentPlan& plan, int o, bool required, int priority, std::set<int>& taken) {
    taken.insert(o);
    plan.wishes.push_back(Wish{o, required, priority, ""});
    return k_.offerings[o].cells;
  }

  // The next subject of the list (then of the fallback list) of the same size, one course.
  std::string AlternateFor(int o, int grade, const std::vector<std::string>& list, size_t from,
                           const std::set<int>& taken) const {
    const Offering& wished = k_.offerings[o];
    if (wished.course_ids.size() != 1) return "";
    std::vector<std::string> candidates(list.begin() + static_cast<long>(from), list.end());
    candidates.insert(candidates.end(), k_.fallback_electives.begin(), k_.fallback_electives.end());
    for (const std::string& id : candidates) {
      const Offering& alt = k_.offerings[k_.Find(id)];
      if (taken.contains(k_.Find(id)) || alt.course_ids.size() != 1 || alt.cells != wished.cells ||
          grade < alt.subject.min_grade || grade > alt.subject.max_grade)
        continue;
      return id;
    }
    return "";
  }

  const Catalog& k_;
  Pcg32& rng_;
};

}  // namespace

std::vector<StudentPlan> MakeStudentPlans(const Catalog& catalog, int students, Pcg32& rng) {
  PlanMaker maker(catalog, rng);
  std::vector<StudentPlan> plans;
  for (int i = 0; i < students; ++i)
    plans.push_back(maker.Make(i, 9 + static_cast<int>(static_cast<long>(i) * 4 / students)));
  return plans;
}

std::vector<CourseRule> MasterRules(const Catalog& catalog, const std::vector<StudentPlan>& plans,
                                    const std::vector<int>& sections_per_offering) {
  auto singleton = [&](int o) {
    const Role r = catalog.offerings[o].subject.role;
    return sections_per_offering[o] == 1 && (r == Role::kSingleton || r == Role::kCoreReplacement);
  };
  std::map<std::pair<int, int>, int> together;
  for (const StudentPlan& p : plans)
    for (const Wish& a : p.wishes)
      for (const Wish& b : p.wishes)
        if (a.offering < b.offering && singleton(a.offering) && singleton(b.offering))
          ++together[{a.offering, b.offering}];
  std::vector<std::tuple<int, int, int>> ranked;  // -count, a, b
  for (const auto& [pair, n] : together)
    if (n >= kMinTogether) ranked.emplace_back(-n, pair.first, pair.second);
  std::sort(ranked.begin(), ranked.end());
  std::vector<CourseRule> rules;
  for (const auto& [n, a, b] : ranked) {
    if (static_cast<int>(rules.size()) == kMaxMasterRules) break;
    rules.push_back(CourseRule{RuleType::kNotSamePeriod, catalog.offerings[a].course_ids[0],
                               catalog.offerings[b].course_ids[0], RuleScope::kMaster});
  }
  return rules;
}

void WishesToRequests(const Catalog& catalog, StudentPlan& plan) {
  plan.student.requests.clear();
  for (const Wish& w : plan.wishes) {
    const Offering& o = catalog.offerings[w.offering];
    for (size_t k = 0; k < o.course_ids.size(); ++k) {
      Request r{o.course_ids[k], w.required, w.priority, {}};
      if (k == 0 && !w.alternate.empty())
        r.alternate_course_ids.push_back(
            catalog.offerings[catalog.Find(w.alternate)].course_ids[0]);
      plan.student.requests.push_back(std::move(r));
    }
  }
}

}  // namespace secsched::engine::mixed_generator
