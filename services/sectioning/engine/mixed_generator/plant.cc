// The planted solution every mode starts from: sections per offering from the demand, placed
// singletons first, each with a teacher (within the per-term limit, packing the busiest
// qualified teacher first so that staff just covers the sections; hired when nobody fits) and a
// room (mixed sizes: the seats are min(course maximum, room capacity)).
#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "services/sectioning/engine/mixed_generator/mixed_internal.h"

namespace secsched::engine::mixed_generator {

void AssignStudents(const Catalog& catalog, const std::vector<StudentPlan>& plans, Pcg32& rng,
                    Plant& plant);  // assign.cc

namespace {

constexpr double kSecondDept = 0.25;         // hires qualified in a second department too
constexpr int kFirstGrade = 9, kGrades = 4;  // the catalog's high school
// A student who could not take two co-requested sections weighs as much as this many seats of
// grade load: placing apart what students take together is what lets them all be assigned.
constexpr double kClashWeight = 30;
constexpr double kSpareRooms = 0.1;  // rooms beyond those the planted schedule uses

// Room sizes by type, handed out in turn: regular rooms are mostly 30-32 with 18-20 seat seminar
// rooms and a few 35-seat big rooms; labs seat 24 (science classes may hold 30).
const std::vector<int>& RoomSizes(const std::string& type) {
  static const std::map<std::string, std::vector<int>> sizes = {
      {"regular", {30, 30, 32, 19, 30, 35, 30, 18, 32, 30, 20, 30}},
      {"lab", {24}},
      {"art", {24, 28}},
      {"music", {60, 45}},
      {"gym", {40}},
      {"computer", {30, 28}},
      {"kitchen", {20}},
      {"shop", {20}},
  };
  static const std::vector<int> fallback = {30};
  auto it = sizes.find(type);
  return it == sizes.end() ? fallback : it->second;
}

int TypicalSeats(const Subject& s) { return std::min(s.max_students, RoomSizes(s.room_type)[0]); }

const std::map<std::string, std::vector<std::string>>& DepartmentPartners() {
  static const std::map<std::string, std::vector<std::string>> partners = {
      {"English", {"Social Studies", "World Languages"}},
      {"Social Studies", {"English"}},
      {"Mathematics", {"Technology", "Science"}},
      {"Science", {"Mathematics", "Health and PE"}},
      {"Technology", {"Mathematics", "Career and Technical"}},
      {"World Languages", {"English"}},
      {"Fine Arts", {"Career and Technical", "Music"}},
      {"Music", {"Fine Arts"}},
      {"Health and PE", {"Science"}},
      {"Career and Technical", {"Technology", "Fine Arts"}},
  };
  return partners;
}

bool FixedCount(const Subject& s) {
  return s.role == Role::kSingleton || s.role == Role::kCoreReplacement;
}

class Placer {
 public:
  Placer(const Catalog& catalog, double seat_slack, Pcg32& rng, Plant& plant)
      : k_(catalog),
        seat_slack_(seat_slack),
        rng_(rng),
        plant_(plant),
        grade_load_(kGrades * catalog.shape.Cells(), 0.0) {}

  void Run(const std::vector<StudentPlan>& plans) {
    std::vector<int> demand(k_.offerings.size(), 0);
    for (const StudentPlan& p : plans)
      for (const Wish& w : p.wishes) ++demand[w.offering];
    std::vector<int> counts(k_.offerings.size(), 0);
    for (size_t o = 0; o < counts.size(); ++o) {
      const Subject& s = k_.offerings[o].subject;
      const double wanted = FixedCount(s) ? demand[o] : demand[o] * seat_slack_;
      counts[o] = static_cast<int>((wanted + TypicalSeats(s) - 1) / TypicalSeats(s));
    }
    plant_.master_rules = MasterRules(k_, plans, counts);
    counts_ = counts;
    together_.assign(k_.offerings.size(), std::vector<double>(k_.offerings.size(), 0));
    for (const StudentPlan& p : plans)
      for (const Wish& a : p.wishes)
        for (const Wish& b : p.wishes)
          if (a.offering != b.offering) together_[a.offering][b.offering] += 1;
    plant_.sections_of_offering.assign(k_.offerings.size(), {});
    std::vector<int> order;
    for (size_t o = 0; o < counts.size(); ++o) order.push_back(static_cast<int>(o));
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return std::make_pair(counts[a], -k_.offerings[a].cells) <
             std::make_pair(counts[b], -k_.offerings[b].cells);
    });
    for (int o : order)
      for (int n = 0; n < counts[o]; ++n) Place(o);
    const int spare = static_cast<int>(plant_.rooms.size() * kSpareRooms);
    for (int i = 0; i < spare; ++i) BuildRoom(i % 2 == 0 ? "regular" : "lab");
  }

 private:
  int Limit() const { return k_.shape.teacher_periods_per_term; }
  TermMask& Busy(std::vector<TermMask>& grid, int period) {
    if (grid.empty()) grid.assign(k_.shape.periods, 0);
    return grid[period];
  }

  // Master NOT_SAME_PERIOD: a partner's section anywhere in this period (whatever the terms, so
  // the student-level reading of the rule holds too).
  bool MasterClash(int o, int period) const {
    for (const CourseRule& r : plant_.master_rules) {
      const std::string& mine = k_.offerings[o].course_ids[0];
      const std::string other = r.course_a == mine   ? r.course_b
                                : r.course_b == mine ? r.course_a
                                                     : "";
      if (other.empty()) continue;
      for (int s : plant_.sections_of_offering[k_.offering_of_course.at(other)])
        if (plant_.sections[s].period == period) return true;
    }
    return false;
  }

  // Students wanting this offering and a placed section's offering, when they overlap: each of
  // that offering's sections carries its share of them.
  double Clashes(int o, int period, TermMask terms) const {
    double clashes = 0;
    for (const PlantedSection& sec : plant_.sections)
      if (sec.period == period && (sec.terms & terms))
        clashes += together_[o][sec.offering] / counts_[sec.offering];
    return clashes;
  }

  double GradeLoad(const Subject& s, int period, TermMask terms) const {
    double load = 0;
    for (int g = s.min_grade; g <= s.max_grade; ++g)
      for (int t = 0; t < k_.shape.terms; ++t)
        if (terms & (1u << t))
          load += grade_load_[((g - kFirstGrade) * k_.shape.periods + period) * k_.shape.terms + t];
    return load / (s.max_grade - s.min_grade + 1);
  }

  void Place(int o) {
    const Offering& off = k_.offerings[o];
    struct Candidate {
      int period;
      TermMask terms;
      double score;
    };
    std::vector<Candidate> candidates;
    for (int p = 0; p < k_.shape.periods; ++p) {
      if (MasterClash(o, p)) continue;
      for (TermMask terms : off.term_options) {
        int stacked = 0;
        for (int s : plant_.sections_of_offering[o])
          stacked += plant_.sections[s].period == p && (plant_.sections[s].terms & terms) ? 1 : 0;
        candidates.push_back(Candidate{p, terms,
                                       1000.0 * stacked + GradeLoad(off.subject, p, terms) +
                                           kClashWeight * Clashes(o, p, terms) + rng_.Unit()});
      }
    }
    if (candidates.empty()) return;  // every period holds a master partner: fewer sections
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& a, const Candidate& b) { return a.score < b.score; });
    for (const Candidate& c : candidates) {
      const int t = FindTeacher(o, c.period, c.terms), r = FindRoom(o, c.period, c.terms);
      if (t >= 0 && r >= 0) return Commit(o, c.period, c.terms, t, r);
    }
    const Candidate& best = candidates.front();
    int t = FindTeacher(o, best.period, best.terms);
    if (t < 0) t = Hire(off.subject.department);
    int r = FindRoom(o, best.period, best.terms);
    if (r < 0) r = BuildRoom(off.subject.room_type);
    Commit(o, best.period, best.terms, t, r);
  }

  bool Teaches(const PlantedTeacher& t, int o) const {
    return std::find(t.singletons.begin(), t.singletons.end(), o) != t.singletons.end();
  }

  // The busiest qualified teacher free then and under the per-term limit: own department first,
  // a singleton's existing teacher first.
  int FindTeacher(int o, int period, TermMask terms) {
    const Subject& s = k_.offerings[o].subject;
    int best = -1;
    std::tuple<int, int, int> best_rank;
    for (int i = 0; i < static_cast<int>(plant_.teachers.size()); ++i) {
      PlantedTeacher& t = plant_.teachers[i];
      const bool own = t.department == s.department;
      if (!own && (t.second_department != s.department || FixedCount(s))) continue;
      if (Busy(t.busy, period) & terms) continue;
      bool fits = true;
      for (int term = 0; term < k_.shape.terms; ++term)
        if ((terms & (1u << term)) && t.term_load[term] >= Limit()) fits = false;
      if (!fits) continue;
      int load = 0;
      for (int l : t.term_load) load += l;
      const auto rank =
          std::make_tuple(own ? 0 : 1, FixedCount(s) && !Teaches(t, o) ? 1 : 0, -load);
      if (best < 0 || rank < best_rank) best = i, best_rank = rank;
    }
    return best;
  }

  int Hire(const std::string& department) {
    PlantedTeacher t;
    t.department = department;
    const auto& partners = DepartmentPartners();
    auto it = partners.find(department);
    if (it != partners.end() && rng_.Chance(kSecondDept))
      t.second_department = it->second[rng_.Below(static_cast<int>(it->second.size()))];
    t.busy.assign(k_.shape.periods, 0);
    t.term_load.assign(k_.shape.terms, 0);
    plant_.teachers.push_back(std::move(t));
    return static_cast<int>(plant_.teachers.size()) - 1;
  }

  // A free room of the type: one seating the whole class, the smallest such; else the largest.
  int FindRoom(int o, int period, TermMask terms) {
    const Subject& s = k_.offerings[o].subject;
    int best = -1;
    for (int r = 0; r < static_cast<int>(plant_.rooms.size()); ++r) {
      if (plant_.rooms[r].type != s.room_type || (Busy(room_busy_[r], period) & terms)) continue;
      if (best < 0) {
        best = r;
        continue;
      }
      const int cap = plant_.rooms[r].capacity, best_cap = plant_.rooms[best].capacity;
      const bool fits = cap >= s.max_students, best_fits = best_cap >= s.max_students;
      if (fits != best_fits ? fits : (fits ? cap < best_cap : cap > best_cap)) best = r;
    }
    return best;
  }

  int BuildRoom(const std::string& type) {
    const int n = static_cast<int>(std::count_if(plant_.rooms.begin(), plant_.rooms.end(),
                                                 [&](const Room& r) { return r.type == type; }));
    const std::vector<int>& sizes = RoomSizes(type);
    std::string id = type;
    for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    id += "-" + std::to_string(100 + n + 1);
    plant_.rooms.push_back(Room{id, sizes[n % sizes.size()], type, {}});
    room_busy_.emplace_back();
    return static_cast<int>(plant_.rooms.size()) - 1;
  }

  void Commit(int o, int period, TermMask terms, int teacher, int room) {
    const Subject& s = k_.offerings[o].subject;
    PlantedSection sec{
        o, period, terms, teacher, room, std::min(s.max_students, plant_.rooms[room].capacity), 0};
    PlantedTeacher& t = plant_.teachers[teacher];
    Busy(t.busy, period) |= terms;
    Busy(room_busy_[room], period) |= terms;
    for (int term = 0; term < k_.shape.terms; ++term)
      if (terms & (1u << term)) {
        ++t.term_load[term];
        for (int g = s.min_grade; g <= s.max_grade; ++g)
          grade_load_[((g - kFirstGrade) * k_.shape.periods + period) * k_.shape.terms + term] +=
              sec.seats;
      }
    if (FixedCount(s) && !Teaches(t, o)) t.singletons.push_back(o);
    ++t.sections;
    plant_.sections_of_offering[o].push_back(static_cast<int>(plant_.sections.size()));
    plant_.sections.push_back(sec);
  }

  const Catalog& k_;
  double seat_slack_;
  Pcg32& rng_;
  Plant& plant_;
  std::vector<double> grade_load_;             // seats per (grade, period, term) cell
  std::vector<int> counts_;                    // sections per offering
  std::vector<std::vector<double>> together_;  // students wishing for both offerings
  std::vector<std::vector<TermMask>> room_busy_;
};

}  // namespace

Plant BuildPlant(const Catalog& catalog, const std::vector<StudentPlan>& plans, double seat_slack,
                 Pcg32& rng) {
  Plant plant;
  Placer(catalog, seat_slack, rng, plant).Run(plans);
  AssignStudents(catalog, plans, rng, plant);
  return plant;
}

}  // namespace secsched::engine::mixed_generator
