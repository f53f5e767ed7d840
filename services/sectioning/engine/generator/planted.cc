// Planted mode: build a conflict-free master schedule first (hiring teachers and building rooms on
// demand), then give every student a conflict-free, capacity-respecting set of sections, keeping
// as requests only the wishes that fit. The emitted school keeps every section (teacher, room,
// team and link group set) but unplaced, and has no enrollments: a 100 % solution exists.
#include <algorithm>
#include <map>
#include <tuple>

#include "services/sectioning/engine/day_patterns.h"
#include "services/sectioning/engine/generator/generator_internal.h"
#include "services/sectioning/engine/generator/placement_grid.h"

namespace secsched::engine::generator {
namespace {

constexpr int kPeriods = 7;
constexpr double kSeatSlack = 1.1;  // 10 % spare seats, so students can be fitted around conflicts

// Every room of a type seats the largest class of that type.
std::map<std::string, int> CapacityByRoomType(const Catalog& catalog) {
  std::map<std::string, int> out;
  for (const CourseSpec& s : catalog.courses)
    out[s.course.room_type] = std::max(out[s.course.room_type], s.course.max_students);
  return out;
}

struct PlacedSection {
  Section section;
  int seats_left = 0;
};

class PlantedBuilder {
 public:
  PlantedBuilder(const Catalog& catalog, SplitMix64& rng)
      : catalog_(catalog),
        rng_(rng),
        staff_(kPeriods, catalog.rotation_days, CapacityByRoomType(catalog)) {
    for (const CourseSpec& s : catalog.courses) spec_[s.course.id] = &s;
  }

  void Run(std::vector<StudentPlan> plans, School& school, School& solution) {
    CreateSections(plans);
    PlaceAll();
    AssignStudents(plans);
    Emit(plans, school, solution);
  }

 private:
  const Course& CourseOf(const std::string& id) const { return spec_.at(id)->course; }
  TermMask AllSlots() const {
    const int days = catalog_.rotation_days;
    return SemesterSlots(days, 0b11, static_cast<TermMask>((1u << days) - 1));
  }
  bool IsAp(const std::string& id) const {
    const CourseRole r = spec_.at(id)->role;
    return r == CourseRole::kApElective || r == CourseRole::kApReplacement;
  }

  // Sections per course from the wishes, with slack; the team gets its own sections.
  void CreateSections(const std::vector<StudentPlan>& plans) {
    std::map<std::string, std::pair<int, int>> demand;  // course -> (all, team)
    for (const StudentPlan& p : plans)
      for (const Wish& w : p.wishes)
        for (const std::string& c : w.courses) {
          ++demand[c].first;
          if (p.student.team) ++demand[c].second;
        }
    std::map<std::string, std::pair<int, int>> counts;  // course -> (general, team) sections
    for (const CourseSpec& spec : catalog_.courses) {
      const Course& c = spec.course;
      const auto [all, team] = demand[c.id];
      const bool team_course = std::find(catalog_.team_courses.begin(), catalog_.team_courses.end(),
                                         c.id) != catalog_.team_courses.end();
      auto needed = [&](int students) {
        return static_cast<int>((students * kSeatSlack + c.max_students - 1) / c.max_students);
      };
      int general = needed(team_course ? all - team : all);
      // AP counts are fixed in the catalog, but a planted school must seat everyone who asked.
      if (c.sections_to_build) general = std::max(*c.sections_to_build, general);
      counts[c.id] = {general, team_course ? needed(team) : 0};
    }
    // Paired courses (Health + PE in one period, a lecture and its lab) need as many sections on
    // each side: the k-th sections are placed together.
    for (const CourseRule& r : catalog_.rules) {
      if (r.type != RuleType::kSamePeriod && r.type != RuleType::kLinked) continue;
      const int both = std::max(counts[r.course_a].first, counts[r.course_b].first);
      counts[r.course_a].first = counts[r.course_b].first = both;
    }
    for (const CourseSpec& spec : catalog_.courses) {
      const Course& c = spec.course;
      const auto [general, team_sections] = counts[c.id];
      for (int k = 0; k < general + team_sections; ++k) {
        PlacedSection s;
        const bool for_team = k >= general;
        s.section.id = c.id + (for_team ? "-T" + std::to_string(k - general + 1)
                                        : "-" + std::to_string(k + 1));
        s.section.course_id = c.id;
        if (for_team) s.section.team = catalog_.team_name;
        s.seats_left = c.max_students;
        sections_by_course_[c.id].push_back(static_cast<int>(sections_.size()));
        sections_.push_back(std::move(s));
      }
    }
  }

  // Term sets times the course's day sets (one option each without a rotation).
  std::vector<TermMask> TermOptions(const Course& c) const {
    std::vector<TermMask> out;
    for (TermMask terms : SemesterOptions(c))
      for (TermMask days : DayPatterns(catalog_.rotation_days, c.days_per_rotation))
        out.push_back(SemesterSlots(catalog_.rotation_days, terms, days));
    return out;
  }
  std::vector<TermMask> SemesterOptions(const Course& c) const {
    if (c.term_length == TermLength::kYear) return {0b11};
    for (const CourseRule& r : catalog_.rules) {
      if (r.type != RuleType::kPrecedes) continue;
      if (r.course_a == c.id) return {0b01};  // the first course of a sequence: S1
      if (r.course_b == c.id) return {0b10};
    }
    return {0b01, 0b10};
  }

  // The k-th section of a rule partner this section must line up with (SAME_PERIOD) or avoid
  // (LINKED), or null.
  Section* Partner(const Section& s, RuleType type, int k) {
    for (const CourseRule& r : catalog_.rules) {
      if (r.type != type || r.course_b != s.course_id) continue;
      const auto& partners = sections_by_course_.at(r.course_a);
      if (k < static_cast<int>(partners.size())) return &sections_[partners[k]].section;
    }
    return nullptr;
  }

  // Singletons and double periods first; within a course, its sections in order.
  void PlaceAll() {
    std::vector<std::string> order;
    for (const auto& [id, secs] : sections_by_course_) order.push_back(id);
    std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) {
      auto rank = [&](const std::string& id) {
        int partner_of_a = 0;  // rule course_b after its course_a
        for (const CourseRule& r : catalog_.rules) partner_of_a += r.course_b == id ? 1 : 0;
        return std::make_tuple(partner_of_a, sections_by_course_.at(id).size(),
                               -CourseOf(id).periods_per_meeting);
      };
      return rank(a) < rank(b);
    });
    for (const std::string& id : order) {
      const auto& secs = sections_by_course_.at(id);
      for (int k = 0; k < static_cast<int>(secs.size()); ++k) Place(sections_[secs[k]].section, k);
    }
  }

  void Place(Section& s, int k) {
    const Course& c = CourseOf(s.course_id);
    const Section* same_section = Partner(s, RuleType::kSamePeriod, k);
    Section* linked = Partner(s, RuleType::kLinked, k);
    const Placement* same = same_section ? &same_section->placement : nullptr;
    if (linked)
      s.link_group = linked->link_group =
          linked->course_id + "+" + s.course_id + "-" + std::to_string(k + 1);
    struct Candidate {
      Placement p;
      double score;
    };
    std::vector<Candidate> candidates;
    for (int p = 0; p + c.periods_per_meeting <= kPeriods; ++p) {
      for (TermMask mask : TermOptions(c)) {
        Placement pl{p, mask};
        if (linked && Overlaps(pl, c.periods_per_meeting, linked->placement,
                               CourseOf(linked->course_id).periods_per_meeting))
          continue;
        double score = 1000.0 * CourseLoadAt(s.course_id, pl) + GradeLoadAt(c, p) + rng_.Unit();
        if (same && !(same->period == p && (same->terms & mask) == 0)) score += 1e6;
        candidates.push_back(Candidate{pl, score});
      }
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& a, const Candidate& b) { return a.score < b.score; });
    for (const Candidate& cand : candidates) {
      const int t = staff_.FindTeacher(c, cand.p, IsAp(c.id));
      const int r = staff_.FindRoom(c, cand.p);
      if (t >= 0 && r >= 0) return Commit(s, cand.p, t, r);
    }
    // Nobody free anywhere: hire or build for the best slot ("supply just covers the sections").
    const Placement best = candidates.front().p;
    int t = staff_.FindTeacher(c, best, IsAp(c.id));
    if (t < 0) t = staff_.HireTeacher(c);
    int r = staff_.FindRoom(c, best);
    if (r < 0) r = staff_.BuildRoom(c);
    Commit(s, best, t, r);
  }

  void Commit(Section& s, const Placement& p, int teacher, int room) {
    const Course& c = CourseOf(s.course_id);
    s.placement = p;
    s.teacher_id = staff_.Assign(teacher, room, c, p);
    s.room_id = staff_.rooms[room].id;
    for (int k = 0; k < c.periods_per_meeting; ++k) {
      course_load_[s.course_id][p.period + k] += 1;
      for (int g = c.min_grade; g <= c.max_grade; ++g)
        grade_load_[g][p.period + k] +=
            static_cast<double>(c.max_students) / (c.max_grade - c.min_grade + 1);
    }
  }

  double CourseLoadAt(const std::string& id, const Placement& p) {
    auto& load = course_load_[id];
    load.resize(kPeriods, 0);
    double sum = 0;
    for (int k = 0; k < CourseOf(id).periods_per_meeting; ++k) sum += load[p.period + k];
    return sum;
  }
  double GradeLoadAt(const Course& c, int p) {
    double sum = 0;
    for (int g = c.min_grade; g <= c.max_grade; ++g) {
      auto& load = grade_load_[g];
      load.resize(kPeriods, 0);
      for (int k = 0; k < c.periods_per_meeting; ++k) sum += load[p + k];
    }
    return sum / (c.max_grade - c.min_grade + 1);
  }

  // How many sections a wish can choose from (its scarcest course).
  size_t Choices(const Wish& w) const {
    size_t fewest = SIZE_MAX;
    for (const std::string& c : w.courses)
      fewest = std::min(fewest, sections_by_course_.at(c).size());
    return fewest;
  }
  void AssignStudents(std::vector<StudentPlan>& plans);
  bool AssignWish(const StudentPlan& plan, const Wish& wish, StudentGrid& grid,
                  std::vector<int>& chosen);
  void Emit(std::vector<StudentPlan>& plans, School& school, School& solution);

  const Catalog& catalog_;
  SplitMix64& rng_;
  std::map<std::string, const CourseSpec*> spec_;
  std::vector<PlacedSection> sections_;
  std::map<std::string, std::vector<int>> sections_by_course_;
  std::map<std::string, std::vector<double>> course_load_;
  std::map<int, std::vector<double>> grade_load_;
  Staff staff_;
  std::vector<std::vector<int>> enrolled_;  // per student (plan order): section indexes
};

// Term rules compare semesters, never rotation days.
bool RuleHolds(int rotation_days, RuleType type, const Section& a, const Section& b) {
  const Placement& x = a.placement;
  const Placement& y = b.placement;
  const TermMask xt = TermsOfSlots(rotation_days, x.terms);
  const TermMask yt = TermsOfSlots(rotation_days, y.terms);
  switch (type) {
    case RuleType::kSamePeriod:
      return x.period == y.period;
    case RuleType::kNotSamePeriod:
      return x.period != y.period;
    case RuleType::kSameTerm:
      return xt == yt;
    case RuleType::kDifferentTerm:
      return (xt & yt) == 0;
    case RuleType::kPrecedes:
      return xt == 0b01 && yt == 0b10;
    case RuleType::kLinked:
      return a.link_group == b.link_group;
  }
  return false;
}

// Upper grades first (as counselors load), in a seeded random order within a grade.
void PlantedBuilder::AssignStudents(std::vector<StudentPlan>& plans) {
  std::vector<int> order(plans.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  rng_.Shuffle(order);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return plans[a].student.grade > plans[b].student.grade; });
  enrolled_.assign(plans.size(), {});
  for (int i : order) {
    StudentPlan& plan = plans[i];
    StudentGrid grid(kPeriods);
    for (const StudentConstraint& k : plan.student.constraints)
      if (k.kind == StudentConstraintKind::kKeepPeriodFree)
        grid.Add(Placement{k.slot.period, k.slot.terms ? k.slot.terms : AllSlots()}, 1);
    // Most constrained first: a singleton elective gets its period before the cores (which have
    // many sections to choose from) fill the day.
    std::vector<int> order_of_wishes(plan.wishes.size());
    for (size_t w = 0; w < order_of_wishes.size(); ++w) order_of_wishes[w] = static_cast<int>(w);
    std::stable_sort(order_of_wishes.begin(), order_of_wishes.end(), [&](int a, int b) {
      return Choices(plan.wishes[a]) < Choices(plan.wishes[b]);
    });
    std::vector<bool> kept(plan.wishes.size(), false);
    for (int w : order_of_wishes) {
      std::vector<int> chosen;
      if (!AssignWish(plan, plan.wishes[w], grid, chosen)) continue;  // dropped from the school
      kept[w] = true;
      for (int s : chosen) {
        enrolled_[i].push_back(s);
        --sections_[s].seats_left;
      }
    }
    std::vector<Wish> wishes;
    for (size_t w = 0; w < kept.size(); ++w)
      if (kept[w]) wishes.push_back(plan.wishes[w]);
    plan.wishes = std::move(wishes);
  }
}

// Depth-first over the wish's courses: a section per course, free in the student's grid, with
// seats and the right team, and every rule between the wish's courses holding.
bool PlantedBuilder::AssignWish(const StudentPlan& plan, const Wish& wish, StudentGrid& grid,
                                std::vector<int>& chosen) {
  const size_t j = chosen.size();
  if (j == wish.courses.size()) return true;
  const Course& c = CourseOf(wish.courses[j]);
  std::vector<int> candidates;
  for (int s : sections_by_course_.at(c.id)) {
    const PlacedSection& ps = sections_[s];
    if (ps.seats_left <= 0 || !grid.Free(ps.section.placement, c.periods_per_meeting)) continue;
    if (ps.section.team && ps.section.team != plan.student.team) continue;
    candidates.push_back(s);
  }
  rng_.Shuffle(candidates);
  // Team students fill their team's sections first; then the emptiest section (balance).
  std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) {
    return std::make_pair(sections_[a].section.team.has_value() ? 0 : 1, -sections_[a].seats_left) <
           std::make_pair(sections_[b].section.team.has_value() ? 0 : 1, -sections_[b].seats_left);
  });
  for (int s : candidates) {
    bool ok = true;
    for (size_t i = 0; i < j && ok; ++i)
      for (const CourseRule& r : catalog_.rules) {
        const Section& prev = sections_[chosen[i]].section;
        const Section& cur = sections_[s].section;
        if (r.course_a == prev.course_id && r.course_b == cur.course_id)
          ok = ok && RuleHolds(catalog_.rotation_days, r.type, prev, cur);
        if (r.course_a == cur.course_id && r.course_b == prev.course_id)
          ok = ok && RuleHolds(catalog_.rotation_days, r.type, cur, prev);
      }
    if (!ok) continue;
    grid.Add(sections_[s].section.placement, c.periods_per_meeting);
    chosen.push_back(s);
    if (AssignWish(plan, wish, grid, chosen)) return true;
    chosen.pop_back();
    grid.Remove(sections_[s].section.placement, c.periods_per_meeting);
  }
  return false;
}

void PlantedBuilder::Emit(std::vector<StudentPlan>& plans, School& school, School& solution) {
  for (int t = 0; t < static_cast<int>(staff_.teachers.size()); ++t) {
    Teacher teacher = staff_.teachers[t];
    for (const CourseSpec& s : catalog_.courses)
      if (s.course.department == staff_.department(t) && !IsAp(s.course.id) &&
          std::find(teacher.can_teach.begin(), teacher.can_teach.end(), s.course.id) ==
              teacher.can_teach.end())
        teacher.can_teach.push_back(s.course.id);
    teacher.max_sections = std::max(6, staff_.sections(t));
    school.teachers.push_back(std::move(teacher));
  }
  school.rooms = staff_.rooms;
  for (Course& c : school.courses)
    if (c.sections_to_build)
      c.sections_to_build = static_cast<int>(sections_by_course_[c.id].size());
  for (size_t i = 0; i < plans.size(); ++i) {
    WishesToRequests(plans[i]);
    Student& st = plans[i].student;
    // About 1 % avoid a teacher of their department who teaches none of their sections.
    if (rng_.Chance(0.01) && !st.requests.empty()) {
      const std::string& dept = CourseOf(st.requests[0].course_id).department;
      for (const Teacher& t : school.teachers) {
        bool teaches_me = false;
        for (int s : enrolled_[i])
          teaches_me = teaches_me || sections_[s].section.teacher_id == t.id;
        if (teaches_me || staff_.department(&t - school.teachers.data()) != dept) continue;
        st.constraints.push_back(StudentConstraint{StudentConstraintKind::kAvoidTeacher, t.id, {}});
        break;
      }
    }
    school.students.push_back(st);
  }
  solution = school;
  for (const PlacedSection& ps : sections_) {
    solution.sections.push_back(ps.section);
    Section unplaced = ps.section;
    unplaced.placement = Placement{};
    school.sections.push_back(std::move(unplaced));
  }
  for (size_t i = 0; i < plans.size(); ++i)
    for (int s : enrolled_[i])
      solution.enrollments.push_back(Enrollment{plans[i].student.id, sections_[s].section.id,
                                                sections_[s].section.course_id, false});
}

}  // namespace

void BuildPlantedSchool(const Catalog& catalog, std::vector<StudentPlan> plans, SplitMix64& rng,
                        School& school, School& solution) {
  PlantedBuilder(catalog, rng).Run(std::move(plans), school, solution);
}

}  // namespace secsched::engine::generator
