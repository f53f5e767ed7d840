// One engine_bench run: generate a school (either generator), build and load it with one engine
// seed, evaluate it, place its load in the integer program (feasibility), and optionally solve
// the program for the optimum. Runs in a forked child; the parent collects RunResult.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/sectioning/engine/mixed_generator/mixed_generator.h"

namespace secsched::bench {

enum class GeneratorKind { kStandard, kMixed };

struct BenchOptions {
  std::vector<GeneratorKind> generators = {GeneratorKind::kStandard, GeneratorKind::kMixed};
  std::vector<int> sizes = {400, 1200, 2800};
  std::vector<int> seeds = {1, 2};  // the school generator's seeds
  // The engine's RunOptions::seed, independent of the school's seed. 1 is secsched-engine's
  // default (--seed), so the engine seed 1 row is what the CLI gives on that school.
  std::vector<int> engine_seeds = {1, 2, 3};
  std::vector<bool> planted = {false, true};
  // The CLI's default time limit, so that engine seed 1 reproduces `secsched-engine solve`.
  int time_limit_ms = 10000;
  double cbc_seconds = 120;     // 0: no optimum, the feasibility check only
  bool cbc_every_seed = false;  // the optimum for every engine seed, not only the CLI default's
  double cbc_gap = 0;
  int cbc_log = 0;
  bool cbc_plain = false;
  bool smoke = false;
  bool diff = false;               // print where the engine's load differs from CBC's (stderr)
  bool catalog_ap_counts = false;  // standard generator: the old AP section counts
  int rotation_days = 1;           // standard generator: GeneratorOptions::rotation_days
  // Mixed generator: the calendar; absent, each school seed picks its own.
  std::optional<engine::mixed_generator::CalendarKind> calendar;
};

inline constexpr int kCliDefaultEngineSeed = 1;

struct SchoolSpec {
  GeneratorKind generator = GeneratorKind::kStandard;
  int students = 400;
  int seed = 1;
  bool planted = false;
};

// What a child reports to the parent (plain data: it crosses a pipe).
struct RunResult {
  bool ok = false;
  double primary_pct = 0;
  double complete_pct = 0;
  int hard_violations = 0;
  double cpu_seconds = 0;  // build + load
  double peak_mb = 0;
  bool feasible = false;  // the load is a point of the integer program
  int unplaced = 0;
};

std::string GeneratorName(GeneratorKind kind);
// "traditional" / "A/B days" for the standard generator, the mixed generator's calendar name.
std::string CalendarLabel(const SchoolSpec& spec, const BenchOptions& options);

// Prints one detail row to stdout; fills `result`. Returns the child's exit code: 0, or 3 on a
// hard violation, 4 if the loader beat the optimum, 5 if the load is not a point of the model.
int RunOne(const SchoolSpec& spec, int engine_seed, const BenchOptions& options, RunResult& result);

void PrintDetailHeader();

}  // namespace secsched::bench
