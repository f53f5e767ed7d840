# Courses (issue 5, helper "courses"): course masters, school courses, mass set, CSV. Included
# from CMakeLists.txt after the catalog's libraries; adds its sources to them so the service
# keeps one domain, one storage and one api library.
target_sources(secsched_catalog_domain PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/domain/course.cc
  ${CMAKE_CURRENT_LIST_DIR}/domain/courses.cc
  ${CMAKE_CURRENT_LIST_DIR}/domain/course_mass_set.cc
  ${CMAKE_CURRENT_LIST_DIR}/domain/course_import.cc
  ${CMAKE_CURRENT_LIST_DIR}/domain/course_csv.cc
  ${CMAKE_CURRENT_LIST_DIR}/domain/course_masters.cc)
target_link_libraries(secsched_catalog_domain PUBLIC secsched_csv secsched_catalog_reader)
target_sources(secsched_catalog_storage PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/storage/pg_course_repository.cc
  ${CMAKE_CURRENT_LIST_DIR}/storage/pg_course_rows.cc)
target_link_libraries(secsched_catalog_storage PUBLIC nlohmann_json::nlohmann_json)
target_sources(secsched_catalog_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/api/course_convert.cc
  ${CMAKE_CURRENT_LIST_DIR}/api/course_handler.cc
  ${CMAKE_CURRENT_LIST_DIR}/api/course_master_handler.cc)

# Tests: domain rules in the catalog's unit binary, gRPC + PostgreSQL in its integration binary.
target_sources(catalog_unit_test PRIVATE ${CMAKE_CURRENT_LIST_DIR}/tests/course_rules_test.cc)
target_sources(catalog_integration_test PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/tests/course_catalog_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/tests/course_bulk_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/tests/course_authorization_test.cc)
