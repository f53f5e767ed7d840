// The school generator: deterministic, the right shape, valid input for the engine, and in planted
// mode a known 100 % solution that the evaluator accepts.
#include "services/sectioning/engine/generator/generator.h"

#include <gtest/gtest.h>

#include <bit>
#include <chrono>
#include <map>
#include <set>

#include "services/sectioning/engine/engine.h"
#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/io/school_json.h"

namespace secsched::engine::generator {
namespace {

TEST(GeneratorTest, SameSeedSameSchoolOtherSeedOtherSchool) {
  const std::string a =
      io::SchoolToJson(GenerateSchool({400, 3, SchoolLevel::kHigh, false}).school);
  EXPECT_EQ(a, io::SchoolToJson(GenerateSchool({400, 3, SchoolLevel::kHigh, false}).school));
  EXPECT_NE(a, io::SchoolToJson(GenerateSchool({400, 4, SchoolLevel::kHigh, false}).school));
}

TEST(GeneratorTest, RealisticHighSchoolHasTheExpectedShape) {
  const School school = GenerateSchool({400, 1, SchoolLevel::kHigh, false}).school;
  ASSERT_TRUE(SchoolIndex::Build(school).ok()) << SchoolIndex::Build(school).status();
  ASSERT_EQ(school.students.size(), 400u);
  std::map<int, int> per_grade;
  int team = 0;
  for (const Student& s : school.students) {
    ++per_grade[s.grade];
    team += s.team ? 1 : 0;
    int required = 0;
    for (const Request& r : s.requests) required += r.required ? 1 : 0;
    EXPECT_GE(required, 4) << s.id;  // the four grade cores at least
  }
  EXPECT_EQ(per_grade.size(), 4u);
  EXPECT_EQ(per_grade[9], 100);
  EXPECT_GT(team, 10);
  EXPECT_EQ(school.rules.size(), 4u);
  EXPECT_TRUE(school.enrollments.empty());
  for (const Section& s : school.sections) {  // only the team's sections, unplaced
    EXPECT_TRUE(s.team.has_value()) << s.id;
    EXPECT_FALSE(s.placement.placed()) << s.id;
  }
  std::set<std::string> room_types;
  for (const Room& r : school.rooms) room_types.insert(r.type);
  EXPECT_TRUE(room_types.contains("lab"));
  EXPECT_TRUE(room_types.contains("gym"));
  int singletons = 0;
  for (const Course& c : school.courses) singletons += c.sections_to_build == 1 ? 1 : 0;
  EXPECT_GE(singletons, 5);
}

// A fixed AP section count grows with demand (ScaleFixedSections): every request can be seated,
// at every size, while small schools keep their AP singletons.
TEST(GeneratorTest, FixedSectionCountsSeatTheDemand) {
  for (int students : {400, 1200}) {
    const School school = GenerateSchool({students, 2, SchoolLevel::kHigh, false}).school;
    std::map<std::string, int> requests;
    for (const Student& s : school.students)
      for (const Request& r : s.requests) ++requests[r.course_id];
    for (const Course& c : school.courses) {
      if (!c.sections_to_build) continue;
      EXPECT_GE(*c.sections_to_build * c.max_students, requests[c.id]) << c.id << " " << students;
    }
  }
}

TEST(GeneratorTest, ElectivePopularityIsSkewed) {
  const School school = GenerateSchool({1200, 1, SchoolLevel::kHigh, false}).school;
  std::map<std::string, int> tally;
  for (const Student& s : school.students)
    for (const Request& r : s.requests) ++tally[r.course_id];
  EXPECT_GT(tally["SPAN1"], 3 * tally["DIGMEDIA"]);  // rank 1 against rank 23
}

TEST(GeneratorTest, PlantedSolutionIsPerfectAndTheSchoolIsUnsolved) {
  GeneratedSchool g = GenerateSchool({400, 11, SchoolLevel::kHigh, true});
  ASSERT_TRUE(g.planted_solution.has_value());
  for (const Section& s : g.school.sections) EXPECT_FALSE(s.placement.placed()) << s.id;
  EXPECT_TRUE(g.school.enrollments.empty());
  absl::StatusOr<EvaluationReport> report = Evaluate(*g.planted_solution);
  ASSERT_TRUE(report.ok()) << report.status();
  for (const Violation& v : report->violations) ADD_FAILURE() << v.constraint << ": " << v.message;
  EXPECT_EQ(report->metrics.primary_requests_met, report->metrics.primary_requests);
  // The planted schedule must not have thrown most wishes away to be perfect.
  EXPECT_GT(report->metrics.primary_requests, 400 * 6);
}

TEST(GeneratorTest, MiddleSchoolPlantedIsPerfectToo) {
  GeneratedSchool g = GenerateSchool({300, 5, SchoolLevel::kMiddle, true});
  absl::StatusOr<EvaluationReport> report = Evaluate(*g.planted_solution);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->violations.empty()) << report->violations[0].message;
  EXPECT_EQ(report->metrics.primary_requests_met, report->metrics.primary_requests);
  std::set<int> grades;
  for (const Student& s : g.school.students) grades.insert(s.grade);
  EXPECT_EQ(grades, (std::set<int>{6, 7, 8}));
}

GeneratorOptions RotationOptions(int students, std::uint64_t seed, bool planted) {
  GeneratorOptions options{students, seed, SchoolLevel::kHigh, planted};
  options.rotation_days = 2;
  return options;
}

// Every placed section of an every-other-day course meets on exactly one rotation day.
void ExpectAlternateDaySectionsOnOneDay(const School& school) {
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok()) << index.status();
  int alternate = 0;
  for (const Section& s : school.sections) {
    if (!s.placement.placed() || index->CourseOf(s).days_per_rotation != 1) continue;
    ++alternate;
    EXPECT_EQ(std::popcount(index->DayBits(s.placement.terms)), 1) << s.id;
  }
  EXPECT_GT(alternate, 10);
}

TEST(GeneratorTest, RotationMarksPeAndElectivesAndKeepsTheStudents) {
  const School daily = GenerateSchool({400, 3, SchoolLevel::kHigh, false}).school;
  const School ab = GenerateSchool(RotationOptions(400, 3, false)).school;
  ASSERT_TRUE(SchoolIndex::Build(ab).ok()) << SchoolIndex::Build(ab).status();
  EXPECT_EQ(ab.calendar.rotation_days, 2);
  std::map<std::string, int> days;
  for (const Course& c : ab.courses) days[c.id] = c.days_per_rotation;
  EXPECT_EQ(days["PE9"], 1);
  EXPECT_EQ(days["ART1"], 1);
  EXPECT_EQ(days["ENG9"], 0);
  EXPECT_EQ(days["AP_BIO"], 0);
  // Same students and requests; fewer or as many teachers, since two alternate-day sections
  // share a teaching period.
  ASSERT_EQ(ab.students.size(), daily.students.size());
  for (size_t i = 0; i < ab.students.size(); ++i)
    EXPECT_EQ(ab.students[i].requests.size(), daily.students[i].requests.size());
  EXPECT_LE(ab.teachers.size(), daily.teachers.size());
}

TEST(GeneratorTest, RotationSchoolBuildsAndLoadsWithoutHardViolations) {
  School school = GenerateSchool(RotationOptions(150, 4, false)).school;
  RunOptions run;
  run.seed = 4;
  run.time_limit = std::chrono::milliseconds(60000);
  absl::StatusOr<MasterScheduleResult> built = BuildMasterSchedule(school, run);
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_TRUE(built->unplaced_section_ids.empty());
  school.sections = built->sections;
  LoadOptions load;
  load.run = run;
  absl::StatusOr<LoadResult> loaded = LoadStudents(school, load);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  school.enrollments = loaded->enrollments;
  absl::StatusOr<EvaluationReport> report = Evaluate(school);
  ASSERT_TRUE(report.ok()) << report.status();
  for (const Violation& v : report->violations) ADD_FAILURE() << v.constraint << ": " << v.message;
  EXPECT_GT(report->metrics.primary_requests_met, report->metrics.primary_requests / 2);
  ExpectAlternateDaySectionsOnOneDay(school);
}

TEST(GeneratorTest, PlantedRotationSolutionIsPerfect) {
  GeneratedSchool g = GenerateSchool(RotationOptions(300, 6, true));
  ASSERT_TRUE(g.planted_solution.has_value());
  absl::StatusOr<EvaluationReport> report = Evaluate(*g.planted_solution);
  ASSERT_TRUE(report.ok()) << report.status();
  for (const Violation& v : report->violations) ADD_FAILURE() << v.constraint << ": " << v.message;
  EXPECT_EQ(report->metrics.primary_requests_met, report->metrics.primary_requests);
  EXPECT_GT(report->metrics.primary_requests, 300 * 6);
  ExpectAlternateDaySectionsOnOneDay(*g.planted_solution);
  // The JSON round trip keeps the days (v2).
  const std::string text = io::SchoolToJson(*g.planted_solution);
  absl::StatusOr<School> parsed = io::ParseSchoolJson(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(io::SchoolToJson(*parsed), text);
}

}  // namespace
}  // namespace secsched::engine::generator
