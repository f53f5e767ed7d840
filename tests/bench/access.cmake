# access_bench: CheckAccess latency from a warm cache and sweep time for 20,000 staff.
# Included from tests/bench/CMakeLists.txt; prints numbers, asserts no timings.
add_executable(access_bench ${CMAKE_CURRENT_LIST_DIR}/access_bench.cc)
target_link_libraries(access_bench PRIVATE secsched_access_testenv)
secsched_warnings(access_bench)

# Keeps the benchmark working: a few hundred staff against the throwaway servers.
add_test(NAME access_bench_smoke COMMAND access_bench --staff 200 --checks 400)
set_tests_properties(access_bench_smoke PROPERTIES LABELS integration TIMEOUT 300)
