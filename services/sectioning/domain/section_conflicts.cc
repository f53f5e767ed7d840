#include "services/sectioning/domain/section_conflicts.h"

#include <algorithm>
#include <set>

namespace secsched::sectioning {
namespace {

const std::vector<const Section*> kNone;

template <class T>
const T* Find(const std::map<std::string, const T*>& by_id, const std::string& id) {
  auto it = by_id.find(id);
  return it == by_id.end() ? nullptr : it->second;
}

const std::vector<const Section*>& Lookup(
    const std::map<std::string, std::vector<const Section*>>& index, const std::string& key) {
  auto it = index.find(key);
  return it == index.end() ? kNone : it->second;
}

// Primary first, then co-teachers, each once.
std::vector<std::string> TeachersOf(const Section& section) {
  std::vector<std::string> out;
  if (!section.primary_teacher_id.empty()) out.push_back(section.primary_teacher_id);
  for (const std::string& co : section.co_teacher_ids) {
    if (!co.empty() && std::find(out.begin(), out.end(), co) == out.end()) out.push_back(co);
  }
  return out;
}

std::string Where(const Meeting& m) {
  std::string out = "period " + std::to_string(m.period) + " of term " + m.term_id;
  if (!m.day_type.empty()) out += " on " + m.day_type + " days";
  return out;
}

// The first meeting of `a` that clashes with one of `b`, if any.
const Meeting* FirstClash(const std::vector<Meeting>& a, const std::vector<Meeting>& b) {
  for (const Meeting& x : a) {
    for (const Meeting& y : b) {
      if (MeetingsClash(x, y)) return &x;
    }
  }
  return nullptr;
}

// Meetings of `section` in a period listed as unavailable (term "" = every term).
const Meeting* FirstUnavailable(const std::vector<Meeting>& meetings,
                                const std::vector<catalog::CatalogUnavailablePeriod>& unavailable) {
  for (const Meeting& m : meetings) {
    for (const catalog::CatalogUnavailablePeriod& u : unavailable) {
      if (u.period == m.period && (u.term_id.empty() || u.term_id == m.term_id)) return &m;
    }
  }
  return nullptr;
}

}  // namespace

ConflictContext::ConflictContext(const std::vector<Section>& sections,
                                 const std::vector<catalog::CatalogCourse>& courses,
                                 const std::vector<catalog::CatalogTeacher>& teachers,
                                 const std::vector<catalog::CatalogRoom>& rooms,
                                 std::vector<NotSamePeriodRule> rules)
    : rules_(std::move(rules)) {
  for (const Section& s : sections) {
    for (const std::string& t : TeachersOf(s)) by_teacher_[t].push_back(&s);
    if (!s.room_id.empty()) by_room_[s.room_id].push_back(&s);
    by_course_[s.course_id].push_back(&s);
  }
  for (const catalog::CatalogCourse& c : courses) courses_[c.id] = &c;
  for (const catalog::CatalogTeacher& t : teachers) teachers_[t.id] = &t;
  for (const catalog::CatalogRoom& r : rooms) rooms_[r.id] = &r;
}

const std::vector<const Section*>& ConflictContext::OfTeacher(const std::string& id) const {
  return Lookup(by_teacher_, id);
}
const std::vector<const Section*>& ConflictContext::InRoom(const std::string& id) const {
  return Lookup(by_room_, id);
}
const std::vector<const Section*>& ConflictContext::OfCourse(const std::string& id) const {
  return Lookup(by_course_, id);
}
const catalog::CatalogCourse* ConflictContext::Course(const std::string& id) const {
  return Find(courses_, id);
}
const catalog::CatalogTeacher* ConflictContext::Teacher(const std::string& id) const {
  return Find(teachers_, id);
}
const catalog::CatalogRoom* ConflictContext::Room(const std::string& id) const {
  return Find(rooms_, id);
}

void ConflictContext::SetTeamRosters(
    std::map<std::string, std::vector<std::string>> students_by_section,
    std::map<std::string, std::string> team_of_student) {
  students_by_section_ = std::move(students_by_section);
  team_of_student_ = std::move(team_of_student);
}
const std::vector<std::string>& ConflictContext::StudentsIn(const std::string& section_id) const {
  static const std::vector<std::string> kNone;
  auto it = students_by_section_.find(section_id);
  return it == students_by_section_.end() ? kNone : it->second;
}
std::string ConflictContext::TeamOf(const std::string& student_id) const {
  auto it = team_of_student_.find(student_id);
  return it == team_of_student_.end() ? std::string() : it->second;
}

std::vector<Conflict> TeamMismatch(const Section& section, const ConflictContext& context) {
  if (section.team_id.empty()) return {};
  std::vector<std::string> outsiders;
  for (const std::string& student : context.StudentsIn(section.section_id)) {
    if (context.TeamOf(student) != section.team_id) outsiders.push_back(student);
  }
  if (outsiders.empty()) return {};
  constexpr size_t kNamed = 5;
  std::string names;
  for (size_t i = 0; i < outsiders.size() && i < kNamed; ++i) {
    names += (i == 0 ? "" : ", ") + outsiders[i];
  }
  if (outsiders.size() > kNamed) names += ", ...";
  return {{ConflictKind::kTeamMismatch,
           std::to_string(outsiders.size()) + " enrolled student" +
               (outsiders.size() == 1 ? " is" : "s are") + " not on team " + section.team_id +
               ": " + names + ".",
           ""}};
}

std::vector<Conflict> TeacherDoubleBooked(const Section& section, const ConflictContext& context) {
  std::vector<Conflict> out;
  for (const std::string& teacher : TeachersOf(section)) {
    for (const Section* other : context.OfTeacher(teacher)) {
      if (other->section_id == section.section_id) continue;
      if (const Meeting* at = FirstClash(section.meetings, other->meetings)) {
        out.push_back({ConflictKind::kTeacherDoubleBooked,
                       "Teacher " + teacher + " also teaches section " + other->section_id +
                           " in " + Where(*at) + ".",
                       other->section_id});
      }
    }
  }
  return out;
}

std::vector<Conflict> RoomDoubleBooked(const Section& section, const ConflictContext& context) {
  std::vector<Conflict> out;
  if (section.room_id.empty()) return out;
  for (const Section* other : context.InRoom(section.room_id)) {
    if (other->section_id == section.section_id) continue;
    if (const Meeting* at = FirstClash(section.meetings, other->meetings)) {
      out.push_back({ConflictKind::kRoomDoubleBooked,
                     "Room " + section.room_id + " also holds section " + other->section_id +
                         " in " + Where(*at) + ".",
                     other->section_id});
    }
  }
  return out;
}

std::vector<Conflict> TeacherUnavailable(const Section& section, const ConflictContext& context) {
  std::vector<Conflict> out;
  for (const std::string& id : TeachersOf(section)) {
    const catalog::CatalogTeacher* teacher = context.Teacher(id);
    if (teacher == nullptr) continue;
    if (const Meeting* at = FirstUnavailable(section.meetings, teacher->unavailable)) {
      out.push_back({ConflictKind::kTeacherUnavailable,
                     "Teacher " + id + " is unavailable in " + Where(*at) + ".", ""});
    }
  }
  return out;
}

std::vector<Conflict> RoomUnavailable(const Section& section, const ConflictContext& context) {
  const catalog::CatalogRoom* room = context.Room(section.room_id);
  if (room == nullptr) return {};
  if (const Meeting* at = FirstUnavailable(section.meetings, room->unavailable)) {
    return {{ConflictKind::kRoomUnavailable,
             "Room " + room->id + " is unavailable in " + Where(*at) + ".", ""}};
  }
  return {};
}

std::vector<Conflict> RoomTypeMismatch(const Section& section, const ConflictContext& context) {
  const catalog::CatalogRoom* room = context.Room(section.room_id);
  const catalog::CatalogCourse* course = context.Course(section.course_id);
  if (room == nullptr || course == nullptr || course->room_type.empty() ||
      room->room_type == course->room_type) {
    return {};
  }
  return {{ConflictKind::kRoomTypeMismatch,
           "Room " + room->id + " is a " + room->room_type + " room; course " + course->id +
               " needs a " + course->room_type + " room.",
           ""}};
}

std::vector<Conflict> CapacityOverRoom(const Section& section, const ConflictContext& context) {
  const catalog::CatalogRoom* room = context.Room(section.room_id);
  if (room == nullptr || section.capacity <= room->capacity) return {};
  return {{ConflictKind::kCapacityOverRoom,
           "Capacity " + std::to_string(section.capacity) + " is over room " + room->id + "'s " +
               std::to_string(room->capacity) + " seats.",
           ""}};
}

std::vector<Conflict> RuleNotSamePeriod(const Section& section, const ConflictContext& context) {
  std::vector<Conflict> out;
  std::set<std::string> seen;  // a pair of courses named by two rules is reported once
  for (const NotSamePeriodRule& rule : context.rules()) {
    std::string other_course;
    if (rule.course_a == section.course_id) other_course = rule.course_b;
    if (rule.course_b == section.course_id) other_course = rule.course_a;
    if (other_course.empty() || !seen.insert(other_course).second) continue;
    for (const Section* other : context.OfCourse(other_course)) {
      if (other->section_id == section.section_id) continue;
      if (const Meeting* at = FirstClash(section.meetings, other->meetings)) {
        out.push_back({ConflictKind::kRuleNotSamePeriod,
                       "Courses " + section.course_id + " and " + other_course +
                           " must not meet in the same period, but section " + other->section_id +
                           " meets in " + Where(*at) + " too.",
                       other->section_id});
      }
    }
  }
  return out;
}

std::vector<Conflict> TeacherOverMaxSections(const Section& section,
                                             const ConflictContext& context) {
  std::vector<Conflict> out;
  for (const std::string& id : TeachersOf(section)) {
    const catalog::CatalogTeacher* teacher = context.Teacher(id);
    if (teacher == nullptr || teacher->max_sections <= 0) continue;
    int count = 1;  // this section
    for (const Section* other : context.OfTeacher(id)) {
      if (other->section_id != section.section_id) ++count;
    }
    if (count > teacher->max_sections) {
      out.push_back({ConflictKind::kTeacherOverMaxSections,
                     "Teacher " + id + " teaches " + std::to_string(count) +
                         " sections; the catalog allows " + std::to_string(teacher->max_sections) +
                         ".",
                     ""});
    }
  }
  return out;
}

std::vector<Conflict> Conflicts(const Section& section, const ConflictContext& context) {
  std::vector<Conflict> out;
  for (auto* check : {TeacherDoubleBooked, RoomDoubleBooked, TeacherUnavailable, RoomUnavailable,
                      RoomTypeMismatch, CapacityOverRoom, TeamMismatch, RuleNotSamePeriod,
                      TeacherOverMaxSections}) {
    std::vector<Conflict> found = check(section, context);
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

std::vector<Conflict> NewConflicts(const std::vector<Conflict>& before,
                                   const std::vector<Conflict>& after) {
  std::vector<Conflict> out;
  for (const Conflict& c : after) {
    if (std::find(before.begin(), before.end(), c) == before.end()) out.push_back(c);
  }
  return out;
}

}  // namespace secsched::sectioning
