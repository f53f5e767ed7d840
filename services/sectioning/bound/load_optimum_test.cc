// The CBC loading optimum as a yardstick: right on schools whose optimum is obvious, and never
// beaten by the engine's loader on small random schools (the loader obeys every constraint the
// integer program has, so beating it would mean a bug in one of them).
#include "services/sectioning/bound/load_optimum.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <set>
#include <string>

#include "services/sectioning/bound/load_model.h"
#include "services/sectioning/bound/load_optimum_apart.h"
#include "services/sectioning/engine/engine.h"
#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/evaluate_test_school.h"
#include "services/sectioning/engine/generator/generator.h"
#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/mixed_generator/mixed_generator.h"

namespace secsched::bound {
namespace {

using engine::School;

// The evaluator's tiny school without enrollments: every request can be met (it was).
School Unloaded() {
  School school = engine::testing::BaseSchool();
  school.enrollments.clear();
  return school;
}

int LoaderPrimaryMet(const School& school) {
  engine::LoadOptions options;
  options.run.seed = 1;
  options.run.time_limit = std::chrono::milliseconds(500);
  absl::StatusOr<engine::LoadResult> loaded = engine::LoadStudents(school, options);
  EXPECT_TRUE(loaded.ok()) << loaded.status();
  if (!loaded.ok()) return -1;
  School with = school;
  with.enrollments = loaded->enrollments;
  absl::StatusOr<engine::EvaluationReport> report = engine::Evaluate(with);
  EXPECT_TRUE(report.ok()) << report.status();
  if (!report.ok()) return -1;
  EXPECT_TRUE(report->violations.empty()) << report->violations[0].message;
  return report->metrics.primary_requests_met;
}

TEST(LoadOptimumTest, EverythingFitsWhenEverythingFits) {
  absl::StatusOr<LoadOptimum> opt = SolveLoadOptimum(Unloaded());
  ASSERT_TRUE(opt.ok()) << opt.status();
  EXPECT_TRUE(opt->proven_optimal);
  EXPECT_EQ(opt->requests, 5);
  EXPECT_EQ(opt->best_integer, 5);
  EXPECT_EQ(opt->best_bound, 5);
  EXPECT_EQ(LoaderPrimaryMet(Unloaded()), 5);
}

TEST(LoadOptimumTest, CapacityBinds) {
  School school = Unloaded();
  engine::testing::SectionById(school, "BIO-1").max_students = 1;
  engine::testing::StudentById(school, "S2")
      .requests.push_back(engine::Request{"BIO", true, 1, {}});
  absl::StatusOr<LoadOptimum> opt = SolveLoadOptimum(school);
  ASSERT_TRUE(opt.ok()) << opt.status();
  EXPECT_EQ(opt->requests, 6);
  EXPECT_EQ(opt->best_integer, 5);  // one BIO seat for two students
  EXPECT_EQ(LoaderPrimaryMet(school), 5);
}

TEST(LoadOptimumTest, TimeConflictAndRulesBind) {
  School school = Unloaded();
  // HEALTH moves onto BIO's second period: S1 can have one of them, not both.
  engine::testing::SectionById(school, "HEALTH-1").placement.period = 3;
  absl::StatusOr<LoadOptimum> opt = SolveLoadOptimum(school);
  ASSERT_TRUE(opt.ok()) << opt.status();
  EXPECT_EQ(opt->best_integer, 4);
  // A DIFFERENT_TERM rule that the only sections break costs one more request.
  School ruled = Unloaded();
  ruled.rules.push_back(engine::CourseRule{engine::RuleType::kDifferentTerm, "BIO", "HEALTH"});
  opt = SolveLoadOptimum(ruled);
  ASSERT_TRUE(opt.ok()) << opt.status();
  EXPECT_EQ(opt->best_integer, 4);
  EXPECT_EQ(LoaderPrimaryMet(ruled), 4);
}

// The engine's load as a point of the plain model: the evaluator's school's own load is one; a
// clash, a seat too many and an enrollment in an unplaced section each are not.
TEST(LoadOptimumTest, FeasibilityCheckAcceptsAValidLoadAndNamesWhatBreaks) {
  absl::StatusOr<LoadFeasibility> ok = CheckLoadFeasibility(engine::testing::BaseSchool());
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_TRUE(ok->feasible()) << ok->first_problem;
  EXPECT_EQ(ok->enrollments, 5);

  School clash = engine::testing::BaseSchool();
  engine::testing::SectionById(clash, "HEALTH-1").placement.period = 3;  // onto BIO's period
  absl::StatusOr<LoadFeasibility> clashing = CheckLoadFeasibility(clash);
  ASSERT_TRUE(clashing.ok()) << clashing.status();
  EXPECT_FALSE(clashing->feasible());
  EXPECT_GE(clashing->rows_broken, 1);

  School full = engine::testing::BaseSchool();
  full.rooms[1].capacity = 0;  // LAB1: BIO-1 seats no one
  absl::StatusOr<LoadFeasibility> over = CheckLoadFeasibility(full);
  ASSERT_TRUE(over.ok()) << over.status();
  EXPECT_GE(over->rows_broken + over->without_column, 1);
  EXPECT_FALSE(over->feasible());

  School unplaced = engine::testing::BaseSchool();
  engine::testing::SectionById(unplaced, "HEALTH-1").placement = engine::Placement{};
  absl::StatusOr<LoadFeasibility> stray = CheckLoadFeasibility(unplaced);
  ASSERT_TRUE(stray.ok()) << stray.status();
  EXPECT_EQ(stray->without_column, 1);
  EXPECT_FALSE(stray->feasible());
}

TEST(LoadOptimumTest, MixedGeneratorsPlantedLoadIsFeasibleAndOptimal) {
  using engine::mixed_generator::CalendarKind;
  for (CalendarKind kind :
       {CalendarKind::kTraditional, CalendarKind::kBlock4x4, CalendarKind::kTrimester}) {
    const School solution =
        *engine::mixed_generator::GenerateMixedSchool({90, 2, true, kind}).planted_solution;
    absl::StatusOr<LoadFeasibility> check = CheckLoadFeasibility(solution);
    ASSERT_TRUE(check.ok()) << check.status();
    EXPECT_TRUE(check->feasible()) << check->first_problem;
    EXPECT_EQ(check->enrollments, static_cast<int>(solution.enrollments.size()));
  }
}

TEST(LoadOptimumTest, PlantedScheduleHasAPerfectLoad) {
  engine::generator::GeneratedSchool g =
      engine::generator::GenerateSchool({80, 3, engine::generator::SchoolLevel::kHigh, true});
  School placed = *g.planted_solution;
  placed.enrollments.clear();
  absl::StatusOr<LoadOptimum> opt = SolveLoadOptimum(placed, {30, nullptr});
  ASSERT_TRUE(opt.ok()) << opt.status();
  EXPECT_TRUE(opt->proven_optimal);
  EXPECT_EQ(opt->best_integer, opt->requests);
}

TEST(LoadOptimumTest, LoaderNeverBeatsTheOptimumOnSmallRandomSchools) {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    School school =
        engine::generator::GenerateSchool({48, seed, engine::generator::SchoolLevel::kHigh, false})
            .school;
    engine::RunOptions run;
    run.seed = seed;
    run.time_limit = std::chrono::milliseconds(300);
    absl::StatusOr<engine::BuildSectionsResult> built = engine::BuildSections(school, run);
    ASSERT_TRUE(built.ok()) << built.status();
    school.sections = built->sections;
    absl::StatusOr<engine::MasterScheduleResult> master = engine::BuildMasterSchedule(school, run);
    ASSERT_TRUE(master.ok()) << master.status();
    school.sections = master->sections;
    const int engine_met = LoaderPrimaryMet(school);
    absl::StatusOr<LoadOptimum> opt = SolveLoadOptimum(school, {30, nullptr});
    ASSERT_TRUE(opt.ok()) << opt.status();
    EXPECT_LE(engine_met, opt->reference()) << "seed " << seed;
    EXPECT_LE(opt->best_integer, opt->lp_relaxation + 1e-6) << "seed " << seed;
    if (opt->proven_optimal) {
      EXPECT_EQ(opt->best_bound, opt->best_integer);
    }
  }
}

// A small school with the engine's own master schedule (sections built and placed).
School BuiltSchool(int students, std::uint64_t seed, bool planted) {
  School school = engine::generator::GenerateSchool(
                      {students, seed, engine::generator::SchoolLevel::kHigh, planted})
                      .school;
  engine::RunOptions run;
  run.seed = seed;
  run.time_limit = std::chrono::milliseconds(300);
  absl::StatusOr<engine::BuildSectionsResult> built = engine::BuildSections(school, run);
  EXPECT_TRUE(built.ok()) << built.status();
  if (built.ok()) school.sections = built->sections;
  absl::StatusOr<engine::MasterScheduleResult> master = engine::BuildMasterSchedule(school, run);
  EXPECT_TRUE(master.ok()) << master.status();
  if (master.ok()) school.sections = master->sections;
  return school;
}

// Grouping identical students is a relaxation that is split back into a load: on small schools
// it must give exactly the plain model's optimum, on the count and on the weighted objective.
TEST(LoadOptimumTest, GroupedModelHasThePlainOptimum) {
  bool grouped_some = false;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    for (bool planted : {false, true}) {
      const School school = BuiltSchool(planted ? 80 : 60, seed, planted);
      for (bool weighted : {false, true}) {
        LoadOptimumOptions plain{30, nullptr, weighted, /*aggregate=*/false};
        LoadOptimumOptions grouped{30, nullptr, weighted, /*aggregate=*/true};
        absl::StatusOr<LoadOptimum> a = SolveLoadOptimum(school, plain);
        absl::StatusOr<LoadOptimum> b = SolveLoadOptimum(school, grouped);
        ASSERT_TRUE(a.ok() && b.ok());
        ASSERT_TRUE(a->proven_optimal && b->proven_optimal) << "seed " << seed;
        EXPECT_NEAR(a->best_integer, b->best_integer, 1e-6)
            << "seed " << seed << " weighted " << weighted;
        EXPECT_NEAR(a->lp_relaxation, b->lp_relaxation, 1e-4) << "seed " << seed;
        EXPECT_EQ(a->groups, a->students_in_model);
        grouped_some |= b->groups < b->students_in_model;
      }
    }
  }
  EXPECT_TRUE(grouped_some);  // the schools did have identical students to group
}

// CBC's solution, split back into students and sections, is a load the evaluator accepts and
// meets exactly the optimum's count of primary requests.
TEST(LoadOptimumTest, OptimalSolutionIsAValidLoad) {
  for (std::uint64_t seed = 1; seed <= 2; ++seed) {
    School school = BuiltSchool(60, seed, false);
    absl::StatusOr<LoadOptimum> opt = SolveLoadOptimum(school, {30, nullptr});
    ASSERT_TRUE(opt.ok()) << opt.status();
    ASSERT_TRUE(opt->proven_optimal);
    school.enrollments = opt->solution;
    absl::StatusOr<engine::EvaluationReport> report = engine::Evaluate(school);
    ASSERT_TRUE(report.ok()) << report.status();
    EXPECT_TRUE(report->violations.empty()) << report->violations[0].message;
    EXPECT_EQ(report->metrics.primary_requests_met, opt->best_integer) << "seed " << seed;
  }
}

// Sections of one course in one placement are one column; a teacher a student avoids keeps its
// section apart.
TEST(LoadOptimumTest, InterchangeableSectionsShareAColumn) {
  School school = Unloaded();
  engine::Section twin = engine::testing::SectionById(school, "ENG9-1");
  twin.id = "ENG9-3";
  twin.teacher_id = "T_BIO";
  school.sections.push_back(twin);
  absl::StatusOr<engine::SchoolIndex> index = engine::SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok()) << index.status();
  LoadModel m = BuildLoadModel(*index, {});
  EXPECT_EQ(m.classes.size(), school.sections.size() - 1);
  EXPECT_EQ(m.classes[m.class_of_section[index->SectionIndex("ENG9-3")]].capacity, 50);

  engine::testing::StudentById(school, "S2")
      .constraints.push_back({engine::StudentConstraintKind::kAvoidTeacher, "T_BIO", {}});
  index = engine::SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok()) << index.status();
  m = BuildLoadModel(*index, {});
  EXPECT_EQ(m.classes.size(), school.sections.size());
  EXPECT_EQ(m.ColumnOf(index->StudentIndex("S2"), index->SectionIndex("ENG9-3")), -1);
  EXPECT_GE(m.ColumnOf(index->StudentIndex("S2"), index->SectionIndex("ENG9-1")), 0);
}

// Day rotation: two sections in the same period and semester on different days do not clash
// (SchoolIndex::Overlaps), on the same day they do.
TEST(LoadOptimumTest, RotationDaysClashOnlyOnTheSameDay) {
  School school = engine::testing::AbRotationSchool();
  school.enrollments.clear();
  engine::testing::SectionById(school, "PE-1").placement.terms = engine::testing::kS1B;
  absl::StatusOr<LoadOptimum> opt = SolveLoadOptimum(school);
  ASSERT_TRUE(opt.ok()) << opt.status();
  EXPECT_EQ(opt->best_integer, 5);  // HEALTH-1 on S1/A and PE-1 on S1/B, both period 4
  engine::testing::SectionById(school, "PE-1").placement.terms = engine::testing::kS1A;
  opt = SolveLoadOptimum(school);
  ASSERT_TRUE(opt.ok()) << opt.status();
  EXPECT_EQ(opt->best_integer, 4);
}

// SAME_PERIOD between two courses of k sections each makes 2^k maximal cliques; the model then
// covers the conflicts greedily, still with every conflict in some row, and stays exact.
TEST(LoadOptimumTest, ManyMaximalCliquesFallBackToACover) {
  School school = Unloaded();
  school.calendar.periods_per_day = 10;
  school.sections.clear();
  for (int p = 0; p < 10; ++p) {
    school.sections.push_back(engine::testing::MakeSection(
        "HEALTH-" + std::to_string(p), "HEALTH", "T_PE", "R101", p, engine::testing::kS1));
    school.sections.push_back(engine::testing::MakeSection("PE-" + std::to_string(p), "PE", "T_PE",
                                                           "GYM", p, engine::testing::kS2));
  }
  school.rules.push_back(engine::CourseRule{engine::RuleType::kSamePeriod, "HEALTH", "PE"});
  school.students.resize(1);
  school.students[0].requests = {engine::Request{"HEALTH", true, 1, {}},
                                 engine::Request{"PE", true, 1, {}}};
  absl::StatusOr<engine::SchoolIndex> index = engine::SchoolIndex::Build(school);
  ASSERT_TRUE(index.ok()) << index.status();
  const LoadModel m = BuildLoadModel(*index, {});
  ASSERT_EQ(m.groups.size(), 1u);
  const StudentGroup& g = m.groups[0];
  ASSERT_EQ(g.num_cols, 20);
  EXPECT_LT(g.cliques.size(), 200u);  // not the 1,024 maximal cliques
  for (int a = 0; a < g.num_cols; ++a)
    for (int b = a + 1; b < g.num_cols; ++b) {
      bool in_a_row = false;
      for (const std::vector<int>& c : g.cliques)
        in_a_row |= std::count(c.begin(), c.end(), a) && std::count(c.begin(), c.end(), b);
      EXPECT_EQ(in_a_row, g.Conflicts(a, b)) << a << " " << b;
    }
  // Each course's columns are inside one row (its request row): the LP takes at most one of each.
  for (const char* course : {"HEALTH", "PE"}) {
    bool whole = false;
    for (const std::vector<int>& c : g.cliques) {
      int members = 0;
      for (int v : c)
        members += school.sections[m.classes[m.col_class[g.first_col + v]].sections[0]].course_id ==
                   course;
      whole |= members == 10;
    }
    EXPECT_TRUE(whole) << course;
  }
  absl::StatusOr<LoadOptimum> opt = SolveLoadOptimum(school);
  ASSERT_TRUE(opt.ok()) << opt.status();
  EXPECT_EQ(opt->best_integer, 2);  // HEALTH and PE in one period
  EXPECT_LE(opt->lp_relaxation, 2 + 1e-6);
}

// A group of two students whose counts form an odd hole (a 5-cycle of conflicts, each column
// once) cannot be split: two clash-free schedules cover at most 4 of the 5 columns.
StudentGroup Cycle(int length) {
  StudentGroup g;
  g.students = {0, 1};
  g.num_cols = length;
  g.conflict.assign(length * length, 0);
  for (int v = 0; v < length; ++v) {
    const int w = (v + 1) % length;
    g.conflict[v * length + w] = g.conflict[w * length + v] = 1;
    g.cliques.push_back({std::min(v, w), std::max(v, w)});
  }
  g.locked.assign(length, false);
  return g;
}

bool ClashFree(const StudentGroup& g, const std::vector<int>& cols) {
  for (int a : cols)
    for (int b : cols)
      if (a != b && g.Conflicts(a, b)) return false;
  return true;
}

TEST(LoadOptimumTest, SplitFailsExactlyOnOddHoles) {
  std::vector<std::vector<int>> per_member;
  const StudentGroup even = Cycle(6);
  EXPECT_TRUE(DecomposeGroup(even, std::vector<int>(6, 1), std::vector<double>(6, 1), per_member));
  ASSERT_EQ(per_member.size(), 2u);
  EXPECT_EQ(per_member[0].size() + per_member[1].size(), 6u);
  for (const auto& cols : per_member) EXPECT_TRUE(ClashFree(even, cols));

  const StudentGroup odd = Cycle(5);
  EXPECT_FALSE(DecomposeGroup(odd, std::vector<int>(5, 1), std::vector<double>(5, 1), per_member));
  ASSERT_EQ(per_member.size(), 2u);
  EXPECT_EQ(per_member[0].size() + per_member[1].size(), 4u);  // the best split, one short
  std::set<int> used;
  for (const auto& cols : per_member) {
    EXPECT_TRUE(ClashFree(odd, cols));
    for (int c : cols) EXPECT_TRUE(used.insert(c).second);  // each column at most its count
  }
}

}  // namespace
}  // namespace secsched::bound

namespace secsched::bound {
namespace {

TEST(LoadOptimumApartTest, TheChildProcessFindsWhatTheSolverFindsHere) {
  School school = Unloaded();
  std::atomic<bool> cancel{false};
  absl::StatusOr<LoadOptimum> here = SolveLoadOptimum(school);
  absl::StatusOr<LoadOptimum> apart = SolveLoadOptimumApart(school, {}, cancel);
  ASSERT_TRUE(here.ok()) << here.status();
  ASSERT_TRUE(apart.ok()) << apart.status();
  EXPECT_EQ(apart->requests, here->requests);
  EXPECT_EQ(apart->best_integer, here->best_integer);
  EXPECT_EQ(apart->best_bound, here->best_bound);
  EXPECT_EQ(apart->proven_optimal, here->proven_optimal);
  EXPECT_EQ(apart->variables, here->variables);
}

TEST(LoadOptimumApartTest, ACancelledSolveEndsCancelledAndLeavesNoProcessBehind) {
  std::atomic<bool> cancel{true};
  absl::StatusOr<LoadOptimum> r = SolveLoadOptimumApart(Unloaded(), {}, cancel);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kCancelled) << r.status();
  errno = 0;
  EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1) << "the child was reaped";
  EXPECT_EQ(errno, ECHILD);
}

TEST(LoadOptimumApartTest, TheChildsErrorComesBackWithItsCodeAndMessage) {
  School school = Unloaded();
  school.students[0].requests[0].course_id = "NO_SUCH_COURSE";
  std::atomic<bool> cancel{false};
  absl::StatusOr<LoadOptimum> here = SolveLoadOptimum(school);
  absl::StatusOr<LoadOptimum> apart = SolveLoadOptimumApart(school, {}, cancel);
  ASSERT_FALSE(here.ok());
  EXPECT_EQ(apart.status(), here.status());
}

}  // namespace
}  // namespace secsched::bound
