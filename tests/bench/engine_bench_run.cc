// One engine_bench run (engine_bench_run.h), in the child process.
#include "tests/bench/engine_bench_run.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <utility>

#include "services/sectioning/bound/load_optimum.h"
#include "services/sectioning/engine/engine.h"
#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/generator/generator.h"
#include "services/sectioning/engine/loader_state.h"
#include "tests/bench/load_diff.h"

namespace secsched::bench {

using bound::CheckLoadFeasibility;
using bound::LoadFeasibility;
using bound::LoadOptimum;
using bound::LoadOptimumOptions;
using bound::SolveLoadOptimum;

namespace {

using engine::School;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// CPU seconds of this process so far: the machine is shared, so wall time alone overstates cost.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
         usage.ru_stime.tv_usec / 1e6;
}

double PeakMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // Linux reports KiB
}

School Generate(const SchoolSpec& spec, const BenchOptions& options) {
  if (spec.generator == GeneratorKind::kMixed)
    return engine::mixed_generator::GenerateMixedSchool(
               {.students = spec.students,
                .seed = static_cast<std::uint64_t>(spec.seed),
                .planted = spec.planted,
                .calendar = options.calendar})
        .school;
  return engine::generator::GenerateSchool({.students = spec.students,
                                            .seed = static_cast<std::uint64_t>(spec.seed),
                                            .level = engine::generator::SchoolLevel::kHigh,
                                            .planted = spec.planted,
                                            .scale_fixed_sections = !options.catalog_ap_counts,
                                            .rotation_days = options.rotation_days})
      .school;
}

// The loader's weighted objective against the weighted optimum (--diff).
void PrintWeightedDiff(const School& school, const LoadOptimumOptions& opt_options) {
  LoadOptimumOptions weighted = opt_options;
  weighted.weighted = true;
  absl::StatusOr<LoadOptimum> wopt = SolveLoadOptimum(school, weighted);
  double engine_weighted = 0;
  for (const engine::Enrollment& e : school.enrollments)
    if (!e.is_alternate)
      for (const engine::Student& st : school.students)
        if (st.id == e.student_id)
          for (const engine::Request& r : st.requests)
            if (r.course_id == e.requested_course_id)
              engine_weighted += engine::LoaderState::RequestWeight(r);
  if (wopt.ok())
    std::fprintf(stderr, "diff: weighted objective: engine %.2f, CBC %s %.2f, ratio %.4f\n",
                 engine_weighted, wopt->kind(), wopt->reference(),
                 engine_weighted / std::max(1e-9, wopt->reference()));
}

// "optimum"/"bound" cell and the engine / reference ratio; "-" when not solved.
std::pair<std::string, std::string> OptimumCells(const School& school, int met,
                                                 const BenchOptions& options) {
  LoadOptimumOptions opt_options;
  opt_options.time_limit_seconds = options.cbc_seconds;
  opt_options.start = &school.enrollments;
  opt_options.relative_gap = options.cbc_gap;
  opt_options.log_level = options.cbc_log;
  opt_options.aggregate = !options.cbc_plain;
  absl::StatusOr<LoadOptimum> opt = SolveLoadOptimum(school, opt_options);
  if (!opt.ok()) return {"error: " + std::string(opt.status().message()), "-"};
  if (options.diff) {
    PrintLoadDiff(school, opt->solution, stderr);
    PrintWeightedDiff(school, opt_options);
  }
  // The ratio is exact against a proven optimum; against a bound (CBC stopped at its gap or
  // time limit) it is a lower bound, and CBC's best integer, when better, caps it from above.
  const double ref = opt->reference();
  char ratio[64];
  if (opt->proven_optimal || ref <= 0) {
    std::snprintf(ratio, sizeof ratio, "%.4f", ref > 0 ? met / ref : 1.0);
  } else if (opt->best_integer > met) {
    std::snprintf(ratio, sizeof ratio, "≥ %.4f (≤ %.4f)", std::floor(1e4 * met / ref) / 1e4,
                  std::ceil(1e4 * met / opt->best_integer) / 1e4);
  } else {
    std::snprintf(ratio, sizeof ratio, "≥ %.4f", std::floor(1e4 * met / ref) / 1e4);
  }
  char cell[160];
  std::snprintf(cell, sizeof cell, "%.0f %s (best integer %.0f; LP %.1f%s; LP %.0f s + IP %.0f s)",
                ref, opt->kind(), opt->best_integer, opt->lp_relaxation,
                opt->lp_optimal ? "" : " not solved", opt->lp_seconds, opt->ip_seconds);
  // The loader obeys every constraint of the program, so beating its optimum is a bug.
  if (met > ref + 1e-6) return {cell, std::string(ratio) + " BEATEN"};
  return {cell, ratio};
}

}  // namespace

std::string GeneratorName(GeneratorKind kind) {
  return kind == GeneratorKind::kMixed ? "mixed" : "standard";
}

std::string CalendarLabel(const SchoolSpec& spec, const BenchOptions& options) {
  if (spec.generator == GeneratorKind::kStandard)
    return options.rotation_days == 1 ? "traditional"
                                      : std::to_string(options.rotation_days) + "-day rotation";
  return engine::mixed_generator::CalendarKindName(engine::mixed_generator::EffectiveCalendar(
      {.seed = static_cast<std::uint64_t>(spec.seed), .calendar = options.calendar}));
}

void PrintDetailHeader() {
  std::printf(
      "| generator | calendar | students | mode | school seed | engine seed | build s (cpu) | "
      "load s (cpu) | engine peak MB | sections (unplaced) | conflicted students | primary met | "
      "required met | complete (strict) | alternates | hard violations | IP "
      "feasible | CBC reference | engine / reference |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
}

int RunOne(const SchoolSpec& spec, int engine_seed, const BenchOptions& options,
           RunResult& result) {
  School school = Generate(spec, options);
  engine::RunOptions run;
  run.seed = static_cast<std::uint64_t>(engine_seed);
  run.time_limit = std::chrono::milliseconds(options.time_limit_ms);
  auto t0 = Clock::now();
  double cpu0 = CpuSeconds();
  // BuildMasterSchedule runs BuildSections itself (and so knows which sections are spare).
  absl::StatusOr<engine::MasterScheduleResult> master = engine::BuildMasterSchedule(school, run);
  if (!master.ok())
    return std::fprintf(stderr, "master schedule: %s\n", master.status().ToString().c_str()), 1;
  school.sections = std::move(master->sections);
  const double build_s = Seconds(t0), build_cpu = CpuSeconds() - cpu0;

  t0 = Clock::now();
  cpu0 = CpuSeconds();
  engine::LoadOptions load;
  load.run = run;
  absl::StatusOr<engine::LoadResult> loaded = engine::LoadStudents(school, load);
  if (!loaded.ok())
    return std::fprintf(stderr, "load: %s\n", loaded.status().ToString().c_str()), 1;
  school.enrollments = std::move(loaded->enrollments);
  const double load_s = Seconds(t0), load_cpu = CpuSeconds() - cpu0;
  result.peak_mb = PeakMegabytes();
  result.cpu_seconds = build_cpu + load_cpu;

  absl::StatusOr<engine::EvaluationReport> report = engine::Evaluate(school);
  if (!report.ok())
    return std::fprintf(stderr, "evaluate: %s\n", report.status().ToString().c_str()), 1;
  const engine::Metrics& m = report->metrics;
  result.unplaced = static_cast<int>(m.unplaced_section_ids.size());
  result.primary_pct = m.primary_requests_met_pct;
  result.complete_pct = m.complete_schedules_pct;
  result.hard_violations = static_cast<int>(report->violations.size());

  absl::StatusOr<LoadFeasibility> feasibility = CheckLoadFeasibility(school);
  if (!feasibility.ok())
    return std::fprintf(stderr, "feasibility: %s\n", feasibility.status().ToString().c_str()), 1;
  result.feasible = feasibility->feasible();
  const std::string feasible_cell = result.feasible ? "yes" : "NO: " + feasibility->first_problem;

  std::pair<std::string, std::string> optimum = {"-", "-"};
  const bool solve =
      options.cbc_seconds > 0 && (options.cbc_every_seed || engine_seed == kCliDefaultEngineSeed);
  if (solve) optimum = OptimumCells(school, m.primary_requests_met, options);

  // The count, and by constraint when there are any: "3 (SECTION_UNPLACED 2, ...)".
  std::string violations = std::to_string(result.hard_violations);
  if (!report->violation_counts.empty()) {
    std::string by_name;
    for (const auto& [name, n] : report->violation_counts)
      by_name += (by_name.empty() ? "" : ", ") + name + " " + std::to_string(n);
    violations += " (" + by_name + ")";
  }
  std::printf(
      "| %s | %s | %d | %s | %d | %d | %.2f (%.2f) | %.2f (%.2f) | %.0f | %d (%d) | %d | "
      "%d/%d = %.2f %% | %.2f %% | %.2f %% (%.2f %%) | %d | %s | %s | %s | %s |\n",
      GeneratorName(spec.generator).c_str(), CalendarLabel(spec, options).c_str(), spec.students,
      spec.planted ? "planted" : "realistic", spec.seed, engine_seed, build_s, build_cpu, load_s,
      load_cpu, result.peak_mb, m.sections, result.unplaced, master->conflicted_students,
      m.primary_requests_met, m.primary_requests, m.primary_requests_met_pct,
      m.required_requests_met_pct, m.complete_schedules_pct, m.complete_schedules_strict_pct,
      m.alternates_used, violations.c_str(), feasible_cell.c_str(), optimum.first.c_str(),
      optimum.second.c_str());
  std::fflush(stdout);
  result.ok = true;
  if (!report->violations.empty()) {
    std::fprintf(stderr, "hard violation: %s\n", report->violations[0].message.c_str());
    return 3;
  }
  if (optimum.second.find("BEATEN") != std::string::npos) return 4;
  return result.feasible ? 0 : 5;
}

}  // namespace secsched::bench
