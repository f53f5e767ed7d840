// Occupancy grids and the teacher/room pool the planted generator places sections with.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "services/sectioning/engine/generator/generator_internal.h"
#include "services/sectioning/engine/model.h"

namespace secsched::engine::generator {

inline bool Overlaps(const Placement& a, int ppm_a, const Placement& b, int ppm_b) {
  return (a.terms & b.terms) != 0 && a.period < b.period + ppm_b && b.period < a.period + ppm_a;
}

// Which (term, day) slots each period is used in, for one person or room.
struct StudentGrid {
  explicit StudentGrid(int periods = 7) : used(periods, 0) {}
  bool Free(const Placement& p, int ppm) const {
    for (int k = 0; k < ppm; ++k)
      if (used[p.period + k] & p.terms) return false;
    return true;
  }
  void Add(const Placement& p, int ppm) {
    for (int k = 0; k < ppm; ++k) used[p.period + k] |= p.terms;
  }
  void Remove(const Placement& p, int ppm) {
    for (int k = 0; k < ppm; ++k) used[p.period + k] &= static_cast<TermMask>(~p.terms);
  }
  std::vector<TermMask> used;
};

// Teachers and rooms, created on demand so that supply just covers the sections.
class Staff {
 public:
  static constexpr int kTeachableUnits = 12;  // 6 of 7 periods x 2 semesters; one is planning

  // Units are Cells(course, rotation_days): (period, term, day) cells of one rotation cycle.
  Staff(int periods, int rotation_days, std::map<std::string, int> capacity_by_room_type)
      : periods_(periods),
        rotation_days_(rotation_days),
        capacity_by_type_(std::move(capacity_by_room_type)) {}

  // A teacher of the course's department who is free, has time left and (for AP courses,
  // preferably) already teaches it; least loaded first. -1 when none.
  int FindTeacher(const Course& c, const Placement& p, bool ap) const {
    int best = -1;
    auto key = [&](int t) { return std::make_pair(ap && !Teaches(t, c.id) ? 1 : 0, units_[t]); };
    for (int t = 0; t < static_cast<int>(teachers.size()); ++t) {
      if (dept_[t] != c.department ||
          units_[t] + Cells(c, rotation_days_) > kTeachableUnits * rotation_days_)
        continue;
      if (!grid_[t].Free(p, c.periods_per_meeting)) continue;
      if (best < 0 || key(t) < key(best)) best = t;
    }
    return best;
  }
  int HireTeacher(const Course& c) {
    const int n = static_cast<int>(std::count(dept_.begin(), dept_.end(), c.department));
    Teacher t;
    t.id = Numbered("T_" + Slug(c.department), n);
    t.name = c.department + " teacher " + std::to_string(n + 1);
    teachers.push_back(std::move(t));
    dept_.push_back(c.department);
    grid_.emplace_back(periods_);
    units_.push_back(0);
    sections_.push_back(0);
    return static_cast<int>(teachers.size()) - 1;
  }
  int FindRoom(const Course& c, const Placement& p) const {
    for (int r = 0; r < static_cast<int>(rooms.size()); ++r)
      if (rooms[r].type == c.room_type && room_grid_[r].Free(p, c.periods_per_meeting)) return r;
    return -1;
  }
  int BuildRoom(const Course& c) {
    const int n = static_cast<int>(std::count_if(
        rooms.begin(), rooms.end(), [&](const Room& r) { return r.type == c.room_type; }));
    rooms.push_back(
        Room{Numbered(Slug(c.room_type), n), capacity_by_type_.at(c.room_type), c.room_type, {}});
    room_grid_.emplace_back(periods_);
    return static_cast<int>(rooms.size()) - 1;
  }
  // Books the teacher and room; returns the teacher's id.
  const std::string& Assign(int t, int r, const Course& c, const Placement& p) {
    grid_[t].Add(p, c.periods_per_meeting);
    room_grid_[r].Add(p, c.periods_per_meeting);
    units_[t] += Cells(c, rotation_days_);
    ++sections_[t];
    if (!Teaches(t, c.id)) teachers[t].can_teach.push_back(c.id);
    return teachers[t].id;
  }
  const std::string& department(int t) const { return dept_[t]; }
  int sections(int t) const { return sections_[t]; }

  std::vector<Teacher> teachers;
  std::vector<Room> rooms;

 private:
  bool Teaches(int t, const std::string& course) const {
    const auto& ct = teachers[t].can_teach;
    return std::find(ct.begin(), ct.end(), course) != ct.end();
  }

  int periods_;
  int rotation_days_;
  std::map<std::string, int> capacity_by_type_;
  std::vector<std::string> dept_;
  std::vector<StudentGrid> grid_, room_grid_;
  std::vector<int> units_, sections_;
};

}  // namespace secsched::engine::generator
