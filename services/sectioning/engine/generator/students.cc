// Student wishes: grade cores (with AP and split-track replacements), Zipf-popular electives with
// alternates, a team for part of one grade, and a few keep-period-free constraints.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "services/sectioning/engine/generator/generator_internal.h"

namespace secsched::engine::generator {
namespace {

constexpr int kFullDayUnits = 14;  // 7 periods x 2 semesters

std::string StudentId(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "STU%05d", i + 1);
  return buf;
}

// Courses tied to `id` by any rule (both directions): they are wished for together.
std::vector<std::string> RulePartners(const Catalog& catalog, const std::string& id) {
  std::vector<std::string> out;
  for (const CourseRule& r : catalog.rules) {
    if (r.course_a == id) out.push_back(r.course_b);
    if (r.course_b == id) out.push_back(r.course_a);
  }
  return out;
}

class PlanMaker {
 public:
  PlanMaker(const Catalog& catalog, SplitMix64& rng) : catalog_(catalog), rng_(rng) {
    for (const CourseSpec& s : catalog.courses) by_id_[s.course.id] = &s;
  }

  StudentPlan Make(int index, int grade) {
    StudentPlan plan;
    plan.student.id = StudentId(index);
    plan.student.grade = grade;
    if (grade == catalog_.team_grade && rng_.Chance(0.3)) plan.student.team = catalog_.team_name;
    int budget = rng_.Chance(0.12) ? kFullDayUnits - 2 : kFullDayUnits;  // some leave a period
    if (grade == catalog_.max_grade && rng_.Chance(0.03)) {
      // Early release: the last period kept free all year.
      plan.student.constraints.push_back(
          StudentConstraint{StudentConstraintKind::kKeepPeriodFree, "", PeriodSlot{6, 0}});
      budget = std::min(budget, kFullDayUnits - 2);
    }
    std::set<std::string> taken;
    int used = AddCores(plan, grade, taken);
    AddElectives(plan, grade, budget - used, taken);
    return plan;
  }

 private:
  bool Eligible(const Course& c, int grade) const {
    return grade >= c.min_grade && grade <= c.max_grade;
  }

  // A wish with `id` and its rule partners; returns its units.
  int AddWish(StudentPlan& plan, const std::string& id, bool required, int priority,
              std::set<std::string>& taken) {
    Wish w;
    w.required = required;
    w.priority = priority;
    int units = 0;
    std::vector<std::string> todo = {id};
    while (!todo.empty()) {
      const std::string c = todo.back();
      todo.pop_back();
      if (!taken.insert(c).second) continue;
      w.courses.push_back(c);
      units += Units(by_id_.at(c)->course);
      for (const std::string& p : RulePartners(catalog_, c)) todo.push_back(p);
    }
    if (!w.courses.empty()) plan.wishes.push_back(std::move(w));
    return units;
  }

  int WishUnits(const std::string& id) const {
    int units = Units(by_id_.at(id)->course);
    for (const std::string& p : RulePartners(catalog_, id)) units += Units(by_id_.at(p)->course);
    return units;
  }

  int AddCores(StudentPlan& plan, int grade, std::set<std::string>& taken) {
    int used = 0;
    for (const CourseSpec& s : catalog_.courses) {
      if (s.role != CourseRole::kCore || s.course.min_grade != grade) continue;
      std::string id = s.course.id;
      for (const CourseSpec& r : catalog_.courses) {
        if (r.replaces != id) continue;
        if (r.role == CourseRole::kApReplacement && rng_.Chance(0.15)) id = r.course.id;
        if (r.role == CourseRole::kSplitCore && rng_.Chance(0.1)) id = r.course.id;
        break;  // one replacement decision per core
      }
      used += AddWish(plan, id, /*required=*/true, /*priority=*/1, taken);
    }
    return used;
  }

  void AddElectives(StudentPlan& plan, int grade, int budget, std::set<std::string>& taken) {
    std::vector<const CourseSpec*> pool;
    for (const CourseSpec& s : catalog_.courses)
      if ((s.role == CourseRole::kElective || s.role == CourseRole::kApElective) && s.weight > 0 &&
          Eligible(s.course, grade))
        pool.push_back(&s);
    int priority = 2;
    for (int attempt = 0; attempt < 12 && budget > 0 && !pool.empty(); ++attempt) {
      const int pick = WeightedPick(pool);
      const std::string id = pool[pick]->course.id;
      pool.erase(pool.begin() + pick);
      if (taken.contains(id) || WishUnits(id) > budget) continue;
      budget -= AddWish(plan, id, /*required=*/false, std::min(priority++, 5), taken);
      AddAlternates(plan.wishes.back(), pool, taken);
    }
    // A ranked general alternate for half the students.
    if (!pool.empty() && rng_.Chance(0.5)) {
      const std::string id = pool[WeightedPick(pool)]->course.id;
      if (!taken.contains(id) && RulePartners(catalog_, id).empty())
        plan.student.general_alternate_course_ids.push_back(id);
    }
  }

  // One or two alternates of the same size as the wish, drawn by popularity.
  void AddAlternates(Wish& wish, const std::vector<const CourseSpec*>& pool,
                     const std::set<std::string>& taken) {
    if (wish.courses.size() != 1) return;
    const int units = Units(by_id_.at(wish.courses[0])->course);
    std::vector<const CourseSpec*> same;
    for (const CourseSpec* s : pool)
      if (Units(s->course) == units && !taken.contains(s->course.id) &&
          RulePartners(catalog_, s->course.id).empty())
        same.push_back(s);
    const int wanted = 1 + rng_.Below(2);
    for (int k = 0; k < wanted && !same.empty(); ++k) {
      const int pick = WeightedPick(same);
      wish.alternates.push_back(same[pick]->course.id);
      same.erase(same.begin() + pick);
    }
  }

  int WeightedPick(const std::vector<const CourseSpec*>& pool) {
    double total = 0;
    for (const CourseSpec* s : pool) total += s->weight;
    double x = rng_.Unit() * total;
    for (size_t i = 0; i < pool.size(); ++i) {
      x -= pool[i]->weight;
      if (x < 0) return static_cast<int>(i);
    }
    return static_cast<int>(pool.size()) - 1;
  }

  const Catalog& catalog_;
  SplitMix64& rng_;
  std::map<std::string, const CourseSpec*> by_id_;
};

}  // namespace

std::vector<StudentPlan> MakeStudentPlans(const Catalog& catalog, int students, SplitMix64& rng) {
  PlanMaker maker(catalog, rng);
  std::vector<StudentPlan> plans;
  const int grades = catalog.max_grade - catalog.min_grade + 1;
  for (int i = 0; i < students; ++i)
    plans.push_back(maker.Make(
        i, catalog.min_grade + static_cast<int>(static_cast<long>(i) * grades / students)));
  return plans;
}

void WishesToRequests(StudentPlan& plan) {
  plan.student.requests.clear();
  for (const Wish& w : plan.wishes)
    for (size_t k = 0; k < w.courses.size(); ++k)
      plan.student.requests.push_back(Request{w.courses[k], w.required, w.priority,
                                              k == 0 ? w.alternates : std::vector<std::string>{}});
}

}  // namespace secsched::engine::generator
