# Helpers that give every project target the same warnings and test wiring.

# Project code is warning-clean; generated and third-party code is not held to it.
# -Wmissing-field-initializers is off because g++ 12 raises it on C++20 designated initializers
# that rely on member defaults ({.flag = "x", .env = "Y"}), which is exactly how we build options.
function(secsched_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-missing-field-initializers)
endfunction()

# A static library of project code: secsched_library(name SOURCES ... DEPS ...)
function(secsched_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  secsched_warnings(${name})
endfunction()

# A GoogleTest binary registered as one CTest test carrying one label (unit, api, integration,
# e2e, bench). One process per binary, so a binary's throwaway servers and migrations are set up
# once and shared by all its tests.
function(secsched_test name)
  cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;DEPS" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest secsched_test_main)
  secsched_warnings(${name})
  add_test(NAME ${name} COMMAND ${name} --gtest_color=no)
  set_tests_properties(${name} PROPERTIES LABELS ${ARG_LABEL} TIMEOUT ${ARG_TIMEOUT})
endfunction()
