# catalog_bench: CSV import of 2,000 courses and a mass set over them, against real
# PostgreSQL. Included from tests/bench/CMakeLists.txt; prints numbers, asserts no timings.
add_executable(catalog_bench ${CMAKE_CURRENT_LIST_DIR}/catalog_bench.cc)
target_link_libraries(catalog_bench PRIVATE secsched_catalog_testenv)
secsched_warnings(catalog_bench)

# Keeps the benchmark working: 200 courses against the throwaway servers.
add_test(NAME catalog_bench_smoke COMMAND catalog_bench --smoke)
set_tests_properties(catalog_bench_smoke PROPERTIES LABELS integration TIMEOUT 300)
