# requests_bench: the conflict matrix (and tally, verification) for 3,000 students x 8
# requests, loaded from real PostgreSQL and computed. Included from tests/bench/CMakeLists.txt;
# prints numbers, asserts no timings.
add_executable(requests_bench ${CMAKE_CURRENT_LIST_DIR}/requests_bench.cc)
target_link_libraries(requests_bench PRIVATE secsched_requests_storage
  secsched_requests_planning_seed secsched_service secsched_testing)
secsched_warnings(requests_bench)

# Keeps the benchmark working: 300 students against the throwaway PostgreSQL.
add_test(NAME requests_bench_smoke COMMAND requests_bench --smoke)
set_tests_properties(requests_bench_smoke PROPERTIES LABELS integration TIMEOUT 300)
