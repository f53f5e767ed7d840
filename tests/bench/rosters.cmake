# roster_bench: walk-in add/drop and GetStudentSchedule with 100 concurrent clients on a
# 2,800-student trial. Included from tests/bench/CMakeLists.txt; prints numbers, asserts no
# timings.
add_executable(roster_bench ${CMAKE_CURRENT_LIST_DIR}/roster_bench.cc)
target_link_libraries(roster_bench PRIVATE secsched_sectioning_testenv)
secsched_warnings(roster_bench)

# Keeps the benchmark working: 200 students, 10 clients against the throwaway servers.
add_test(NAME roster_bench_smoke COMMAND roster_bench --smoke)
set_tests_properties(roster_bench_smoke PROPERTIES LABELS integration TIMEOUT 300)
