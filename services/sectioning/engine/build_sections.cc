#include "services/sectioning/engine/build_sections.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "absl/strings/str_cat.h"
#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/run_control.h"

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

// The (period, term, rotation day) cells one meeting pattern of the course occupies (an
// every-other-day section of an A/B rotation uses half of what an every-day one does).
int CellsOf(const Calendar& calendar, const Course& course) {
  const int terms = static_cast<int>(calendar.terms.size());
  const int days = std::max(1, calendar.rotation_days);
  const int term_cells = course.term_length == TermLength::kYear       ? terms
                         : course.term_length == TermLength::kSemester ? std::max(1, terms / 2)
                                                                       : 1;
  return course.periods_per_meeting * term_cells *
         (course.days_per_rotation > 0 ? course.days_per_rotation : days);
}

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

int SectionsNeeded(const Course& course, int primary_requests) {
  if (course.sections_to_build) return *course.sections_to_build;
  return (primary_requests + course.max_students - 1) / course.max_students;
}

void AssignTeachers(const School& school, std::vector<Section>& sections,
                    std::vector<std::string>& warnings, bool keep_a_period_free) {
  std::unordered_map<std::string_view, int> teacher_of_id;
  for (int t = 0; t < static_cast<int>(school.teachers.size()); ++t)
    teacher_of_id[school.teachers[t].id] = t;
  std::unordered_map<std::string_view, std::vector<int>> qualified;  // course id -> teachers
  for (int t = 0; t < static_cast<int>(school.teachers.size()); ++t)
    for (const std::string& c : school.teachers[t].can_teach) qualified[c].push_back(t);

  // Time is a teacher's other limit: count (period, term, day) cells, so that a teacher is never
  // given more meetings than the free cells of the day can hold (max_sections counts sections).
  const int terms = static_cast<int>(school.calendar.terms.size());
  const int days = std::max(1, school.calendar.rotation_days);
  std::unordered_map<std::string_view, const Course*> course_of_id;
  for (const Course& c : school.courses) course_of_id[c.id] = &c;
  auto cells_of = [&](const Section& s) {
    return CellsOf(school.calendar, *course_of_id.at(s.course_id));
  };
  std::vector<int> free_cells(school.teachers.size(), 0), used_cells(school.teachers.size(), 0);
  const TermMask all = static_cast<TermMask>((1u << (terms * days)) - 1);
  for (int t = 0; t < static_cast<int>(school.teachers.size()); ++t) {
    std::vector<TermMask> blocked(school.calendar.periods_per_day, 0);
    for (const PeriodSlot& slot : school.teachers[t].unavailable)
      blocked[slot.period] |= SlotTerms(slot, all);
    for (TermMask b : blocked) free_cells[t] += terms * days - __builtin_popcount(b);
  }
  const int period_cells = terms * days;  // one period of the day, in every term (and day)

  std::vector<int> load(school.teachers.size(), 0);
  std::vector<int> todo;
  for (int s = 0; s < static_cast<int>(sections.size()); ++s) {
    if (!sections[s].teacher_id.empty()) {
      const int t = teacher_of_id.at(sections[s].teacher_id);
      ++load[t];
      used_cells[t] += cells_of(sections[s]);
    } else if (!sections[s].locked) {
      todo.push_back(s);
    }
  }
  // Scarce courses first, so that their few teachers are not used up by other courses.
  auto scarcity = [&](int s) {
    auto it = qualified.find(sections[s].course_id);
    return it == qualified.end() ? 0 : static_cast<int>(it->second.size());
  };
  std::stable_sort(todo.begin(), todo.end(),
                   [&](int a, int b) { return scarcity(a) < scarcity(b); });
  for (int s : todo) {
    int best = -1;
    auto it = qualified.find(sections[s].course_id);
    if (it != qualified.end()) {
      const int cells = cells_of(sections[s]);
      // Lowest relative load (by sections or by time) keeps teachers balanced.
      auto ratio = [&](int x) {
        return std::max(static_cast<double>(load[x]) / school.teachers[x].max_sections,
                        static_cast<double>(used_cells[x]) / std::max(1, free_cells[x]));
      };
      for (int t : it->second) {
        if (load[t] >= school.teachers[t].max_sections) continue;
        if (used_cells[t] + cells + (keep_a_period_free ? period_cells : 0) > free_cells[t])
          continue;
        if (best < 0 || ratio(t) < ratio(best)) best = t;
      }
    }
    if (best < 0) {
      warnings.push_back(absl::StrCat("no qualified teacher with a free section for section ",
                                      sections[s].id, " of course ", sections[s].course_id));
      continue;
    }
    sections[s].teacher_id = school.teachers[best].id;
    ++load[best];
    used_cells[best] += cells_of(sections[s]);
  }
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
    int best = -1;
    for (int r = 0; r < static_cast<int>(school.rooms.size()); ++r) {
      const Room& room = school.rooms[r];
      if (room.type != course.room_type || room.capacity < seats) continue;
      if (best < 0 || uses[r] < uses[best] ||
          (uses[r] == uses[best] && room.capacity < school.rooms[best].capacity))
        best = r;
    }
    if (best < 0) {
      warnings.push_back(absl::StrCat("no room of type '", course.room_type, "' with ", seats,
                                      " seats for section ", s.id));
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
    int needed = SectionsNeeded(course, tally[c]);
    if (!course.sections_to_build) {
      // Sections reserved for a team seat only that team's students: the open sections are
      // counted for the demand those cannot take.
      const TeamSeats team = TeamSeatsOf(*index, c);
      existing -= team.sections;
      needed = SectionsNeeded(course, tally[c] - team.usable_seats);
      if (needed > existing) {
        int open_seats = (needed - existing) * course.max_students;
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
