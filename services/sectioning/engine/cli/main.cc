// secsched-engine: the scheduling engine on JSON files (docs/formats/school-json.md).
//
//   secsched-engine generate --out FILE [--students N] [--seed N] [--planted]
//                            [--solution-out FILE] [--generator standard|mixed]
//                            standard: [--level high|middle] [--rotation-days N]
//                            mixed: [--calendar traditional|block4x4|trimester]
//   secsched-engine build|load|solve|evaluate|explain --in FILE [--out FILE] [--seed N]
//                            [--time-limit-ms N] [--reload]
//
// build = build sections + master schedule; load = load students into the placed sections;
// solve = build + load. Every command but generate writes the school plus a "report" (metrics,
// violations, unfilled requests with reasons) to --out, prints progress to stderr and a short
// summary to stdout. Exit codes: 0 ok, 2 bad input or usage (the message names the id), 1 other.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/version/build_info.h"
#include "services/sectioning/engine/engine.h"
#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/generator/generator.h"
#include "services/sectioning/engine/io/school_json.h"
#include "services/sectioning/engine/mixed_generator/mixed_generator.h"

namespace secsched::engine::cli {
namespace {

constexpr int kExitOk = 0, kExitOther = 1, kExitBadInput = 2;

struct Args {
  std::string command;
  std::map<std::string, std::string> flags;  // "--seed" -> "7"; switches map to "1"
  std::string Get(const std::string& name, const std::string& fallback = "") const {
    auto it = flags.find(name);
    return it == flags.end() ? fallback : it->second;
  }
};

absl::StatusOr<Args> ParseArgs(int argc, char** argv) {
  if (argc < 2) return absl::InvalidArgumentError("missing command");
  Args args;
  args.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--planted" || flag == "--reload") {
      args.flags[flag] = "1";
    } else if (flag.rfind("--", 0) == 0 && i + 1 < argc) {
      args.flags[flag] = argv[++i];
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unexpected argument '", flag, "'"));
    }
  }
  return args;
}

absl::StatusOr<long long> IntFlag(const Args& args, const std::string& name, long long fallback) {
  const std::string text = args.Get(name);
  if (text.empty()) return fallback;
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (*end != '\0' || value < 0)
    return absl::InvalidArgumentError(
        absl::StrCat(name, " expects a non-negative integer, got '", text, "'"));
  return value;
}

// Progress on stderr, one line per phase change or 10 % step, so logs stay short.
class ProgressPrinter {
 public:
  void operator()(const Progress& p) {
    const int step = static_cast<int>(p.percent / 10);
    if (p.phase == phase_ && step == step_) return;
    phase_ = p.phase;
    step_ = step;
    std::fprintf(stderr, "[%s] %5.1f %%  score %.2f\n", p.phase.c_str(), p.percent, p.score);
  }

 private:
  std::string phase_;
  int step_ = -1;
};

absl::StatusOr<RunOptions> MakeRunOptions(const Args& args) {
  RunOptions run;
  absl::StatusOr<long long> seed = IntFlag(args, "--seed", 1);
  if (!seed.ok()) return seed.status();
  absl::StatusOr<long long> limit = IntFlag(args, "--time-limit-ms", 10000);
  if (!limit.ok()) return limit.status();
  run.seed = static_cast<std::uint64_t>(*seed);
  run.time_limit = std::chrono::milliseconds(*limit);
  run.on_progress = ProgressPrinter();
  return run;
}

// BuildMasterSchedule builds the sections itself (BuildSections first), so that it knows which
// are spare and may drop one it cannot place.
absl::Status Build(School& school, const RunOptions& run) {
  absl::StatusOr<MasterScheduleResult> master = BuildMasterSchedule(school, run);
  if (!master.ok()) return master.status();
  for (const std::string& w : master->warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  school.sections = std::move(master->sections);
  std::fprintf(stderr, "master schedule: %d conflicted students, %zu unplaced sections%s\n",
               master->conflicted_students, master->unplaced_section_ids.size(),
               master->cancelled ? " (cancelled)" : "");
  school.enrollments.clear();  // sections moved: old enrollments no longer mean anything
  return absl::OkStatus();
}

absl::Status Load(School& school, const RunOptions& run, bool reload) {
  LoadOptions options;
  options.run = run;
  options.reload = reload;
  absl::StatusOr<LoadResult> loaded = LoadStudents(school, options);
  if (!loaded.ok()) return loaded.status();
  school.enrollments = std::move(loaded->enrollments);
  if (reload) std::fprintf(stderr, "reload: %d students moved\n", loaded->students_moved);
  return absl::OkStatus();
}

void PrintSummary(const io::SchoolReport& report) {
  if (report.evaluation) {
    const Metrics& m = report.evaluation->metrics;
    std::printf("students %d  sections %d (unplaced %zu)  enrollments %d\n", m.students, m.sections,
                m.unplaced_section_ids.size(), m.enrollments);
    std::printf("primary requests met %d/%d (%.2f %%)  required met %.2f %%  alternates used %d\n",
                m.primary_requests_met, m.primary_requests, m.primary_requests_met_pct,
                m.required_requests_met_pct, m.alternates_used);
    std::printf("complete schedules %.2f %% (strict %.2f %%)  worst section spread %d (%s)\n",
                m.complete_schedules_pct, m.complete_schedules_strict_pct, m.worst_section_spread,
                m.worst_spread_course_id.c_str());
    std::printf("hard violations %zu\n", report.evaluation->violations.size());
    for (const auto& [name, n] : report.evaluation->violation_counts)
      std::printf("  %-32s %d\n", name.c_str(), n);
  }
  if (report.unfilled) {
    std::map<std::string, int> by_reason;
    for (const UnfilledRequest& u : *report.unfilled) ++by_reason[u.reason_code];
    std::printf("unfilled requests %zu\n", report.unfilled->size());
    for (const auto& [code, n] : by_reason) std::printf("  %-32s %d\n", code.c_str(), n);
  }
}

absl::Status WriteGenerated(const Args& args, const School& school,
                            const std::optional<School>& solution) {
  if (absl::Status s = io::WriteSchoolFile(args.Get("--out"), school); !s.ok()) return s;
  if (solution && !args.Get("--solution-out").empty())
    if (absl::Status s = io::WriteSchoolFile(args.Get("--solution-out"), *solution); !s.ok())
      return s;
  std::printf("wrote %s (%s): %zu students, %zu courses, %zu teachers, %zu rooms, %zu sections\n",
              args.Get("--out").c_str(), school.id.c_str(), school.students.size(),
              school.courses.size(), school.teachers.size(), school.rooms.size(),
              school.sections.size());
  return absl::OkStatus();
}

// The second generator (mixed_generator.h): its calendar by --calendar, else by the seed.
absl::Status GenerateMixed(const Args& args, int students, std::uint64_t seed) {
  for (const char* flag : {"--level", "--rotation-days"})
    if (args.flags.contains(flag))
      return absl::InvalidArgumentError(absl::StrCat(flag, " is for --generator standard"));
  mixed_generator::MixedGeneratorOptions options;
  options.students = students;
  options.seed = seed;
  options.planted = args.flags.contains("--planted");
  if (const std::string calendar = args.Get("--calendar"); !calendar.empty()) {
    options.calendar = mixed_generator::ParseCalendarKind(calendar);
    if (!options.calendar)
      return absl::InvalidArgumentError(absl::StrCat(
          "--calendar expects traditional, block4x4 or trimester, got '", calendar, "'"));
  }
  mixed_generator::GeneratedSchool g = mixed_generator::GenerateMixedSchool(options);
  return WriteGenerated(args, g.school, g.planted_solution);
}

absl::Status Generate(const Args& args) {
  if (args.Get("--out").empty()) return absl::InvalidArgumentError("generate needs --out FILE");
  absl::StatusOr<long long> students = IntFlag(args, "--students", 400);
  if (!students.ok()) return students.status();
  absl::StatusOr<long long> seed = IntFlag(args, "--seed", 1);
  if (!seed.ok()) return seed.status();
  const std::string which = args.Get("--generator", "standard");
  if (which == "mixed")
    return GenerateMixed(args, static_cast<int>(*students), static_cast<std::uint64_t>(*seed));
  if (which != "standard")
    return absl::InvalidArgumentError(
        absl::StrCat("--generator expects standard or mixed, got '", which, "'"));
  if (args.flags.contains("--calendar"))
    return absl::InvalidArgumentError("--calendar is for --generator mixed");
  generator::GeneratorOptions options;
  options.students = static_cast<int>(*students);
  options.seed = static_cast<std::uint64_t>(*seed);
  options.planted = args.flags.contains("--planted");
  // 2 = A/B days: PE and electives meet every other day (generator.h). Two semesters x N days
  // must fit the 16 (term, day) slots of a mask.
  absl::StatusOr<long long> rotation = IntFlag(args, "--rotation-days", 1);
  if (!rotation.ok()) return rotation.status();
  if (*rotation < 1 || *rotation > 8)
    return absl::InvalidArgumentError(
        absl::StrCat("--rotation-days expects 1..8, got ", *rotation));
  options.rotation_days = static_cast<int>(*rotation);
  const std::string level = args.Get("--level", "high");
  if (level != "high" && level != "middle")
    return absl::InvalidArgumentError(
        absl::StrCat("--level expects high or middle, got '", level, "'"));
  options.level = level == "high" ? generator::SchoolLevel::kHigh : generator::SchoolLevel::kMiddle;
  generator::GeneratedSchool g = generator::GenerateSchool(options);
  return WriteGenerated(args, g.school, g.planted_solution);
}

absl::Status RunSchoolCommand(const Args& args) {
  if (args.Get("--in").empty())
    return absl::InvalidArgumentError(absl::StrCat(args.command, " needs --in FILE"));
  absl::StatusOr<School> school = io::ReadSchoolFile(args.Get("--in"));
  if (!school.ok()) return school.status();
  absl::StatusOr<RunOptions> run = MakeRunOptions(args);
  if (!run.ok()) return run.status();
  const auto start = std::chrono::steady_clock::now();
  const std::string& cmd = args.command;
  if (cmd == "build" || cmd == "solve") {
    if (absl::Status s = Build(*school, *run); !s.ok()) return s;
  }
  if (cmd == "load" || cmd == "solve") {
    if (absl::Status s = Load(*school, *run, args.flags.contains("--reload")); !s.ok()) return s;
  }
  io::SchoolReport report;
  absl::StatusOr<EvaluationReport> evaluation = Evaluate(*school);
  if (!evaluation.ok()) return evaluation.status();
  report.evaluation = *std::move(evaluation);
  absl::StatusOr<std::vector<UnfilledRequest>> unfilled = Explain(*school);
  if (!unfilled.ok()) return unfilled.status();
  report.unfilled = *std::move(unfilled);
  if (cmd == "explain")
    for (const UnfilledRequest& u : *report.unfilled)
      std::printf("%s %s %s: %s\n", u.student_id.c_str(), u.course_id.c_str(),
                  u.reason_code.c_str(), u.reason.c_str());
  PrintSummary(report);
  std::printf("elapsed %.2f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  if (!args.Get("--out").empty()) return io::WriteSchoolFile(args.Get("--out"), *school, &report);
  return absl::OkStatus();
}

int Main(int argc, char** argv) {
  if (AsksForVersion(std::vector<std::string>(argv + 1, argv + argc))) {
    std::printf("%s\n", VersionLine("secsched-engine").c_str());
    return kExitOk;
  }
  absl::StatusOr<Args> args = ParseArgs(argc, argv);
  absl::Status status = args.status();
  if (args.ok()) {
    if (args->command == "generate") {
      status = Generate(*args);
    } else if (args->command == "build" || args->command == "load" || args->command == "solve" ||
               args->command == "evaluate" || args->command == "explain") {
      status = RunSchoolCommand(*args);
    } else {
      status = absl::InvalidArgumentError(absl::StrCat("unknown command '", args->command, "'"));
    }
  }
  if (status.ok()) return kExitOk;
  std::fprintf(stderr, "secsched-engine: %s\n", std::string(status.message()).c_str());
  if (status.code() == absl::StatusCode::kInvalidArgument) {
    std::fprintf(stderr,
                 "usage: secsched-engine generate|build|load|solve|evaluate|explain "
                 "[--in FILE] [--out FILE] [--seed N] [--time-limit-ms N] ...\n"
                 "       secsched-engine --version\n");
    return kExitBadInput;
  }
  // A missing input file is bad input too: the operator named it.
  return status.code() == absl::StatusCode::kNotFound ? kExitBadInput : kExitOther;
}

}  // namespace
}  // namespace secsched::engine::cli

int main(int argc, char** argv) { return secsched::engine::cli::Main(argc, argv); }
