// access_bench: CheckAccess latency from a warm cache (the common/access client's Redis path, and
// the gRPC CheckAccess call) and sweep time for N staff (default 20,000), on the real access
// service code against throwaway PostgreSQL and Redis. Prints a Markdown table; asserts nothing
// about time.
//
//   access_bench [--staff 20000] [--checks 20000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "common/access/access_client.h"
#include "services/access/tests/access_fixture.h"

namespace secsched::access::bench {
namespace {

using Clock = std::chrono::steady_clock;
using testing::AccessEnv;

struct Options {
  int staff = 20000;
  int checks = 20000;
};

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// 20 staff per school; one principal per school approves everyone there. Inserted in bulk with
// SQL (the HR feed path is measured by the integration tests, not here).
void Populate(AccessEnv& env, int staff) {
  auto lease = env.pool().Acquire();
  if (!lease.ok()) std::exit(1);
  pqxx::work tx(**lease);
  const std::string n = std::to_string(staff);
  tx.exec(
      "INSERT INTO staff (staff_id, display_name, email, employment_state) "
      "SELECT 's' || i, 'Staff ' || i, 's' || i || '@d.example', 'ACTIVE' "
      "FROM generate_series(1, " +
      n + ") i");
  tx.exec(
      "INSERT INTO assignments (staff_id, location_id, role, start_date) "
      "SELECT 's' || i, 'school-' || (i % (" +
      n +
      " / 20 + 1)), "
      "CASE WHEN i % 2 = 0 THEN 'SCHOOL_COUNSELOR' ELSE 'OFFICE_PROFESSIONAL' END, "
      "'2024-08-01' FROM generate_series(1, " +
      n + ") i");
  tx.exec(
      "INSERT INTO completions (staff_id, certification, completed_at, completed_on, source) "
      "SELECT 's' || i, c.cert, c.at, c.at::date, 'bench' FROM generate_series(1, " +
      n +
      ") i, (VALUES ('WALK_IN_SCHEDULING', timestamptz '2025-09-01 10:00Z'), "
      "('SECONDARY_SCHEDULING', timestamptz '2025-09-02 10:00Z')) c(cert, at)");
  tx.exec(
      "INSERT INTO approvals (approval_id, staff_id, location_id, approver_id, approver_role, "
      "approved_at, approved_on, state) SELECT 'approval-' || i, 's' || i, "
      "'school-' || (i % (" +
      n +
      " / 20 + 1)), 'principal', 'PRINCIPAL', "
      "timestamptz '2025-10-01 10:00Z', '2025-10-01', 'ACTIVE' FROM generate_series(1, " +
      n + ") i");
  tx.commit();
}

std::string School(int i, int staff) { return "school-" + std::to_string(i % (staff / 20 + 1)); }

void PrintPercentiles(const char* what, std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  auto at = [&](double p) { return samples[static_cast<size_t>(p * (samples.size() - 1))]; };
  std::printf("| %s | %zu | %.3f | %.3f | %.3f |\n", what, samples.size(), at(0.50), at(0.99),
              samples.back());
}

int Run(const Options& options) {
  AccessEnv env({.run_worker = false,
                 .drop_evaluations = true,
                 .start_day = std::chrono::year(2026) / std::chrono::March / 2,
                 .pool_size = 4});
  Populate(env, options.staff);

  std::printf(
      "## access_bench (%d staff)\n\n| sweep | staff examined | re-evaluated | granted | "
      "expired | time (ms) |\n|---|---|---|---|---|---|\n",
      options.staff);
  auto sweep = [&](const char* what) {
    const auto start = Clock::now();
    absl::StatusOr<SweepReport> report = env.control().Sweep("system:bench");
    const double ms = Ms(Clock::now() - start);
    if (!report.ok()) {
      std::fprintf(stderr, "sweep failed: %s\n", report.status().ToString().c_str());
      std::exit(1);
    }
    std::printf("| %s | %d | %d | %d | %d | %.0f |\n", what, report->staff_examined,
                report->staff_reevaluated, report->granted, report->expired, ms);
  };
  sweep("first (grants everyone)");
  sweep("steady state (nothing to do)");

  // Latency: warm the cache for every check target, then time the checks.
  AccessClient client(env.channel(), MintingTokenSource(TestJwtConfig(), "bench"), &env.redis(),
                      env.cache_options());
  const int targets = std::min(options.staff, 1000);
  for (int i = 1; i <= targets; ++i)
    (void)client.Check("s" + std::to_string(i), School(i, options.staff));
  std::vector<double> cached, rpc;
  for (int k = 0; k < options.checks; ++k) {
    const int i = 1 + k % targets;
    const auto start = Clock::now();
    absl::StatusOr<AccessDecision> d =
        client.Check("s" + std::to_string(i), School(i, options.staff));
    cached.push_back(Ms(Clock::now() - start));
    if (!d.ok() || !d->allowed) {
      std::fprintf(stderr, "unexpected answer for s%d\n", i);
      return 1;
    }
  }
  auto stub = v1::AccessService::NewStub(env.channel());
  const std::string token = MintTestToken("service:bench", {"reader"});
  for (int k = 0; k < options.checks / 4; ++k) {
    const int i = 1 + k % targets;
    v1::CheckAccessRequest request;
    request.set_staff_id("s" + std::to_string(i));
    request.set_location_id(School(i, options.staff));
    v1::CheckAccessResponse response;
    auto context = AccessEnv::WithToken(token);
    const auto start = Clock::now();
    const grpc::Status status = stub->CheckAccess(context.get(), request, &response);
    rpc.push_back(Ms(Clock::now() - start));
    if (!status.ok()) return 1;
  }
  // The server's own work (authorization + cache lookup), without the gRPC transport.
  std::vector<double> server;
  const auth::Caller service = auth::MakeCaller("service:bench", "reader");
  for (int k = 0; k < options.checks; ++k) {
    const int i = 1 + k % targets;
    const auto start = Clock::now();
    absl::StatusOr<CachedDecision> d =
        env.control().CheckAccess(service, "s" + std::to_string(i), School(i, options.staff));
    server.push_back(Ms(Clock::now() - start));
    if (!d.ok()) return 1;
  }
  std::printf(
      "\n| CheckAccess, warm cache | calls | p50 (ms) | p99 (ms) | max (ms) |\n"
      "|---|---|---|---|---|\n");
  PrintPercentiles("AccessClient::Check (Redis MGET, what services call)", cached);
  PrintPercentiles("AccessControl::CheckAccess (server side, no transport)", server);
  PrintPercentiles("gRPC CheckAccess (server answers from Redis)", rpc);

  env.SetDay(std::chrono::year(2026) / std::chrono::July / 1, 0);
  std::printf(
      "\n| sweep | staff examined | re-evaluated | granted | expired | time (ms) |\n"
      "|---|---|---|---|---|---|\n");
  sweep("cycle end (expires everyone at once)");
  sweep("cycle end again (idempotent)");
  return 0;
}

}  // namespace
}  // namespace secsched::access::bench

int main(int argc, char** argv) {
  secsched::access::bench::Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--staff") options.staff = std::atoi(argv[i + 1]);
    if (flag == "--checks") options.checks = std::atoi(argv[i + 1]);
  }
  if (options.staff < 20 || options.checks < 100) {
    std::fprintf(stderr, "usage: access_bench [--staff N>=20] [--checks N>=100]\n");
    return 2;
  }
  return secsched::access::bench::Run(options);
}
