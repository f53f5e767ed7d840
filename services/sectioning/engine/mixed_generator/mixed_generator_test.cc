// The mixed generator: deterministic, each calendar the right shape, the assumptions it exists
// for present (room sizes, per-term limits, two-department teachers, singletons, master rules),
// and in planted mode a solution the evaluator accepts in full and that keeps the per-term limits
// and master rules, for every calendar, several seeds and sizes.
#include "services/sectioning/engine/mixed_generator/mixed_generator.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/io/school_json.h"

namespace secsched::engine::mixed_generator {
namespace {

constexpr CalendarKind kAllCalendars[] = {CalendarKind::kTraditional, CalendarKind::kBlock4x4,
                                          CalendarKind::kTrimester};

MixedGeneratorOptions Options(int students, std::uint64_t seed, bool planted, CalendarKind kind) {
  return MixedGeneratorOptions{students, seed, planted, kind};
}

TEST(MixedGeneratorTest, SameSeedSameSchoolOtherSeedOtherSchool) {
  const auto json = [](std::uint64_t seed) {
    return io::SchoolToJson(
        GenerateMixedSchool(Options(300, seed, false, CalendarKind::kTraditional)).school);
  };
  EXPECT_EQ(json(5), json(5));
  EXPECT_NE(json(5), json(6));
}

TEST(MixedGeneratorTest, CalendarFollowsTheSeedUnlessChosen) {
  EXPECT_EQ(EffectiveCalendar({400, 1, false, std::nullopt}), CalendarKind::kTraditional);
  EXPECT_EQ(EffectiveCalendar({400, 2, false, std::nullopt}), CalendarKind::kBlock4x4);
  EXPECT_EQ(EffectiveCalendar({400, 3, false, std::nullopt}), CalendarKind::kTrimester);
  EXPECT_EQ(EffectiveCalendar({400, 3, false, CalendarKind::kBlock4x4}), CalendarKind::kBlock4x4);
  for (CalendarKind kind : kAllCalendars)
    EXPECT_EQ(ParseCalendarKind(CalendarKindName(kind)), kind);
  EXPECT_FALSE(ParseCalendarKind("quarters").has_value());
}

TEST(MixedGeneratorTest, CalendarsHaveTheirShape) {
  const School trad =
      GenerateMixedSchool(Options(200, 1, false, CalendarKind::kTraditional)).school;
  const School block = GenerateMixedSchool(Options(200, 1, false, CalendarKind::kBlock4x4)).school;
  const School tri = GenerateMixedSchool(Options(200, 1, false, CalendarKind::kTrimester)).school;
  EXPECT_EQ(trad.calendar.periods_per_day, 7);
  EXPECT_EQ(trad.calendar.terms.size(), 2u);
  EXPECT_EQ(block.calendar.periods_per_day, 4);
  EXPECT_EQ(block.calendar.terms.size(), 2u);
  EXPECT_EQ(tri.calendar.periods_per_day, 5);
  EXPECT_EQ(tri.calendar.terms.size(), 3u);
  // The block has no year course: a sequence is two semester courses, A PRECEDES B.
  int precedes = 0;
  for (const Course& c : block.courses) EXPECT_EQ(c.term_length, TermLength::kSemester) << c.id;
  for (const CourseRule& r : block.rules)
    if (r.type == RuleType::kPrecedes) {
      ++precedes;
      EXPECT_EQ(r.course_a.back(), 'A');
      EXPECT_EQ(r.course_b.back(), 'B');
    }
  EXPECT_GE(precedes, 8);
  std::map<std::string, int> requests;
  for (const Student& s : block.students)
    for (const Request& r : s.requests) ++requests[r.course_id];
  EXPECT_EQ(requests["ALG1A"], requests["ALG1B"]);
  EXPECT_GT(requests["ALG1A"], 0);
}

TEST(MixedGeneratorTest, RealisticSchoolCarriesTheAssumptionsItExistsFor) {
  for (CalendarKind kind : kAllCalendars) {
    SCOPED_TRACE(CalendarKindName(kind));
    const School school = GenerateMixedSchool(Options(400, 2, false, kind)).school;
    ASSERT_TRUE(SchoolIndex::Build(school).ok()) << SchoolIndex::Build(school).status();
    EXPECT_EQ(school.students.size(), 400u);
    EXPECT_TRUE(school.sections.empty());
    EXPECT_TRUE(school.enrollments.empty());
    // Mixed room sizes: 24-seat labs for 30-seat science, seminar rooms, big rooms.
    std::map<std::string, std::set<int>> sizes;
    for (const Room& r : school.rooms) sizes[r.type].insert(r.capacity);
    EXPECT_EQ(sizes["lab"], std::set<int>{24});
    EXPECT_LE(*sizes["regular"].begin(), 20);
    EXPECT_GE(*sizes["regular"].rbegin(), 32);
    // Per-term limits on every teacher; some qualified in two departments.
    std::map<std::string, std::string> department;
    for (const Course& c : school.courses) department[c.id] = c.department;
    int two_departments = 0;
    for (const Teacher& t : school.teachers) {
      ASSERT_TRUE(t.max_sections_per_term.has_value()) << t.id;
      EXPECT_LT(*t.max_sections_per_term, school.calendar.periods_per_day) << t.id;
      std::set<std::string> departments;
      for (const std::string& c : t.can_teach) departments.insert(department[c]);
      two_departments += departments.size() >= 2 ? 1 : 0;
    }
    EXPECT_GE(two_departments, 2);
    // Dense singletons, requested, and master rules between some of them.
    std::map<std::string, int> requests;
    for (const Student& s : school.students)
      for (const Request& r : s.requests) ++requests[r.course_id];
    int singletons = 0;
    for (const Course& c : school.courses)
      singletons += c.sections_to_build == 1 && requests[c.id] > 0 ? 1 : 0;
    EXPECT_GE(singletons, 8);
    int master = 0;
    for (const CourseRule& r : school.rules)
      master += r.type == RuleType::kNotSamePeriod && r.scope == RuleScope::kMaster ? 1 : 0;
    EXPECT_GE(master, 2);
  }
}

// Checks the evaluator does not (yet) make: every section placed, staffed and roomed; no teacher
// over its per-term limit; master NOT_SAME_PERIOD kept by the sections themselves.
void ExpectSolutionKeepsTheSchoolRules(const School& solution) {
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(solution);
  ASSERT_TRUE(index.ok()) << index.status();
  std::map<std::string, std::vector<int>> load;
  for (int s = 0; s < static_cast<int>(solution.sections.size()); ++s) {
    const Section& sec = solution.sections[s];
    EXPECT_TRUE(sec.placement.placed()) << sec.id;
    ASSERT_FALSE(sec.teacher_id.empty()) << sec.id;
    ASSERT_FALSE(sec.room_id.empty()) << sec.id;
    auto& l = load[sec.teacher_id];
    l.resize(solution.calendar.terms.size(), 0);
    AddTermLoad(solution.calendar, sec.placement, index->PeriodsPerMeeting(s), l);
  }
  for (const Teacher& t : solution.teachers)
    for (int l : load[t.id]) EXPECT_LE(l, TermLoadLimit(solution.calendar, t)) << t.id;
  for (const CourseRule& r : solution.rules) {
    if (r.scope != RuleScope::kMaster) continue;
    for (const Section& a : solution.sections)
      for (const Section& b : solution.sections) {
        if (a.course_id != r.course_a || b.course_id != r.course_b) continue;
        EXPECT_NE(a.placement.period, b.placement.period) << a.id << " " << b.id;
      }
  }
}

void ExpectPlantedSchoolIsUnsolved(const GeneratedSchool& g) {
  ASSERT_TRUE(g.planted_solution.has_value());
  ASSERT_TRUE(SchoolIndex::Build(g.school).ok()) << SchoolIndex::Build(g.school).status();
  EXPECT_TRUE(g.school.enrollments.empty());
  EXPECT_EQ(g.school.sections.size(), g.planted_solution->sections.size());
  for (const Section& s : g.school.sections) {
    EXPECT_FALSE(s.placement.placed()) << s.id;
    EXPECT_TRUE(s.teacher_id.empty()) << s.id;
    EXPECT_TRUE(s.room_id.empty()) << s.id;
  }
}

TEST(MixedGeneratorTest, PlantedSolutionIsCompleteForEveryCalendarSeedAndSize) {
  for (CalendarKind kind : kAllCalendars)
    for (std::uint64_t seed : {1, 2, 3})
      for (int students : {150, 400}) {
        SCOPED_TRACE(CalendarKindName(kind) + " seed " + std::to_string(seed) + " students " +
                     std::to_string(students));
        const GeneratedSchool g = GenerateMixedSchool(Options(students, seed, true, kind));
        ExpectPlantedSchoolIsUnsolved(g);
        absl::StatusOr<EvaluationReport> report = Evaluate(*g.planted_solution);
        ASSERT_TRUE(report.ok()) << report.status();
        for (const Violation& v : report->violations)
          ADD_FAILURE() << v.constraint << ": " << v.message;
        EXPECT_EQ(report->metrics.primary_requests_met, report->metrics.primary_requests);
        EXPECT_DOUBLE_EQ(report->metrics.primary_requests_met_pct, 100.0);
        EXPECT_TRUE(report->metrics.unplaced_section_ids.empty());
        // Not perfect by throwing wishes away: at least five requests a student kept.
        EXPECT_GT(report->metrics.primary_requests, students * 5);
        ExpectSolutionKeepsTheSchoolRules(*g.planted_solution);
      }
}

TEST(MixedGeneratorTest, LargePlantedSchoolIsCompleteToo) {
  const GeneratedSchool g = GenerateMixedSchool(Options(1200, 4, true, CalendarKind::kBlock4x4));
  ExpectPlantedSchoolIsUnsolved(g);
  absl::StatusOr<EvaluationReport> report = Evaluate(*g.planted_solution);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->violations.empty()) << report->violations[0].message;
  EXPECT_EQ(report->metrics.primary_requests_met, report->metrics.primary_requests);
  ExpectSolutionKeepsTheSchoolRules(*g.planted_solution);
}

// Staffing is tight: the planted sections use most of the teachers' per-term capacity.
TEST(MixedGeneratorTest, PlantedStaffJustCoversTheSections) {
  for (CalendarKind kind : kAllCalendars) {
    SCOPED_TRACE(CalendarKindName(kind));
    const School solution = *GenerateMixedSchool(Options(400, 7, true, kind)).planted_solution;
    absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(solution);
    ASSERT_TRUE(index.ok()) << index.status();
    std::vector<int> load(solution.calendar.terms.size(), 0);
    for (int s = 0; s < static_cast<int>(solution.sections.size()); ++s)
      AddTermLoad(solution.calendar, solution.sections[s].placement, index->PeriodsPerMeeting(s),
                  load);
    int used = 0, capacity = 0;
    for (int l : load) used += l;
    for (const Teacher& t : solution.teachers)
      capacity += TermLoadLimit(solution.calendar, t) * static_cast<int>(load.size());
    EXPECT_GT(used, capacity * 3 / 4) << used << " of " << capacity;
    EXPECT_LE(used, capacity);
  }
}

TEST(MixedGeneratorTest, PlantedSolutionSurvivesTheJsonRoundTrip) {
  const GeneratedSchool g = GenerateMixedSchool(Options(150, 3, true, CalendarKind::kTrimester));
  const std::string text = io::SchoolToJson(*g.planted_solution);
  absl::StatusOr<School> parsed = io::ParseSchoolJson(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(io::SchoolToJson(*parsed), text);
}

}  // namespace
}  // namespace secsched::engine::mixed_generator
