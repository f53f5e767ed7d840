#include "services/sectioning/domain/section_validation.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "common/api/resource_name.h"

namespace secsched::sectioning {
namespace {

template <class T>
const T* FindById(const std::vector<T>& items, std::string_view id) {
  if (id.empty()) return nullptr;
  for (const T& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

std::string At(std::string_view field, size_t i, std::string_view member = "") {
  std::string out = std::string(field) + "[" + std::to_string(i) + "]";
  if (!member.empty()) out += "." + std::string(member);
  return out;
}

bool HasPeriod(const catalog::CatalogCalendar& calendar, int period, const std::string& day_type) {
  auto has = [&](const std::string& d) {
    return std::any_of(
        calendar.periods.begin(), calendar.periods.end(),
        [&](const catalog::CatalogPeriod& p) { return p.number == period && p.day_type == d; });
  };
  if (has(day_type)) return true;
  // "" in a rotation: every day, so the period must exist on every day type.
  if (day_type.empty() && !calendar.day_types.empty()) {
    return std::all_of(calendar.day_types.begin(), calendar.day_types.end(), has);
  }
  return false;
}

std::string_view TermLengthName(catalog::TermLength length) {
  switch (length) {
    case catalog::TermLength::kYear:
      return "YEAR";
    case catalog::TermLength::kSemester:
      return "SEMESTER";
    case catalog::TermLength::kQuarter:
      return "QUARTER";
  }
  return "?";
}

// How many of the calendar's `terms` terms a course of `length` meets in; 0 = it cannot fit.
int TermsFor(catalog::TermLength length, int terms) {
  switch (length) {
    case catalog::TermLength::kYear:
      return terms;
    case catalog::TermLength::kSemester:
      return terms % 2 == 0 ? terms / 2 : 0;
    case catalog::TermLength::kQuarter:
      return terms % 4 == 0 ? terms / 4 : 0;
  }
  return 0;
}

void ValidateShape(const std::vector<Meeting>& meetings, const catalog::CatalogCourse& course,
                   const catalog::CatalogCalendar& calendar, std::string_view field,
                   FieldValidator& v) {
  // Periods per (term, day type): exactly periods_per_meeting consecutive ones.
  const int per_meeting = std::max(1, course.periods_per_meeting);
  std::map<std::pair<std::string, std::string>, std::vector<std::pair<int, size_t>>> days;
  for (size_t i = 0; i < meetings.size(); ++i) {
    days[{meetings[i].term_id, meetings[i].day_type}].push_back({meetings[i].period, i});
  }
  for (auto& [day, periods] : days) {
    std::sort(periods.begin(), periods.end());
    bool consecutive = static_cast<int>(periods.size()) == per_meeting;
    for (size_t k = 1; consecutive && k < periods.size(); ++k) {
      consecutive = periods[k].first == periods[k - 1].first + 1;
    }
    if (!consecutive) {
      v.Add(At(field, periods.back().second, "period"),
            "course " + course.id + " meets " + std::to_string(per_meeting) +
                (per_meeting == 1 ? " period" : " consecutive periods") + " at a time; term " +
                day.first + (day.second.empty() ? "" : " (" + day.second + " days)") + " has " +
                std::to_string(periods.size()));
    }
  }
  // Terms: the course's term length, in consecutive terms of the calendar.
  std::set<size_t> used;
  for (const Meeting& m : meetings) {
    for (size_t t = 0; t < calendar.terms.size(); ++t) {
      if (calendar.terms[t].id == m.term_id) used.insert(t);
    }
  }
  const int total = static_cast<int>(calendar.terms.size());
  const int wanted = TermsFor(course.term_length, total);
  const bool consecutive = used.empty() || *used.rbegin() - *used.begin() + 1 == used.size();
  if (wanted == 0 || static_cast<int>(used.size()) != wanted || !consecutive) {
    v.Add(field, "course " + course.id + " is a " +
                     std::string(TermLengthName(course.term_length)) + " course: it meets in " +
                     (wanted == 0 ? std::string("no whole share")
                                  : std::to_string(wanted) + " consecutive") +
                     " of the calendar's " + std::to_string(total) + " terms; this placement " +
                     "meets in " + std::to_string(used.size()));
  }
}

}  // namespace

const catalog::CatalogCourse* CatalogSnapshot::Course(std::string_view id) const {
  return FindById(courses, id);
}
const catalog::CatalogTeacher* CatalogSnapshot::Teacher(std::string_view id) const {
  return FindById(teachers, id);
}
const catalog::CatalogRoom* CatalogSnapshot::Room(std::string_view id) const {
  return FindById(rooms, id);
}

absl::StatusOr<CatalogSnapshot> ReadCatalog(catalog::CatalogReader& reader,
                                            std::string_view calendar_id) {
  CatalogSnapshot snapshot;
  absl::StatusOr<catalog::CatalogCalendar> calendar = reader.Calendar(calendar_id);
  if (!calendar.ok()) return calendar.status();
  snapshot.calendar = *std::move(calendar);
  absl::StatusOr<std::vector<catalog::CatalogCourse>> courses = reader.Courses(calendar_id);
  if (!courses.ok()) return courses.status();
  snapshot.courses = *std::move(courses);
  absl::StatusOr<std::vector<catalog::CatalogTeacher>> teachers = reader.Teachers(calendar_id);
  if (!teachers.ok()) return teachers.status();
  snapshot.teachers = *std::move(teachers);
  absl::StatusOr<std::vector<catalog::CatalogRoom>> rooms = reader.Rooms(calendar_id);
  if (!rooms.ok()) return rooms.status();
  snapshot.rooms = *std::move(rooms);
  return snapshot;
}

void ValidatePlacement(const std::vector<Meeting>& meetings, const catalog::CatalogCourse* course,
                       const catalog::CatalogCalendar& calendar, std::string_view field,
                       FieldValidator& v) {
  bool each_ok = true;
  std::set<Meeting> seen;
  for (size_t i = 0; i < meetings.size(); ++i) {
    const Meeting& m = meetings[i];
    const bool term_ok =
        std::any_of(calendar.terms.begin(), calendar.terms.end(),
                    [&](const catalog::CatalogTerm& t) { return t.id == m.term_id; });
    each_ok &= v.Require(term_ok, At(field, i, "term"),
                         "\"" + m.term_id + "\" is not a term of calendar " + calendar.id);
    const bool day_ok =
        m.day_type.empty() || std::find(calendar.day_types.begin(), calendar.day_types.end(),
                                        m.day_type) != calendar.day_types.end();
    each_ok &= v.Require(day_ok, At(field, i, "day_type"),
                         "\"" + m.day_type + "\" is not a day type of calendar " + calendar.id);
    if (day_ok) {
      each_ok &= v.Require(HasPeriod(calendar, m.period, m.day_type), At(field, i, "period"),
                           "period " + std::to_string(m.period) +
                               " is not in the bell schedule of calendar " + calendar.id +
                               (m.day_type.empty() ? "" : " on " + m.day_type + " days"));
    }
    each_ok &= v.Require(seen.insert(m).second, At(field, i), "repeats an earlier meeting");
  }
  if (each_ok && course != nullptr && !meetings.empty()) {
    ValidateShape(meetings, *course, calendar, field, v);
  }
}

void ValidateSection(const Section& section, const CatalogSnapshot& catalog, FieldValidator& v) {
  const std::string& calendar = catalog.calendar.id;
  const catalog::CatalogCourse* course = catalog.Course(section.course_id);
  if (v.Require(!section.course_id.empty(), "section.course", "is required")) {
    if (v.Require(course != nullptr, "section.course",
                  "\"" + section.course_id + "\" is not a course of calendar " + calendar)) {
      v.Require(course->active, "section.course", "course " + course->id + " is not active");
    }
  }
  v.Require(section.section_number >= 0 && section.section_number <= 999, "section.section_number",
            "must be 1-999 (0 = the next free number)");
  auto check_teacher = [&](const std::string& id, const std::string& field) {
    const catalog::CatalogTeacher* teacher = catalog.Teacher(id);
    if (!v.Require(teacher != nullptr, field,
                   "\"" + id + "\" is not a teacher of calendar " + calendar)) {
      return;
    }
    if (!v.Require(teacher->active, field, "teacher " + id + " is not active")) return;
    if (course != nullptr) {
      v.Require(teacher->CanTeach(*course), field,
                "teacher " + id + " may not teach course " + course->id);
    }
  };
  if (!section.primary_teacher_id.empty()) {
    check_teacher(section.primary_teacher_id, "section.primary_teacher");
  }
  std::set<std::string> teachers = {section.primary_teacher_id};
  for (size_t i = 0; i < section.co_teacher_ids.size(); ++i) {
    const std::string& id = section.co_teacher_ids[i];
    const std::string field = At("section.co_teachers", i);
    if (!v.Require(!section.primary_teacher_id.empty(), field,
                   "a co-teacher needs a primary teacher")) {
      continue;
    }
    if (!v.Require(teachers.insert(id).second, field,
                   "teacher " + id + " is already a teacher of the section")) {
      continue;
    }
    check_teacher(id, field);
  }
  if (!section.room_id.empty()) {
    const catalog::CatalogRoom* room = catalog.Room(section.room_id);
    if (v.Require(room != nullptr, "section.room",
                  "\"" + section.room_id + "\" is not a room of calendar " + calendar)) {
      v.Require(room->active, "section.room", "room " + room->id + " is not active");
    }
  }
  v.Require(section.team_id.empty() || api::IsValidId(section.team_id), "section.team",
            "must be a team id: 1-63 characters of a-z, 0-9 and -");
  v.Require(section.capacity >= 0 && section.capacity <= 999, "section.capacity",
            "must be 1-999 (0 = the course maximum, or the room's capacity when smaller)");
  ValidatePlacement(section.meetings, course, catalog.calendar, "section.placement", v);
}

int DefaultCapacity(const catalog::CatalogCourse& course, const catalog::CatalogRoom* room) {
  if (room == nullptr || room->capacity <= 0) return course.max_students;
  return std::min(course.max_students, room->capacity);
}

}  // namespace secsched::sectioning
