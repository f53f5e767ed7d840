#include "services/sectioning/engine/build_sections.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "absl/strings/str_cat.h"
#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/run_control.h"
#include "services/sectioning/engine/staffing.h"

namespace secsched::engine {
namespace {

// Slack: a course whose requests would fill more than kSlackFill of its open seats gets one more
// section, when the builder is the one deciding its count (it creates sections for the course and
// the count is not fixed), a qualified teacher can take it and still keep a period of the day
// free, and the rooms of its type stay at most kSlackRoomUse busy (LINKED courses pair their
// sections one to one, so they get none). A real scheduler does the same: sections 96-100 % full
// leave the students who need a particular period no seat in it (at 400 students, 23 requests
// for the 24 seats of one Ceramics section left 5-6 students unscheduled whatever the timetable;
// at 1,200, Health at 300 requests for 300 seats, paired SAME_PERIOD with PE, left 30 out).
constexpr double kSlackFill = 0.95;
constexpr double kSlackRoomUse = 0.9;

struct SlackCandidate {
  int course;
  double fill;  // requests / open seats
};

// Adds the slack sections (see kSlackFill) to `sections`, whose teachers are assigned already.
void AddSlackSections(const SchoolIndex& index, std::vector<SlackCandidate> candidates,
                      std::unordered_set<std::string>& used_ids, std::vector<Section>& sections,
                      std::vector<std::string>& slack_ids) {
  const School& school = index.school();
  std::map<std::string, int> busy, cells;  // room type -> cells used / available
  const int day_cells = school.calendar.periods_per_day *
                        static_cast<int>(school.calendar.terms.size()) *
                        std::max(1, school.calendar.rotation_days);
  for (const Room& room : school.rooms) cells[room.type] += day_cells;
  for (const Section& s : sections) {
    const Course& course = school.courses[index.CourseIndex(s.course_id)];
    busy[course.room_type] += CellsOf(school.calendar, course);
  }
  // The fullest courses first: they gain the most from a section.
  std::stable_sort(
      candidates.begin(), candidates.end(),
      [](const SlackCandidate& a, const SlackCandidate& b) { return a.fill > b.fill; });
  for (const SlackCandidate& candidate : candidates) {
    const Course& course = school.courses[candidate.course];
    const int need = CellsOf(school.calendar, course);
    if (busy[course.room_type] + need > kSlackRoomUse * cells[course.room_type]) continue;
    Section s;
    int number = static_cast<int>(index.SectionsOfCourse(candidate.course).size());
    do {
      s.id = absl::StrCat(course.id, "-", ++number);
    } while (used_ids.count(s.id));
    s.course_id = course.id;
    s.team = course.team;
    sections.push_back(std::move(s));
    std::vector<std::string> ignored;  // a slack section nobody can teach is simply not built
    AssignTeachers(school, sections, ignored, /*keep_a_period_free=*/true);
    if (sections.back().teacher_id.empty()) {
      sections.pop_back();
      continue;
    }
    used_ids.insert(sections.back().id);
    slack_ids.push_back(sections.back().id);
    busy[course.room_type] += need;
  }
}

}  // namespace

std::vector<int> PrimaryRequestTally(const SchoolIndex& index) {
  std::vector<int> tally(index.school().courses.size(), 0);
  for (const Student& s : index.school().students)
    for (const Request& r : s.requests) ++tally[index.CourseIndex(r.course_id)];
  return tally;
}

int SectionsNeeded(const Course& course, int primary_requests, int seats_per_section) {
  if (course.sections_to_build) return *course.sections_to_build;
  const int seats = std::max(1, seats_per_section > 0 ? seats_per_section : course.max_students);
  return (std::max(0, primary_requests) + seats - 1) / seats;
}

int SeatsPerSection(const School& school, const Course& course) {
  int largest = 0;
  for (const Room& room : school.rooms)
    if (room.type == course.room_type) largest = std::max(largest, room.capacity);
  return largest > 0 ? std::min(course.max_students, largest) : course.max_students;
}

void AssignHomeRooms(const School& school, std::vector<Section>& sections,
                     std::vector<std::string>& warnings) {
  std::unordered_map<std::string_view, const Course*> course_of_id;
  for (const Course& c : school.courses) course_of_id[c.id] = &c;
  std::unordered_map<std::string_view, int> room_of_id;
  for (int r = 0; r < static_cast<int>(school.rooms.size()); ++r)
    room_of_id[school.rooms[r].id] = r;
  std::vector<int> uses(school.rooms.size(), 0);
  for (const Section& s : sections)
    if (!s.room_id.empty()) ++uses[room_of_id.at(s.room_id)];
  for (Section& s : sections) {
    if (s.locked || !s.room_id.empty()) continue;
    const Course& course = *course_of_id.at(s.course_id);
    const int seats = s.max_students ? *s.max_students : course.max_students;
    // A room seating the whole section, least used and then smallest; failing that the largest
    // room of the type (the section then seats what the room does).
    auto better = [&](int r, int than) {
      const Room &a = school.rooms[r], &b = school.rooms[than];
      const bool a_fits = a.capacity >= seats, b_fits = b.capacity >= seats;
      if (a_fits != b_fits) return a_fits;
      if (!a_fits && a.capacity != b.capacity) return a.capacity > b.capacity;
      if (uses[r] != uses[than]) return uses[r] < uses[than];
      return a.capacity < b.capacity;
    };
    int best = -1;
    for (int r = 0; r < static_cast<int>(school.rooms.size()); ++r) {
      if (school.rooms[r].type != course.room_type || school.rooms[r].capacity <= 0) continue;
      if (best < 0 || better(r, best)) best = r;
    }
    if (best < 0) {
      warnings.push_back(
          absl::StrCat("no room of type '", course.room_type, "' for section ", s.id));
      continue;
    }
    s.room_id = school.rooms[best].id;
    ++uses[best];
  }
}

void AssignLinkGroups(const SchoolIndex& index, std::vector<Section>& sections) {
  for (const CourseRule& rule : index.school().rules) {
    if (rule.type != RuleType::kLinked) continue;
    std::vector<int> a, b;
    for (int s = 0; s < static_cast<int>(sections.size()); ++s) {
      if (!sections[s].link_group.empty()) continue;
      if (sections[s].course_id == rule.course_a) a.push_back(s);
      if (sections[s].course_id == rule.course_b) b.push_back(s);
    }
    for (size_t k = 0; k < std::min(a.size(), b.size()); ++k) {
      const std::string group = absl::StrCat(rule.course_a, "+", rule.course_b, "-", k + 1);
      sections[a[k]].link_group = group;
      sections[b[k]].link_group = group;
    }
  }
}

TeamSeats TeamSeatsOf(const SchoolIndex& index, int course) {
  const School& school = index.school();
  std::map<std::string, std::pair<int, int>> by_team;  // team -> (seats, requests)
  TeamSeats out;
  for (int s : index.SectionsOfCourse(course)) {
    const Section& section = school.sections[s];
    if (!section.team || section.team->empty() || section.team == school.courses[course].team)
      continue;
    ++out.sections;
    by_team[*section.team].first += index.Capacity(s);
  }
  if (by_team.empty()) return out;
  for (const Student& st : school.students) {
    if (!st.team) continue;
    auto it = by_team.find(*st.team);
    if (it == by_team.end()) continue;
    for (const Request& r : st.requests)
      if (index.CourseIndex(r.course_id) == course) ++it->second.second;
  }
  for (const auto& [team, n] : by_team) out.usable_seats += std::min(n.first, n.second);
  return out;
}

absl::StatusOr<BuildSectionsResult> BuildSections(const School& school, const RunOptions& options) {
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  if (!index.ok()) return index.status();
  RunControl control(options);
  control.Report("build_sections", 0, 0);

  BuildSectionsResult result;
  result.sections = school.sections;
  std::unordered_set<std::string> used_ids;
  for (const Section& s : school.sections) used_ids.insert(s.id);
  const std::vector<int> tally = PrimaryRequestTally(*index);
  std::vector<SlackCandidate> slack;
  for (int c = 0; c < static_cast<int>(school.courses.size()); ++c) {
    const Course& course = school.courses[c];
    int existing = static_cast<int>(index->SectionsOfCourse(c).size());
    const int seats = SeatsPerSection(school, course);
    int needed = SectionsNeeded(course, tally[c], seats);
    if (!course.sections_to_build) {
      // Sections reserved for a team seat only that team's students: the open sections are
      // counted for the demand those cannot take.
      const TeamSeats team = TeamSeatsOf(*index, c);
      existing -= team.sections;
      needed = SectionsNeeded(course, tally[c] - team.usable_seats, seats);
      if (needed > existing) {
        int open_seats = (needed - existing) * seats;
        for (int s : index->SectionsOfCourse(c)) {
          const std::optional<std::string>& team_of = school.sections[s].team;
          if (!team_of || team_of->empty() || team_of == course.team)
            open_seats += index->Capacity(s);
        }
        const double fill = static_cast<double>(tally[c] - team.usable_seats) / open_seats;
        const std::vector<int>& rules = index->RulesOfCourse(c);
        const bool linked = std::any_of(rules.begin(), rules.end(), [&](int r) {
          return school.rules[r].type == RuleType::kLinked;
        });
        if (fill > kSlackFill && !linked) slack.push_back({c, fill});
      }
    }
    int number = existing;
    for (int k = existing; k < needed; ++k) {
      Section s;
      do {
        s.id = absl::StrCat(course.id, "-", ++number);
      } while (used_ids.count(s.id));
      used_ids.insert(s.id);
      s.course_id = course.id;
      s.team = course.team;
      result.sections.push_back(std::move(s));
    }
  }
  AssignTeachers(school, result.sections, result.warnings);
  AddSlackSections(*index, std::move(slack), used_ids, result.sections, result.slack_section_ids);
  AssignHomeRooms(school, result.sections, result.warnings);
  AssignLinkGroups(*index, result.sections);
  control.Report("build_sections", 100, static_cast<double>(result.sections.size()));
  return result;
}

}  // namespace secsched::engine
