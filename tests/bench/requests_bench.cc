// requests_bench: the conflict matrix for N students x R primary requests (default 3,000 x 8 over
// 80 courses), against real PostgreSQL: "load + compute" reads the calendar's students and
// requests through PgPlanningRepository::Snapshot and computes the matrix; "compute only" times
// ComputeConflictMatrix on a loaded snapshot. The tally and the verification report are timed
// the same way for reference. Prints a Markdown table; asserts nothing about time.
//
//   requests_bench [--students 3000] [--requests 8] [--courses 80] [--repeat 7] [--smoke]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "common/pg/request_ids.h"
#include "common/service/service_main.h"
#include "common/testing/servers.h"
#include "services/requests/domain/request_analysis.h"
#include "services/requests/domain/verification.h"
#include "services/requests/migrations/embedded_migrations.h"
#include "services/requests/storage/pg_planning_repository.h"
#include "services/requests/tests/planning_seed.h"

namespace secsched::requests::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr char kCalendar[] = "bench-2026";

struct Options {
  int students = 3000;
  int requests = 8;
  int courses = 80;
  int repeat = 7;
};

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    auto value = [&](int& out) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", argv[i]);
        std::exit(2);
      }
      out = std::atoi(argv[++i]);
    };
    if (!std::strcmp(argv[i], "--students"))
      value(o.students);
    else if (!std::strcmp(argv[i], "--requests"))
      value(o.requests);
    else if (!std::strcmp(argv[i], "--courses"))
      value(o.courses);
    else if (!std::strcmp(argv[i], "--repeat"))
      value(o.repeat);
    else if (!std::strcmp(argv[i], "--smoke"))
      o = {.students = 300, .requests = 8, .courses = 40, .repeat = 2};
    else {
      std::fprintf(stderr, "unknown flag %s\n", argv[i]);
      std::exit(2);
    }
  }
  return o;
}

[[noreturn]] void Fail(const absl::Status& status, const char* what) {
  std::fprintf(stderr, "%s: %s\n", what, status.ToString().c_str());
  std::exit(1);
}

// Courses c001.. with 30 seats; every tenth has one fixed section (singletons for the flags).
std::vector<catalog::CatalogCourse> Catalog(int n) {
  std::vector<catalog::CatalogCourse> out;
  for (int i = 1; i <= n; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "c%03d", i);
    catalog::CatalogCourse c;
    c.id = id;
    c.number = id;
    c.credits = 1;
    c.sections_to_build = i % 10 == 0 ? 1 : 0;
    out.push_back(c);
  }
  return out;
}

struct Timing {
  double min_ms = 0, median_ms = 0, max_ms = 0;
};

Timing Time(int repeat, const std::function<void()>& run) {
  std::vector<double> ms;
  for (int i = 0; i < repeat; ++i) {
    const Clock::time_point start = Clock::now();
    run();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return {ms.front(), ms[ms.size() / 2], ms.back()};
}

int Main(int argc, char** argv) {
  const Options options = Parse(argc, argv);
  const std::string schema = secsched::testing::UniqueName("requests_bench");
  auto pool = pg::PgPool::Create(
      {.url = UrlWithSearchPath(secsched::testing::FreshDatabaseUrl(), schema), .size = 2});
  if (!pool.ok()) Fail(pool.status(), "pool");
  std::vector<pg::MigrationFile> files = migrations::Migrations();
  files.push_back(pg::RequestIdsTableMigration(101));  // as services/requests/main.cc
  if (absl::Status s = MigrateSchema(**pool, schema, files); !s.ok()) {
    Fail(s, "migrate");
  }
  const std::vector<catalog::CatalogCourse> catalog = Catalog(options.courses);
  std::vector<std::string> ids;
  for (const catalog::CatalogCourse& c : catalog) ids.push_back(c.id);
  const Clock::time_point seed_start = Clock::now();
  if (absl::Status s =
          testing::SeedStudentsAndRequests(**pool, {.calendar_id = kCalendar,
                                                    .students = options.students,
                                                    .requests_per_student = options.requests,
                                                    .course_ids = ids});
      !s.ok()) {
    Fail(s, "seed");
  }
  const double seed_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - seed_start).count();

  PgPlanningRepository repository(**pool);
  const CoursesById courses = IndexCourses(catalog);
  ConflictMatrix matrix;
  const Timing load_and_compute = Time(options.repeat, [&] {
    absl::StatusOr<RequestSnapshot> snapshot = repository.Snapshot(kCalendar);
    if (!snapshot.ok()) Fail(snapshot.status(), "snapshot");
    matrix = ComputeConflictMatrix(*snapshot, courses);
  });
  absl::StatusOr<RequestSnapshot> snapshot = repository.Snapshot(kCalendar);
  if (!snapshot.ok()) Fail(snapshot.status(), "snapshot");
  const Timing load_only = Time(options.repeat, [&] {
    if (!repository.Snapshot(kCalendar).ok()) std::exit(1);
  });
  const Timing compute_only =
      Time(options.repeat, [&] { matrix = ComputeConflictMatrix(*snapshot, courses); });
  const Timing csv = Time(options.repeat, [&] { (void)ConflictMatrixCsv(matrix); });
  const Timing tally = Time(options.repeat, [&] { (void)ComputeTally(*snapshot, courses, {}); });
  VerificationContext context{.courses = courses};
  const Timing verify = Time(options.repeat, [&] { (void)Verify(*snapshot, context); });

  int singleton_pairs = 0;
  for (const CoursePairCount& p : matrix.pairs) singleton_pairs += matrix.SingletonPair(p) ? 1 : 0;
  std::printf(
      "# requests_bench: %d students x %d requests over %d courses (%zu request rows; "
      "seeded in %.0f ms), %d runs each\n\n",
      options.students, options.requests, options.courses, snapshot->requests.size(), seed_ms,
      options.repeat);
  std::printf(
      "conflict matrix: %zu courses, %zu pairs with students, %d singleton pairs, top pair "
      "%d students\n\n",
      matrix.courses.size(), matrix.pairs.size(), singleton_pairs,
      matrix.pairs.empty() ? 0 : matrix.pairs.front().students);
  std::printf("| step | min ms | median ms | max ms |\n|---|---:|---:|---:|\n");
  auto row = [](const char* name, const Timing& t) {
    std::printf("| %s | %.1f | %.1f | %.1f |\n", name, t.min_ms, t.median_ms, t.max_ms);
  };
  row("conflict matrix: load (PostgreSQL) + compute", load_and_compute);
  row("load only (Snapshot)", load_only);
  row("conflict matrix: compute only", compute_only);
  row("conflict matrix: CSV export", csv);
  row("tally: compute only", tally);
  row("verification: compute only", verify);
  std::printf("\nload + compute median %s 1 s\n",
              load_and_compute.median_ms < 1000 ? "is under" : "is NOT under");
  return 0;
}

}  // namespace
}  // namespace secsched::requests::bench

int main(int argc, char** argv) { return secsched::requests::bench::Main(argc, argv); }
