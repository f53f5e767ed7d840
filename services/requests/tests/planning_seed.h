// Seeds a calendar's students and course requests straight into PostgreSQL, for the planning
// integration tests and tests/bench/requests_bench.cc (the import RPCs are tested elsewhere; here
// the point is a realistic volume of rows fast).
//
// Student i (1-based) is "st<i, 5 digits>", grade 9 + i % 4, team "academy" when i % 5 == 0,
// inactive when i % 100 == 7. Each picks `requests_per_student` distinct primaries from
// `course_ids` with a fixed-seed generator (same options → same school).
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/pg/pool.h"

namespace secsched::requests::testing {

struct SeedOptions {
  std::string calendar_id;
  int students = 1200;
  int requests_per_student = 6;
  std::vector<std::string> course_ids;
  unsigned seed = 20260901;
};

absl::Status SeedStudentsAndRequests(pg::PgPool& pool, const SeedOptions& options);

}  // namespace secsched::requests::testing
