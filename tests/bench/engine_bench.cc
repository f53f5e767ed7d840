// engine_bench: the engine on generated schools (400 / 1,200 / 2,800 students x seeds, realistic
// and planted), with the CBC optimum of the loading problem on the engine's own master schedule
// as the proof of quality. Prints a Markdown table (docs/benchmarks.md); asserts nothing about
// time. Each run is a forked child, so its peak memory (ru_maxrss) is its own.
//
//   engine_bench [--smoke] [--sizes 400,1200,2800] [--seeds 1,2] [--modes realistic,planted]
//                [--time-limit-ms 5000] [--cbc-seconds 120] [--cbc-gap 0] [--cbc-plain] [--diff]
//                [--catalog-ap-counts] [--rotation-days R]
//   --cbc-gap G: stop CBC once its gap is at most G (relative); labelled "within gap"
//   --cbc-log N: CBC's log level (stderr)
//   --cbc-plain: one binary column per student and section class (no student groups)
//   --diff: also print where the engine's load differs from CBC's optimum (stderr)
//   --rotation-days R: generate with an R-day rotation (2 = A/B days: PE and electives meet
//     every other day; GeneratorOptions::rotation_days)
//   --catalog-ap-counts: generate with the catalog's fixed AP section counts at every size
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "services/sectioning/engine/engine.h"
#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/generator/generator.h"
#include "services/sectioning/engine/loader_state.h"
#include "tests/bench/load_diff.h"
#include "tests/bench/load_optimum.h"

namespace secsched::bench {
namespace {

using engine::School;
using Clock = std::chrono::steady_clock;

struct BenchOptions {
  std::vector<int> sizes = {400, 1200, 2800};
  std::vector<int> seeds = {1, 2};
  std::vector<bool> planted = {false, true};
  int time_limit_ms = 5000;
  double cbc_seconds = 120;
  double cbc_gap = 0;
  int cbc_log = 0;
  bool cbc_plain = false;
  bool smoke = false;
  bool diff = false;  // print where the engine's load differs from CBC's (stderr)
  bool catalog_ap_counts = false;  // the generator's old AP section counts (see generator.h)
  int rotation_days = 1;           // GeneratorOptions::rotation_days
};

std::vector<int> IntList(const std::string& text) {
  std::vector<int> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) out.push_back(std::atoi(item.c_str()));
  return out;
}

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

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

// One configuration, run in a child process; prints one table row; returns the exit code.
int RunOne(int students, int seed, bool planted, const BenchOptions& options) {
  auto t0 = Clock::now();
  engine::generator::GeneratedSchool g = engine::generator::GenerateSchool(
      {.students = students,
       .seed = static_cast<std::uint64_t>(seed),
       .level = engine::generator::SchoolLevel::kHigh,
       .planted = planted,
       .scale_fixed_sections = !options.catalog_ap_counts,
       .rotation_days = options.rotation_days});
  School school = std::move(g.school);
  const double gen_s = Seconds(t0);

  engine::RunOptions run;
  run.seed = static_cast<std::uint64_t>(seed);
  run.time_limit = std::chrono::milliseconds(options.time_limit_ms);
  t0 = Clock::now();
  double cpu0 = CpuSeconds();
  // BuildMasterSchedule runs BuildSections itself (and so knows which sections are spare).
  absl::StatusOr<engine::MasterScheduleResult> master = engine::BuildMasterSchedule(school, run);
  if (!master.ok()) return std::fprintf(stderr, "master schedule: %s\n", master.status().ToString().c_str()), 1;
  school.sections = std::move(master->sections);
  const double build_s = Seconds(t0);
  const double build_cpu = CpuSeconds() - cpu0;

  t0 = Clock::now();
  cpu0 = CpuSeconds();
  engine::LoadOptions load;
  load.run = run;
  absl::StatusOr<engine::LoadResult> loaded = engine::LoadStudents(school, load);
  if (!loaded.ok()) return std::fprintf(stderr, "load: %s\n", loaded.status().ToString().c_str()), 1;
  school.enrollments = std::move(loaded->enrollments);
  const double load_s = Seconds(t0);
  const double load_cpu = CpuSeconds() - cpu0;
  const double engine_peak_mb = PeakMegabytes();

  absl::StatusOr<engine::EvaluationReport> report = engine::Evaluate(school);
  if (!report.ok()) return std::fprintf(stderr, "evaluate: %s\n", report.status().ToString().c_str()), 1;
  const engine::Metrics& m = report->metrics;

  LoadOptimumOptions opt_options;
  opt_options.time_limit_seconds = options.cbc_seconds;
  opt_options.start = &school.enrollments;
  opt_options.relative_gap = options.cbc_gap;
  opt_options.log_level = options.cbc_log;
  opt_options.aggregate = !options.cbc_plain;
  absl::StatusOr<LoadOptimum> opt = SolveLoadOptimum(school, opt_options);
  if (!opt.ok()) return std::fprintf(stderr, "optimum: %s\n", opt.status().ToString().c_str()), 1;
  std::fprintf(stderr,
               "%d %s %d: integer program %d columns, %d rows (%d students in %d groups, %d "
               "section classes)\n",
               students, planted ? "planted" : "realistic", seed, opt->variables, opt->rows,
               opt->students_in_model, opt->groups, opt->section_classes);
  if (options.diff) {
    PrintLoadDiff(school, opt->solution, stderr);
    // The loader's own objective: how far its search is from the weighted optimum.
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
  // Which number the ratio is against: the proven optimum, or an upper bound on it (CBC stopped
  // at its gap or time limit); then the ratio is a lower bound, and CBC's best integer, when
  // better than the engine, caps it from above.
  const double ref = opt->reference();
  char ratio[64];
  if (opt->proven_optimal || ref <= 0) {
    std::snprintf(ratio, sizeof ratio, "%.4f", ref > 0 ? m.primary_requests_met / ref : 1.0);
  } else if (opt->best_integer > m.primary_requests_met) {  // bounds rounded outwards
    std::snprintf(ratio, sizeof ratio, "≥ %.4f (≤ %.4f)",
                  std::floor(1e4 * m.primary_requests_met / ref) / 1e4,
                  std::ceil(1e4 * m.primary_requests_met / opt->best_integer) / 1e4);
  } else {
    std::snprintf(ratio, sizeof ratio, "≥ %.4f", std::floor(1e4 * m.primary_requests_met / ref) / 1e4);
  }
  std::printf("| %d | %s | %d | %.2f | %.2f (%.2f) | %.2f (%.2f) | %.0f | %d (%zu) | %d | %d/%d = %.2f %% | %.2f %% | "
              "%.2f %% (%.2f %%) | %d | %zu | %.0f %s (best integer %.0f; LP %.1f%s; LP %.0f s + IP %.0f s) | %s |\n",
              students, planted ? "planted" : "realistic", seed, gen_s, build_s, build_cpu, load_s,
              load_cpu,
              engine_peak_mb, m.sections, m.unplaced_section_ids.size(), master->conflicted_students,
              m.primary_requests_met, m.primary_requests, m.primary_requests_met_pct,
              m.required_requests_met_pct, m.complete_schedules_pct, m.complete_schedules_strict_pct,
              m.alternates_used, report->violations.size(), ref, opt->kind(),
              opt->best_integer, opt->lp_relaxation, opt->lp_optimal ? "" : " not solved",
              opt->lp_seconds, opt->ip_seconds, ratio);
  std::fflush(stdout);
  if (!report->violations.empty()) {
    std::fprintf(stderr, "hard violation: %s\n", report->violations[0].message.c_str());
    return 3;
  }
  // The loader obeys every constraint of the integer program, so beating its optimum is a bug.
  return m.primary_requests_met > opt->reference() + 1e-6 ? 4 : 0;
}

int Main(int argc, char** argv) {
  BenchOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const bool has_value = i + 1 < argc;
    if (flag == "--smoke") {
      options.smoke = true;
      options.sizes = {60};
      options.seeds = {1};
      options.time_limit_ms = 300;
      options.cbc_seconds = 20;
    } else if (flag == "--cbc-gap" && has_value) {
      options.cbc_gap = std::atof(argv[++i]);
    } else if (flag == "--cbc-log" && has_value) {
      options.cbc_log = std::atoi(argv[++i]);
    } else if (flag == "--cbc-plain") {
      options.cbc_plain = true;
    } else if (flag == "--diff") {
      options.diff = true;
    } else if (flag == "--catalog-ap-counts") {
      options.catalog_ap_counts = true;
    } else if (flag == "--rotation-days" && has_value) {
      options.rotation_days = std::atoi(argv[++i]);
    } else if (flag == "--sizes" && has_value) {
      options.sizes = IntList(argv[++i]);
    } else if (flag == "--seeds" && has_value) {
      options.seeds = IntList(argv[++i]);
    } else if (flag == "--modes" && has_value) {
      const std::string modes = argv[++i];
      options.planted.clear();
      if (modes.find("realistic") != std::string::npos) options.planted.push_back(false);
      if (modes.find("planted") != std::string::npos) options.planted.push_back(true);
    } else if (flag == "--time-limit-ms" && has_value) {
      options.time_limit_ms = std::atoi(argv[++i]);
    } else if (flag == "--cbc-seconds" && has_value) {
      options.cbc_seconds = std::atof(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: engine_bench [--smoke] [--sizes 400,1200] [--seeds 1,2] "
                           "[--modes realistic,planted] [--time-limit-ms N] [--cbc-seconds N] "
                           "[--cbc-gap G] [--cbc-plain] [--diff] [--catalog-ap-counts] "
                           "[--rotation-days R]\n");
      return 2;
    }
  }
  std::printf("engine time limit %d ms per phase; CBC limit %.0f s, relative gap %g%s; %d-day "
              "rotation\n\n",
              options.time_limit_ms, options.cbc_seconds, options.cbc_gap,
              options.cbc_plain ? ", plain model" : "", options.rotation_days);
  std::printf("| students | mode | seed | generate s | build s (cpu) | load s (cpu) | engine peak MB | sections "
              "(unplaced) | conflicted students | primary met | required met | complete (strict) | "
              "alternates | hard violations | CBC reference | engine / reference |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  std::fflush(stdout);
  int failures = 0;
  for (int size : options.sizes) {
    for (bool planted : options.planted) {
      for (int seed : options.seeds) {
        const pid_t child = fork();
        if (child == 0) std::_Exit(RunOne(size, seed, planted, options));
        int status = 0;
        waitpid(child, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
          std::printf("| %d | %s | %d | FAILED (%s %d) |\n", size, planted ? "planted" : "realistic",
                      seed, WIFEXITED(status) ? "exit" : "signal",
                      WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
          ++failures;
        }
      }
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace secsched::bench

int main(int argc, char** argv) { return secsched::bench::Main(argc, argv); }
