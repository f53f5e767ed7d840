#include "services/sectioning/engine/schedule_state.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "services/sectioning/engine/conflicts.h"

namespace secsched::engine {
namespace {

PeriodTermGrid BlockedGrid(const std::vector<PeriodSlot>& unavailable, int periods, TermMask all) {
  PeriodTermGrid grid(periods);
  for (const PeriodSlot& slot : unavailable) grid.occupied[slot.period] |= SlotTerms(slot, all);
  return grid;
}

}  // namespace

ScheduleState::ScheduleState(const SchoolIndex& index, std::vector<std::string>& warnings)
    : index_(index) {
  const School& school = index.school();
  const int periods = index.periods_per_day();
  const TermMask all = index.AllTerms();
  for (const Teacher& t : school.teachers) {
    teacher_busy_.emplace_back(periods);
    teacher_blocked_.push_back(BlockedGrid(t.unavailable, periods, all));
    teacher_term_load_.emplace_back(index.num_terms(), 0);
    teacher_term_limit_.push_back(TermLoadLimit(school.calendar, t));
  }
  for (const Room& r : school.rooms) {
    room_busy_.emplace_back(periods);
    room_blocked_.push_back(BlockedGrid(r.unavailable, periods, all));
  }

  // Rooms by capacity, so that the smallest room that fits is tried first.
  std::vector<int> rooms_by_capacity(school.rooms.size());
  for (int r = 0; r < static_cast<int>(rooms_by_capacity.size()); ++r) rooms_by_capacity[r] = r;
  std::stable_sort(rooms_by_capacity.begin(), rooms_by_capacity.end(), [&](int a, int b) {
    return school.rooms[a].capacity < school.rooms[b].capacity;
  });

  std::vector<int> requests_of_course(school.courses.size(), 0);
  for (const Student& student : school.students)
    for (const Request& r : student.requests) ++requests_of_course[index.CourseIndex(r.course_id)];

  sections_.resize(school.sections.size());
  for (int s = 0; s < num_sections(); ++s) {
    const Section& in = school.sections[s];
    SectionState& st = sections_[s];
    st.course = index.CourseIndexOfSection(s);
    const Course& course = school.courses[st.course];
    st.ppm = course.periods_per_meeting;
    const std::vector<int>& siblings = index.SectionsOfCourse(st.course);
    st.rank = static_cast<int>(std::find(siblings.begin(), siblings.end(), s) - siblings.begin());
    st.has_primary = !in.teacher_id.empty();
    if (st.has_primary) st.teachers.push_back(index.TeacherIndex(in.teacher_id));
    for (const std::string& co : in.co_teacher_ids) st.teachers.push_back(index.TeacherIndex(co));
    st.fixed = in.locked;
    const int home = in.room_id.empty() ? -1 : index.RoomIndex(in.room_id);
    if (st.fixed) {
      st.room = home;
      st.needs_room = home >= 0;
    } else {
      // Rooms seating the students the section can expect (its share of the course's
      // requests, at most its maximum), smallest first, then smaller rooms, largest first (a
      // section in a smaller room seats fewer). A half-empty elective thus takes a small room
      // and leaves the big ones to full courses. The home room leads when it seats them.
      const int sections_of_course = std::max<int>(1, index.SectionsOfCourse(st.course).size());
      const int expected =
          std::clamp((requests_of_course[st.course] + sections_of_course - 1) / sections_of_course,
                     1, index.MaxStudents(s));
      auto fits = [&](int r) { return school.rooms[r].capacity >= expected; };
      if (home >= 0 && fits(home)) st.room_choices.push_back(home);
      for (int r : rooms_by_capacity) {
        if (r != home && school.rooms[r].type == course.room_type && fits(r))
          st.room_choices.push_back(r);
      }
      for (auto it = rooms_by_capacity.rbegin(); it != rooms_by_capacity.rend(); ++it) {
        const Room& room = school.rooms[*it];
        if ((*it != home || !fits(home)) && room.type == course.room_type && !fits(*it) &&
            room.capacity > 0)
          st.room_choices.push_back(*it);
      }
      st.needs_room = true;
      // A section is placed only where it can open: with its teacher and in a room.
      if (!st.has_primary) {
        warnings.push_back(absl::StrCat("section ", in.id, " has no teacher; it is not placed"));
      } else if (st.room_choices.empty()) {
        warnings.push_back(absl::StrCat("no room of type '", course.room_type, "' for section ",
                                        in.id, "; it is not placed"));
      } else {
        for (TermMask mask : index.TermOptions(course))
          for (int p = 0; p + st.ppm <= periods; ++p) st.options.push_back(Placement{p, mask});
      }
    }
  }

  // Course pairs requested together, weighted by the students who request both.
  std::unordered_map<std::uint64_t, int> pair_of_key;
  neighbours_.resize(school.courses.size());
  auto pair_id = [&](int a, int b) {
    if (a > b) std::swap(a, b);
    const std::uint64_t key = (static_cast<std::uint64_t>(a) << 32) | static_cast<unsigned>(b);
    auto [it, inserted] = pair_of_key.emplace(key, static_cast<int>(pairs_.size()));
    if (inserted) {
      CoursePair pair{a, b, 0, false};
      for (int r : index.RulesOfCourse(a)) {
        const CourseRule& rule = school.rules[r];
        const auto [ra, rb] = index.RuleCourses(r);
        if (ra != b && rb != b) continue;
        if (rule.type == RuleType::kNotSamePeriod) pair.same_period_clash = true;
        if (rule.type == RuleType::kSameTerm || rule.type == RuleType::kDifferentTerm ||
            rule.type == RuleType::kPrecedes)
          pair.term_rules.push_back(r);
      }
      pairs_.push_back(pair);
      neighbours_[a].push_back({b, it->second});
      neighbours_[b].push_back({a, it->second});
    }
    return it->second;
  };
  for (const Student& student : school.students) {
    for (size_t i = 0; i < student.requests.size(); ++i) {
      for (size_t j = i + 1; j < student.requests.size(); ++j) {
        const int a = index.CourseIndex(student.requests[i].course_id);
        const int b = index.CourseIndex(student.requests[j].course_id);
        if (a == b) continue;
        const bool both_required = student.requests[i].required && student.requests[j].required;
        pairs_[pair_id(a, b)].weight += both_required ? 2.0 : 1.0;
      }
    }
  }

  for (CoursePair& pair : pairs_) {
    const double na = static_cast<double>(index.SectionsOfCourse(pair.a).size());
    const double nb = static_cast<double>(index.SectionsOfCourse(pair.b).size());
    pair.scale = pair.weight / std::max(1.0, na * nb);
  }
  std::vector<int> students_of(school.courses.size(), 0);
  for (const Student& student : school.students)
    for (const Request& r : student.requests) ++students_of[index.CourseIndex(r.course_id)];
  for (int c = 0; c < static_cast<int>(school.courses.size()); ++c) {
    const double n = static_cast<double>(index.SectionsOfCourse(c).size());
    stack_scale_.push_back(n > 1 ? students_of[c] / (n * n) : 0.0);
  }
  for (const Course& course : school.courses) {
    CourseOccupancy occ;
    occ.ppm = course.periods_per_meeting;
    occ.masks = index.TermOptions(course);
    occ.count.assign(periods * occ.masks.size(), 0);
    occ.mask_total.assign(occ.masks.size(), 0);
    occupancy_.push_back(std::move(occ));
  }

  cost_ = kUnplacedPenalty * num_sections();
  for (int s = 0; s < num_sections(); ++s) {
    const Placement p = school.sections[s].placement;
    if (sections_[s].fixed && p.placed()) {
      const int room = sections_[s].room;
      sections_[s].room = -1;
      Add(s, p, room);
    }
  }
}

void ScheduleState::Count(int course, const Placement& p, int delta) {
  CourseOccupancy& occ = occupancy_[course];
  auto it = std::find(occ.masks.begin(), occ.masks.end(), p.terms);
  if (it == occ.masks.end()) {  // a locked section with an unusual mask: widen the table
    const size_t old = occ.masks.size();
    std::vector<int> wider(index_.periods_per_day() * (old + 1), 0);
    for (int q = 0; q < index_.periods_per_day(); ++q)
      for (size_t k = 0; k < old; ++k) wider[q * (old + 1) + k] = occ.count[q * old + k];
    occ.masks.push_back(p.terms);
    occ.count = std::move(wider);
    occ.mask_total.push_back(0);
    it = occ.masks.end() - 1;
  }
  occ.count[p.period * occ.masks.size() + (it - occ.masks.begin())] += delta;
  occ.mask_total[it - occ.masks.begin()] += delta;
}

bool ScheduleState::TermRulesHold(const CoursePair& pair, int my_course, TermMask mine,
                                  TermMask theirs) const {
  for (int r : pair.term_rules) {
    const bool mine_is_a = index_.RuleCourses(r).first == my_course;
    const Meeting me{Placement{0, mine}, 1, nullptr}, them{Placement{0, theirs}, 1, nullptr};
    if (!RuleHolds(index_, index_.school().rules[r].type, mine_is_a ? me : them,
                   mine_is_a ? them : me))
      return false;
  }
  return true;
}

int ScheduleState::ClashCount(const CoursePair& pair, int my_course, const Placement& p,
                              int ppm) const {
  const int course = pair.a == my_course ? pair.b : pair.a;
  const CourseOccupancy& occ = occupancy_[course];
  const int m = static_cast<int>(occ.masks.size());
  int clashes = 0;
  bool rule_ok[16];
  for (int k = 0; k < m && k < 16; ++k) {
    rule_ok[k] = pair.term_rules.empty() || TermRulesHold(pair, my_course, p.terms, occ.masks[k]);
    if (!rule_ok[k]) clashes += occ.mask_total[k];  // every section in that mask is unusable
  }
  // Sections starting in [p - their_ppm + 1, p + ppm - 1] share a period with p.
  const int first = std::max(0, p.period - occ.ppm + 1);
  const int last = std::min(index_.periods_per_day() - 1, p.period + ppm - 1);
  for (int q = first; q <= last; ++q)
    for (int k = 0; k < m && k < 16; ++k)
      if (rule_ok[k] && (pair.same_period_clash || (occ.masks[k] & p.terms)))
        clashes += occ.count[q * m + k];
  return clashes;
}

int ScheduleState::StackCount(int course, const Placement& p, int ppm) const {
  const CourseOccupancy& occ = occupancy_[course];
  const int m = static_cast<int>(occ.masks.size());
  int stacked = 0;
  const int first = std::max(0, p.period - occ.ppm + 1);
  const int last = std::min(index_.periods_per_day() - 1, p.period + ppm - 1);
  for (int q = first; q <= last; ++q)
    for (int k = 0; k < m; ++k)
      if (occ.masks[k] & p.terms) stacked += occ.count[q * m + k];
  return stacked;
}

double ScheduleState::ConstructionPriority(int s) const {
  double weight = 0;
  for (const Neighbour& n : neighbours_[sections_[s].course]) weight += pairs_[n.pair].scale;
  // Fewer places to go and locked neighbours make a section harder: favour small option sets.
  return weight / std::max<size_t>(1, sections_[s].options.size());
}

bool ScheduleState::Clash(const CoursePair& pair, const Placement& p, int ppm, int other) const {
  const SectionState& o = sections_[other];
  if (!o.placement.placed()) return false;
  if (!pair.term_rules.empty() &&
      !TermRulesHold(pair, sections_[other].course == pair.a ? pair.b : pair.a, p.terms,
                     o.placement.terms))
    return true;
  if (pair.same_period_clash) return SchoolIndex::SharePeriod(p, ppm, o.placement, o.ppm);
  return index_.Overlaps(p, ppm, o.placement, o.ppm);
}

double ScheduleState::AddCost(int s, const Placement& p) const {
  const SectionState& st = sections_[s];
  double delta = -kUnplacedPenalty;
  if (stack_scale_[st.course] > 0)
    delta += stack_scale_[st.course] * StackCount(st.course, p, st.ppm);
  for (const Neighbour& n : neighbours_[st.course]) {
    const CoursePair& pair = pairs_[n.pair];
    const int clashes = ClashCount(pair, st.course, p, st.ppm);
    if (clashes) delta += clashes * pair.scale;
  }
  return delta;
}

double ScheduleState::RecomputeCost() const {
  double cost = 0;
  for (int s = 0; s < num_sections(); ++s)
    if (!sections_[s].placement.placed()) cost += kUnplacedPenalty;
  for (const CoursePair& pair : pairs_) {
    int clashes = 0;
    for (int x : index_.SectionsOfCourse(pair.a))
      if (sections_[x].placement.placed())
        for (int y : index_.SectionsOfCourse(pair.b))
          clashes += Clash(pair, sections_[x].placement, sections_[x].ppm, y);
    cost += clashes * pair.scale;
  }
  for (int c = 0; c < static_cast<int>(stack_scale_.size()); ++c) {
    const std::vector<int>& mine = index_.SectionsOfCourse(c);
    int stacked = 0;
    for (size_t i = 0; i < mine.size(); ++i)
      for (size_t j = i + 1; j < mine.size(); ++j) {
        const SectionState &x = sections_[mine[i]], &y = sections_[mine[j]];
        stacked += x.placement.placed() && y.placement.placed() &&
                   index_.Overlaps(x.placement, x.ppm, y.placement, y.ppm);
      }
    cost += stacked * stack_scale_[c];
  }
  return cost;
}

bool ScheduleState::TeachersFree(int s, const Placement& p) const {
  const int ppm = sections_[s].ppm;
  const Calendar& calendar = index_.school().calendar;
  for (int t : sections_[s].teachers) {
    if (!teacher_busy_[t].Free(p, ppm) || !teacher_blocked_[t].Free(p, ppm)) return false;
    if (teacher_term_limit_[t] == std::numeric_limits<int>::max()) continue;
    for (int term = 0; term < index_.num_terms(); ++term) {
      const int added = TermLoad(calendar, p, ppm, term);
      if (added > 0 && teacher_term_load_[t][term] + added > teacher_term_limit_[t]) return false;
    }
  }
  return true;
}

bool ScheduleState::RoomFree(int room, const Placement& p, int ppm) const {
  return room_busy_[room].Free(p, ppm) && room_blocked_[room].Free(p, ppm);
}

// SAME_PERIOD pairs sections by rank, cycling over the course with fewer sections, so that the
// extra sections of the larger course share a period with the smaller course's sections too.
static bool SamePeriodPartners(int rank_a, int rank_b, int count_a, int count_b) {
  const int cycle = std::max(1, std::min(count_a, count_b));
  return rank_a % cycle == rank_b % cycle;
}

std::vector<int> ScheduleState::SamePeriodGroup(int s) const {
  std::vector<int> group{s};
  for (size_t next = 0; next < group.size(); ++next) {
    const SectionState& st = sections_[group[next]];
    for (int r : index_.RulesOfCourse(st.course)) {
      if (index_.school().rules[r].type != RuleType::kSamePeriod) continue;
      const auto [course_a, course_b] = index_.RuleCourses(r);
      const int other_course = course_a == st.course ? course_b : course_a;
      const std::vector<int>& others = index_.SectionsOfCourse(other_course);
      for (int o : others) {
        if (!SamePeriodPartners(st.rank, sections_[o].rank, static_cast<int>(others.size()),
                                static_cast<int>(index_.SectionsOfCourse(st.course).size())))
          continue;
        if (std::find(group.begin(), group.end(), o) == group.end()) group.push_back(o);
      }
    }
  }
  return group;
}

// SAME_PERIOD pairs sections (SamePeriodPartners); LINKED sections of one group must
// not meet together.
// The other rules are part of the objective instead (see Clash).
bool ScheduleState::RulesAllow(int s, const Placement& p) const {
  const School& school = index_.school();
  const SectionState& st = sections_[s];
  const Meeting mine{p, st.ppm, &school.sections[s].link_group};
  for (int r : index_.RulesOfCourse(st.course)) {
    const CourseRule& rule = school.rules[r];
    const bool master_rule =
        rule.type == RuleType::kNotSamePeriod && rule.scope == RuleScope::kMaster;
    if (rule.type != RuleType::kSamePeriod && rule.type != RuleType::kLinked && !master_rule)
      continue;
    const auto [course_a, course_b] = index_.RuleCourses(r);
    const bool mine_is_a = course_a == st.course;
    const int other_course = mine_is_a ? course_b : course_a;
    const std::vector<int>& others = index_.SectionsOfCourse(other_course);
    for (int o : others) {
      const SectionState& os = sections_[o];
      if (!os.placement.placed()) continue;
      const Meeting theirs{os.placement, os.ppm, &school.sections[o].link_group};
      const Meeting& a = mine_is_a ? mine : theirs;
      const Meeting& b = mine_is_a ? theirs : mine;
      switch (rule.type) {
        case RuleType::kSamePeriod:
          // Paired sections share a period in different terms, so one student can take both.
          if (SamePeriodPartners(st.rank, os.rank, static_cast<int>(others.size()),
                                 static_cast<int>(index_.SectionsOfCourse(st.course).size())) &&
              (!SamePeriodHolds(a, b) || index_.Overlaps(p, st.ppm, os.placement, os.ppm)))
            return false;
          break;
        case RuleType::kLinked:
          if (!school.sections[s].link_group.empty() && LinkedHolds(a, b) &&
              index_.Overlaps(p, st.ppm, os.placement, os.ppm))
            return false;
          break;
        case RuleType::kNotSamePeriod:
          // A master-level rule keeps every pair of sections apart; a student-level one is
          // steered by the objective.
          if (rule.scope == RuleScope::kMaster &&
              SchoolIndex::SharePeriod(p, st.ppm, os.placement, os.ppm) &&
              (index_.TermBits(p.terms) & index_.TermBits(os.placement.terms)) != 0)
            return false;
          break;
        case RuleType::kSameTerm:
        case RuleType::kDifferentTerm:
        case RuleType::kPrecedes:
          break;  // steered by the objective (see Clash)
      }
    }
  }
  return true;
}

int ScheduleState::FindRoomIfFeasible(int s, const Placement& p) const {
  const SectionState& st = sections_[s];
  if (!TeachersFree(s, p) || !RulesAllow(s, p)) return -2;
  if (!st.needs_room) return -1;
  for (int r : st.room_choices)
    if (RoomFree(r, p, st.ppm)) return r;
  return -2;
}

void ScheduleState::Add(int s, const Placement& p, int room) {
  cost_ += AddCost(s, p);
  SectionState& st = sections_[s];
  st.placement = p;
  st.room = room;
  Count(st.course, p, +1);
  for (int t : st.teachers) {
    teacher_busy_[t].Add(p, st.ppm);
    AddTermLoad(index_.school().calendar, p, st.ppm, teacher_term_load_[t]);
  }
  if (room >= 0) room_busy_[room].Add(p, st.ppm);
}

void ScheduleState::SwapPrimaryTeachers(int s, int t) {
  std::swap(sections_[s].teachers[0], sections_[t].teachers[0]);
}

void ScheduleState::Remove(int s) {
  SectionState& st = sections_[s];
  const Placement p = st.placement;
  for (int t : st.teachers) {
    teacher_busy_[t].Remove(p, st.ppm);
    AddTermLoad(index_.school().calendar, p, st.ppm, teacher_term_load_[t], /*sign=*/-1);
  }
  if (st.room >= 0) room_busy_[st.room].Remove(p, st.ppm);
  st.placement = Placement{};
  Count(st.course, p, -1);
  cost_ -= AddCost(s, p);
}

}  // namespace secsched::engine
