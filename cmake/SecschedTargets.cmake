# Helpers that give every project target the same warnings and test wiring.

# Project code is warning-clean; generated and third-party code is not held to it.
# -Wmissing-field-initializers is off because g++ 12 raises it on C++20 designated initializers
# that rely on member defaults ({.flag = "x", .env = "Y"}), which is exactly how we build options.
# The fuzzing build uses clang, whose warnings differ from g++'s: there they stay warnings.
function(secsched_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-missing-field-initializers)
  if(NOT SECSCHED_FUZZ)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
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

# Fails the configure step when a .h or .cc file under `dir` has an #include matching `regex`
# (an extended regex on the include's path, which starts after the opening < or "); `rule` says
# what the folder may depend on. Every file checked is a configure dependency, so an edit that
# adds such an include fails the next build, not only a fresh configure.
function(secsched_forbid_includes dir regex rule)
  file(GLOB_RECURSE files CONFIGURE_DEPENDS ${dir}/*.h ${dir}/*.cc)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${files})
  foreach(f ${files})
    file(STRINGS ${f} bad_includes REGEX "#include *[<\"](${regex})")
    if(bad_includes)
      message(FATAL_ERROR "${f} includes service plumbing (${bad_includes}); ${rule}")
    endif()
  endforeach()
endfunction()

# The layer rule of services/<svc>/domain: domain code is plain C++ (standard library, Abseil,
# the pure parts of common/), so it may not include gRPC, protobuf (generated *.pb.h included),
# libpqxx or hiredis, nor the common/ headers that wrap them.
function(secsched_guard_domain_includes dir)
  secsched_forbid_includes(${dir}
    "(grpc|grpcpp|google/protobuf|google/rpc|pqxx|hiredis|sw/redis)[/.\">]|[^\">]*\\.pb\\.h|common/(grpc|pg|redis)/|common/status/grpc_status\\.h|common/api/timestamps\\.h"
    "domain code may not depend on gRPC, protobuf, libpqxx or hiredis (docs/architecture.md).")
endfunction()
