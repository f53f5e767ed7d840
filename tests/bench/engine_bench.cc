// engine_bench: the engine on generated schools — both generators (the standard one and the
// independent mixed one), realistic and planted, 400 / 1,200 / 2,800 students, each school solved
// with several engine seeds — checked by the evaluator and by placing each load in the loading
// integer program, with the CBC optimum on the engine's own master schedule as the proof of
// quality. Prints Markdown tables (docs/benchmarks.md); asserts nothing about time. Each run is a
// forked child, so its peak memory (ru_maxrss) is its own.
//
//   engine_bench [--smoke] [--generator[s] standard,mixed] [--sizes 400,1200,2800] [--seeds 1,2]
//                [--engine-seeds 1,2,3] [--modes realistic,planted] [--time-limit-ms 10000]
//                [--calendar traditional|block4x4|trimester] [--cbc-seconds 120]
//                [--cbc-every-seed] [--cbc-gap 0] [--cbc-log N] [--cbc-plain] [--diff]
//                [--catalog-ap-counts] [--rotation-days R]
//   --seeds: the school generator's seeds; --engine-seeds: the engine's RunOptions::seed (1 is
//     the CLI's default, so that row is what `secsched-engine solve` gives on the school)
//   --calendar: the mixed generator's calendar (default: each school seed picks one)
//   --cbc-seconds 0: no optimum (the feasibility check always runs); the optimum is solved for
//     the CLI default engine seed only, unless --cbc-every-seed
//   --cbc-gap G: stop CBC once its gap is at most G (relative); labelled "within gap"
//   --cbc-plain: one binary column per student and section class (no student groups)
//   --diff: also print where the engine's load differs from CBC's optimum (stderr)
//   --rotation-days R, --catalog-ap-counts: the standard generator's options (generator.h)
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "tests/bench/engine_bench_run.h"

namespace secsched::bench {
namespace {

std::vector<int> IntList(const std::string& text) {
  std::vector<int> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) out.push_back(std::atoi(item.c_str()));
  return out;
}

// Runs one (school, engine seed) in a child; the result comes back through a pipe.
RunResult RunInChild(const SchoolSpec& spec, int engine_seed, const BenchOptions& options,
                     int& exit_code) {
  int fds[2];
  RunResult result;
  if (pipe(fds) != 0) return exit_code = 1, result;
  std::fflush(stdout);
  const pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    RunResult mine;
    const int code = RunOne(spec, engine_seed, options, mine);
    if (write(fds[1], &mine, sizeof mine) != static_cast<ssize_t>(sizeof mine)) std::_Exit(1);
    std::_Exit(code);
  }
  close(fds[1]);
  const bool got = read(fds[0], &result, sizeof result) == static_cast<ssize_t>(sizeof result);
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (!got) result.ok = false;
  if (!result.ok)
    std::printf("| %s | %s | %d | %s | %d | %d | FAILED (exit %d) |\n",
                GeneratorName(spec.generator).c_str(), CalendarLabel(spec, options).c_str(),
                spec.students, spec.planted ? "planted" : "realistic", spec.seed, engine_seed,
                exit_code);
  return result;
}

// "min / median / max" of a metric over the engine seeds (the median of an even count is the
// lower middle value, so it is always one seed's figure).
template <typename Get>
std::string Spread(const std::vector<RunResult>& runs, Get get, const char* format) {
  std::vector<double> values;
  for (const RunResult& r : runs) values.push_back(get(r));
  std::sort(values.begin(), values.end());
  auto format_one = [&](double v) {
    char text[32];
    std::snprintf(text, sizeof text, format, v);
    return std::string(text);
  };
  return format_one(values.front()) + " / " + format_one(values[(values.size() - 1) / 2]) + " / " +
         format_one(values.back());
}

// Where the CLI default seed's figure stands among the seeds: min, median, max.
std::string RankOfDefault(const std::vector<RunResult>& runs, const std::vector<int>& seeds) {
  const auto it = std::find(seeds.begin(), seeds.end(), kCliDefaultEngineSeed);
  if (it == seeds.end()) return "not run";
  const RunResult& d = runs[it - seeds.begin()];
  std::vector<double> values;
  for (const RunResult& r : runs) values.push_back(r.primary_pct);
  std::sort(values.begin(), values.end());
  const char* rank = d.primary_pct == values[(values.size() - 1) / 2] ? "median"
                     : d.primary_pct == values.front()                ? "min"
                     : d.primary_pct == values.back()                 ? "max"
                                                                      : "between";
  char out[96];
  std::snprintf(out, sizeof out, "%.2f %% / %.2f %% (%s)", d.primary_pct, d.complete_pct, rank);
  return out;
}

struct Summary {
  SchoolSpec spec;
  std::vector<RunResult> runs;  // per engine seed, in --engine-seeds order (failed runs left out)
};

void PrintSummary(const std::vector<Summary>& summaries, const BenchOptions& options) {
  std::printf(
      "\nOver engine seeds (min / median / max; the CLI default is engine seed %d):\n\n"
      "| generator | calendar | students | mode | school seed | engine seeds | primary met %% | "
      "complete %% | hard violations | unplaced sections | build + load cpu s | peak MB | "
      "IP "
      "feasible | CLI default (seed %d): primary / complete |\n"
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
      kCliDefaultEngineSeed, kCliDefaultEngineSeed);
  for (const Summary& s : summaries) {
    if (s.runs.size() != options.engine_seeds.size()) {
      std::printf("| %s | %s | %d | %s | %d | FAILED runs |\n",
                  GeneratorName(s.spec.generator).c_str(), CalendarLabel(s.spec, options).c_str(),
                  s.spec.students, s.spec.planted ? "planted" : "realistic", s.spec.seed);
      continue;
    }
    int feasible = 0;
    for (const RunResult& r : s.runs) feasible += r.feasible ? 1 : 0;
    std::printf("| %s | %s | %d | %s | %d | %zu | %s | %s | %s | %s | %s | %s | %d/%zu | %s |\n",
                GeneratorName(s.spec.generator).c_str(), CalendarLabel(s.spec, options).c_str(),
                s.spec.students, s.spec.planted ? "planted" : "realistic", s.spec.seed,
                s.runs.size(),
                Spread(
                    s.runs, [](const RunResult& r) { return r.primary_pct; }, "%.2f")
                    .c_str(),
                Spread(
                    s.runs, [](const RunResult& r) { return r.complete_pct; }, "%.2f")
                    .c_str(),
                Spread(
                    s.runs, [](const RunResult& r) { return 1.0 * r.hard_violations; }, "%.0f")
                    .c_str(),
                Spread(
                    s.runs, [](const RunResult& r) { return 1.0 * r.unplaced; }, "%.0f")
                    .c_str(),
                Spread(
                    s.runs, [](const RunResult& r) { return r.cpu_seconds; }, "%.2f")
                    .c_str(),
                Spread(
                    s.runs, [](const RunResult& r) { return r.peak_mb; }, "%.0f")
                    .c_str(),
                feasible, s.runs.size(), RankOfDefault(s.runs, options.engine_seeds).c_str());
  }
}

bool ParseFlag(int argc, char** argv, int& i, BenchOptions& options) {
  const std::string flag = argv[i];
  const bool has_value = i + 1 < argc;
  if (flag == "--smoke") {
    options.smoke = true;
    options.sizes = {60};
    options.seeds = {1, 2};  // the mixed generator: a traditional and a 4x4 block school
    options.time_limit_ms = 300;
    options.cbc_seconds = 20;
  } else if (flag == "--cbc-plain" || flag == "--diff" || flag == "--catalog-ap-counts" ||
             flag == "--cbc-every-seed") {
    (flag == "--cbc-plain"        ? options.cbc_plain
     : flag == "--diff"           ? options.diff
     : flag == "--cbc-every-seed" ? options.cbc_every_seed
                                  : options.catalog_ap_counts) = true;
  } else if (!has_value) {
    return false;
  } else if (flag == "--generators" || flag == "--generator") {  // one or a list
    const std::string list = argv[++i];
    options.generators.clear();
    if (list.find("standard") != std::string::npos)
      options.generators.push_back(GeneratorKind::kStandard);
    if (list.find("mixed") != std::string::npos)
      options.generators.push_back(GeneratorKind::kMixed);
  } else if (flag == "--calendar") {
    options.calendar = engine::mixed_generator::ParseCalendarKind(argv[++i]);
    if (!options.calendar) return false;
  } else if (flag == "--modes") {
    const std::string modes = argv[++i];
    options.planted.clear();
    if (modes.find("realistic") != std::string::npos) options.planted.push_back(false);
    if (modes.find("planted") != std::string::npos) options.planted.push_back(true);
  } else if (flag == "--sizes" || flag == "--seeds" || flag == "--engine-seeds") {
    (flag == "--sizes"   ? options.sizes
     : flag == "--seeds" ? options.seeds
                         : options.engine_seeds) = IntList(argv[++i]);
  } else if (flag == "--cbc-gap" || flag == "--cbc-seconds") {
    (flag == "--cbc-gap" ? options.cbc_gap : options.cbc_seconds) = std::atof(argv[++i]);
  } else if (flag == "--cbc-log" || flag == "--rotation-days" || flag == "--time-limit-ms") {
    (flag == "--cbc-log"         ? options.cbc_log
     : flag == "--rotation-days" ? options.rotation_days
                                 : options.time_limit_ms) = std::atoi(argv[++i]);
  } else {
    return false;
  }
  return true;
}

int Main(int argc, char** argv) {
  BenchOptions options;
  for (int i = 1; i < argc; ++i) {
    if (ParseFlag(argc, argv, i, options)) continue;
    std::fprintf(stderr,
                 "usage: engine_bench [--smoke] [--generators standard,mixed] [--sizes 400,1200] "
                 "[--seeds 1,2] [--engine-seeds 1,2,3] [--modes realistic,planted] "
                 "[--calendar traditional|block4x4|trimester] [--time-limit-ms N] "
                 "[--cbc-seconds N] [--cbc-every-seed] [--cbc-gap G] [--cbc-plain] [--diff] "
                 "[--catalog-ap-counts] [--rotation-days R]\n");
    return 2;
  }
  if (options.engine_seeds.empty()) return std::fprintf(stderr, "no engine seeds\n"), 2;
  std::printf("engine time limit %d ms per phase; CBC limit %.0f s (%s), relative gap %g%s\n\n",
              options.time_limit_ms, options.cbc_seconds,
              options.cbc_every_seed ? "every engine seed" : "CLI default engine seed only",
              options.cbc_gap, options.cbc_plain ? ", plain model" : "");
  PrintDetailHeader();
  int failures = 0;
  std::vector<Summary> summaries;
  for (GeneratorKind generator : options.generators)
    for (int size : options.sizes)
      for (bool planted : options.planted)
        for (int seed : options.seeds) {
          Summary summary{SchoolSpec{generator, size, seed, planted}, {}};
          for (int engine_seed : options.engine_seeds) {
            int code = 0;
            const RunResult r = RunInChild(summary.spec, engine_seed, options, code);
            if (r.ok) summary.runs.push_back(r);
            failures += code != 0 ? 1 : 0;
          }
          summaries.push_back(std::move(summary));
        }
  PrintSummary(summaries, options);
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace secsched::bench

int main(int argc, char** argv) { return secsched::bench::Main(argc, argv); }
