// GenerateSchool: the realistic mode (requests; teachers and rooms sized to the demand) and the
// dispatch to the planted mode.
#include "services/sectioning/engine/generator/generator.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "services/sectioning/engine/generator/generator_internal.h"

namespace secsched::engine::generator {
namespace {

// Sections a year-long teacher can take; semester-heavy departments count two half-sections.
constexpr int kYearTeacherMaxSections = 6;
constexpr int kTeachableUnits = 12;  // 6 of 7 periods x 2 semesters: one period is for planning

std::map<std::string, int> RequestTally(const std::vector<StudentPlan>& plans) {
  std::map<std::string, int> tally;
  for (const StudentPlan& p : plans)
    for (const Request& r : p.student.requests) ++tally[r.course_id];
  return tally;
}

int SectionsFor(const Course& c, int requests) {
  if (c.sections_to_build) return *c.sections_to_build;
  return (requests + c.max_students - 1) / c.max_students;
}

// AP courses come with a catalog section count (singletons and doubletons at 400 students), but a
// real school opens AP sections for its demand: at 1,200 students about 230 ask for AP
// Psychology, which two sections of 32 could never seat. Keeping the catalog count at every size
// made ~8 % (1,200) and ~11 % (2,800) of all requests unseatable by any schedule; now a fixed
// count grows to ceil(requests / max) where that is more, so AP courses stay singletons and
// doubletons exactly where one or two classes hold their demand.
void ScaleFixedSections(Catalog& catalog, const std::map<std::string, int>& tally) {
  for (CourseSpec& s : catalog.courses) {
    if (!s.course.sections_to_build) continue;
    auto it = tally.find(s.course.id);
    const int requests = it == tally.end() ? 0 : it->second;
    s.course.sections_to_build =
        std::max(*s.course.sections_to_build,
                 (requests + s.course.max_students - 1) / s.course.max_students);
  }
  // LINKED courses pair their sections one to one (AP Physics with its lab): equal counts.
  for (const CourseRule& r : catalog.rules) {
    if (r.type != RuleType::kLinked) continue;
    CourseSpec *a = nullptr, *b = nullptr;
    for (CourseSpec& s : catalog.courses) {
      if (s.course.id == r.course_a) a = &s;
      if (s.course.id == r.course_b) b = &s;
    }
    if (!a || !b || !a->course.sections_to_build || !b->course.sections_to_build) continue;
    const int both = std::max(*a->course.sections_to_build, *b->course.sections_to_build);
    a->course.sections_to_build = b->course.sections_to_build = both;
  }
}

// Teachers per department just covering the demand: enough sections and enough periods. AP
// courses are taught by the first one or two teachers of the department only.
std::vector<Teacher> SizeTeachers(const Catalog& catalog, const std::map<std::string, int>& tally,
                                  SplitMix64& rng) {
  const int rotation = catalog.rotation_days;
  std::map<std::string, std::pair<int, int>> need;  // department -> (sections, cells)
  std::map<std::string, bool> has_semester, has_alternate_days;
  for (const CourseSpec& s : catalog.courses) {
    auto it = tally.find(s.course.id);
    const int sections = SectionsFor(s.course, it == tally.end() ? 0 : it->second);
    need[s.course.department].first += sections;
    need[s.course.department].second += sections * Cells(s.course, rotation);
    if (s.course.term_length != TermLength::kYear) has_semester[s.course.department] = true;
    if (s.course.days_per_rotation > 0 && s.course.days_per_rotation < rotation)
      has_alternate_days[s.course.department] = true;
  }
  std::vector<Teacher> teachers;
  const int teachable_cells = kTeachableUnits * rotation;
  for (const auto& [dept, n] : need) {
    // Like two half-year sections, two every-other-day sections fit in one teaching period.
    const int max_sections =
        (has_semester[dept] ? 2 * kYearTeacherMaxSections : kYearTeacherMaxSections) *
        (has_alternate_days[dept] ? 2 : 1);
    const int count = std::max({1, (n.first + max_sections - 1) / max_sections,
                                (n.second + teachable_cells - 1) / teachable_cells});
    for (int k = 0; k < count; ++k) {
      Teacher t;
      t.id = Numbered("T_" + Slug(dept), k);
      t.name = dept + " teacher " + std::to_string(k + 1);
      t.max_sections = max_sections;
      for (const CourseSpec& s : catalog.courses) {
        if (s.course.department != dept) continue;
        const bool ap = s.role == CourseRole::kApElective || s.role == CourseRole::kApReplacement;
        if (!ap || k < s.course.sections_to_build.value_or(1)) t.can_teach.push_back(s.course.id);
      }
      if (rng.Chance(0.1)) t.unavailable.push_back(PeriodSlot{rng.Below(7), 0});  // part-time
      teachers.push_back(std::move(t));
    }
  }
  return teachers;
}

// Rooms per type: enough (period, term, day) cells for the sections at 85 % use, seats for the
// largest class.
std::vector<Room> SizeRooms(const Catalog& catalog, const std::map<std::string, int>& tally) {
  std::map<std::string, std::pair<int, int>> need;  // type -> (cells, capacity)
  for (const CourseSpec& s : catalog.courses) {
    auto it = tally.find(s.course.id);
    auto& [cells, capacity] = need[s.course.room_type];
    cells += SectionsFor(s.course, it == tally.end() ? 0 : it->second) *
             Cells(s.course, catalog.rotation_days);
    capacity = std::max(capacity, s.course.max_students);
  }
  std::vector<Room> rooms;
  const int cells_per_room = 14 * catalog.rotation_days;  // 7 periods x 2 semesters x days
  for (const auto& [type, n] : need) {
    const int count = std::max(1, static_cast<int>(std::ceil(n.first / (cells_per_room * 0.85))));
    for (int k = 0; k < count; ++k)
      rooms.push_back(Room{Numbered(Slug(type), k), n.second, type, {}});
  }
  return rooms;
}

// Team sections (unplaced, no teacher) for the team's share of each team course.
std::vector<Section> TeamSections(const Catalog& catalog, const std::vector<StudentPlan>& plans) {
  std::vector<Section> sections;
  for (const std::string& course : catalog.team_courses) {
    int demand = 0;
    for (const StudentPlan& p : plans)
      if (p.student.team == catalog.team_name)
        for (const Request& r : p.student.requests) demand += r.course_id == course ? 1 : 0;
    const auto spec = std::find_if(catalog.courses.begin(), catalog.courses.end(),
                                   [&](const CourseSpec& s) { return s.course.id == course; });
    const int count = (demand + spec->course.max_students - 1) / spec->course.max_students;
    for (int k = 0; k < count; ++k) {
      Section s;
      s.id = course + "-T" + std::to_string(k + 1);
      s.course_id = course;
      s.team = catalog.team_name;
      sections.push_back(std::move(s));
    }
  }
  return sections;
}

// About 1 % of students ask to avoid one teacher of a department they take a core in.
void AddAvoidTeacherConstraints(School& school, SplitMix64& rng) {
  for (Student& st : school.students) {
    if (!rng.Chance(0.01) || st.requests.empty() || school.teachers.empty()) continue;
    const std::string& course = st.requests[0].course_id;
    std::vector<const Teacher*> qualified;
    for (const Teacher& t : school.teachers)
      if (std::find(t.can_teach.begin(), t.can_teach.end(), course) != t.can_teach.end())
        qualified.push_back(&t);
    if (qualified.size() < 2) continue;  // never leave a student without a possible teacher
    st.constraints.push_back(
        StudentConstraint{StudentConstraintKind::kAvoidTeacher,
                          qualified[rng.Below(static_cast<int>(qualified.size()))]->id,
                          {}});
  }
}

}  // namespace

GeneratedSchool GenerateSchool(const GeneratorOptions& options) {
  SplitMix64 rng(options.seed);
  Catalog catalog = MakeCatalog(options.level);
  ApplyRotation(catalog, options.rotation_days);
  std::vector<StudentPlan> plans = MakeStudentPlans(catalog, options.students, rng);

  GeneratedSchool out;
  School& school = out.school;
  school.id = std::string(options.level == SchoolLevel::kHigh ? "gen-high-" : "gen-middle-") +
              std::to_string(options.students) + "-seed" + std::to_string(options.seed) +
              (options.planted ? "-planted" : "");
  school.calendar.periods_per_day = 7;
  school.calendar.terms = {Term{"S1", 0}, Term{"S2", 1}};
  school.calendar.rotation_days = options.rotation_days;
  school.rules = catalog.rules;

  if (options.planted) {
    for (const CourseSpec& s : catalog.courses) school.courses.push_back(s.course);
    School solution;
    BuildPlantedSchool(catalog, std::move(plans), rng, school, solution);
    out.planted_solution = std::move(solution);
    return out;
  }
  for (StudentPlan& p : plans) {
    WishesToRequests(p);
    school.students.push_back(p.student);
  }
  const std::map<std::string, int> tally = RequestTally(plans);
  if (options.scale_fixed_sections) ScaleFixedSections(catalog, tally);
  for (const CourseSpec& s : catalog.courses) school.courses.push_back(s.course);
  school.teachers = SizeTeachers(catalog, tally, rng);
  school.rooms = SizeRooms(catalog, tally);
  school.sections = TeamSections(catalog, plans);
  AddAvoidTeacherConstraints(school, rng);
  return out;
}

}  // namespace secsched::engine::generator
