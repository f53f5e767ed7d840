#include "services/sectioning/engine/schedule_state.h"

#include <algorithm>
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

  sections_.resize(school.sections.size());
  for (int s = 0; s < num_sections(); ++s) {
    const Section& in = school.sections[s];
    SectionState& st = sections_[s];
    st.course = index.CourseIndexOfSection(s);
    const Course& course = school.courses[st.course];
    st.ppm = course.periods_per_meeting;
    const std::vector<int>& siblings = index.SectionsOfCourse(st.course);
    st.rank = static_cast<int>(std::find(siblings.begin(), siblings.end(), s) - siblings.begin());
    if (!in.teacher_id.empty()) st.teachers.push_back(index.TeacherIndex(in.teacher_id));
    for (const std::string& co : in.co_teacher_ids) st.teachers.push_back(index.TeacherIndex(co));
    st.fixed = in.locked;
    const int home = in.room_id.empty() ? -1 : index.RoomIndex(in.room_id);
    if (st.fixed) {
      st.room = home;
      st.needs_room = home >= 0;
    } else {
      if (home >= 0) st.room_choices.push_back(home);
      for (int r : rooms_by_capacity) {
        const Room& room = school.rooms[r];
        if (r != home && room.type == course.room_type && room.capacity >= index.Capacity(s))
          st.room_choices.push_back(r);
      }
      st.needs_room = !st.room_choices.empty();
      if (!st.needs_room)
        warnings.push_back(absl::StrCat("no room of type '", course.room_type,
                                        "' fits section ", in.id, "; placed without a room"));
      for (TermMask mask : index.TermOptions(course))
        for (int p = 0; p + st.ppm <= periods; ++p) st.options.push_back(Placement{p, mask});
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
        if (rule.type == RuleType::kNotSamePeriod &&
            (index.CourseIndex(rule.course_a) == b || index.CourseIndex(rule.course_b) == b))
          pair.same_period_clash = true;
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

double ScheduleState::Scale(const CoursePair& pair) const {
  const double na = static_cast<double>(index_.SectionsOfCourse(pair.a).size());
  const double nb = static_cast<double>(index_.SectionsOfCourse(pair.b).size());
  return pair.weight / std::max(1.0, na * nb);
}

double ScheduleState::ConstructionPriority(int s) const {
  double weight = 0;
  for (const Neighbour& n : neighbours_[sections_[s].course]) weight += Scale(pairs_[n.pair]);
  // Fewer places to go and locked neighbours make a section harder: favour small option sets.
  return weight / std::max<size_t>(1, sections_[s].options.size());
}

bool ScheduleState::Clash(const CoursePair& pair, const Placement& p, int ppm, int other) const {
  const SectionState& o = sections_[other];
  if (!o.placement.placed()) return false;
  if (pair.same_period_clash) return SchoolIndex::SharePeriod(p, ppm, o.placement, o.ppm);
  return index_.Overlaps(p, ppm, o.placement, o.ppm);
}

double ScheduleState::AddCost(int s, const Placement& p) const {
  const SectionState& st = sections_[s];
  double delta = -kUnplacedPenalty;
  for (const Neighbour& n : neighbours_[st.course]) {
    const CoursePair& pair = pairs_[n.pair];
    int clashes = 0;
    for (int other : index_.SectionsOfCourse(n.course)) clashes += Clash(pair, p, st.ppm, other);
    if (clashes) delta += clashes * Scale(pair);
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
    cost += clashes * Scale(pair);
  }
  return cost;
}

bool ScheduleState::TeachersFree(int s, const Placement& p) const {
  for (int t : sections_[s].teachers)
    if (!teacher_busy_[t].Free(p, sections_[s].ppm) || !teacher_blocked_[t].Free(p, sections_[s].ppm))
      return false;
  return true;
}

bool ScheduleState::RoomFree(int room, const Placement& p, int ppm) const {
  return room_busy_[room].Free(p, ppm) && room_blocked_[room].Free(p, ppm);
}

// Term rules hold between every pair of sections of the two courses (so any student can follow
// them); SAME_PERIOD pairs sections by rank; LINKED sections of one group must not meet together.
// NOT_SAME_PERIOD is part of the objective instead (see Clash).
bool ScheduleState::RulesAllow(int s, const Placement& p) const {
  const School& school = index_.school();
  const SectionState& st = sections_[s];
  const Meeting mine{p, st.ppm, &school.sections[s].link_group};
  for (int r : index_.RulesOfCourse(st.course)) {
    const CourseRule& rule = school.rules[r];
    const bool mine_is_a = index_.CourseIndex(rule.course_a) == st.course;
    const int other_course = index_.CourseIndex(mine_is_a ? rule.course_b : rule.course_a);
    const std::vector<int>& others = index_.SectionsOfCourse(other_course);
    for (int o : others) {
      const SectionState& os = sections_[o];
      if (!os.placement.placed()) continue;
      const Meeting theirs{os.placement, os.ppm, &school.sections[o].link_group};
      const Meeting& a = mine_is_a ? mine : theirs;
      const Meeting& b = mine_is_a ? theirs : mine;
      switch (rule.type) {
        case RuleType::kSameTerm:
        case RuleType::kDifferentTerm:
        case RuleType::kPrecedes:
          if (!RuleHolds(index_, rule.type, a, b)) return false;
          break;
        case RuleType::kSamePeriod:
          if (os.rank == st.rank && !SamePeriodHolds(a, b)) return false;
          break;
        case RuleType::kLinked:
          if (LinkedHolds(a, b) && index_.Overlaps(p, st.ppm, os.placement, os.ppm)) return false;
          break;
        case RuleType::kNotSamePeriod:
          break;
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
  for (int t : st.teachers) teacher_busy_[t].Add(p, st.ppm);
  if (room >= 0) room_busy_[room].Add(p, st.ppm);
}

void ScheduleState::Remove(int s) {
  SectionState& st = sections_[s];
  const Placement p = st.placement;
  for (int t : st.teachers) teacher_busy_[t].Remove(p, st.ppm);
  if (st.room >= 0) room_busy_[st.room].Remove(p, st.ppm);
  st.placement = Placement{};
  cost_ -= AddCost(s, p);
}

}  // namespace secsched::engine
