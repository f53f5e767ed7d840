// The CBC loading optimum as a yardstick: right on schools whose optimum is obvious, and never
// beaten by the engine's loader on small random schools (the loader obeys every constraint the
// integer program has, so beating it would mean a bug in one of them).
#include "tests/bench/load_optimum.h"

#include <gtest/gtest.h>

#include "services/sectioning/engine/engine.h"
#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/evaluate_test_school.h"
#include "services/sectioning/engine/generator/generator.h"

namespace secsched::bench {
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
  engine::testing::StudentById(school, "S2").requests.push_back(engine::Request{"BIO", true, 1, {}});
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
    School school = engine::generator::GenerateSchool({48, seed, engine::generator::SchoolLevel::kHigh, false}).school;
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

}  // namespace
}  // namespace secsched::bench
