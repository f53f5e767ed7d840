# Teachers, rooms and ad hoc reports (issue 5, helper "res"). Included from CMakeLists.txt after
# the catalog's libraries and test binaries; adds its sources to them so the service keeps one
# domain, one storage and one api library, one unit and one integration test binary.
target_sources(secsched_catalog_domain PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/domain/resources.cc
  ${CMAKE_CURRENT_LIST_DIR}/domain/resources_csv.cc
  ${CMAKE_CURRENT_LIST_DIR}/domain/resource_service.cc
  ${CMAKE_CURRENT_LIST_DIR}/domain/report.cc
  ${CMAKE_CURRENT_LIST_DIR}/domain/report_service.cc)
target_link_libraries(secsched_catalog_domain PUBLIC secsched_csv)
target_sources(secsched_catalog_storage PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/storage/pg_text_arrays.cc
  ${CMAKE_CURRENT_LIST_DIR}/storage/pg_resource_repository.cc
  ${CMAKE_CURRENT_LIST_DIR}/storage/pg_resource_repository_rooms.cc
  ${CMAKE_CURRENT_LIST_DIR}/storage/pg_report_repository.cc)
target_link_libraries(secsched_catalog_storage PUBLIC nlohmann_json::nlohmann_json)
target_sources(secsched_catalog_api PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/api/resource_convert.cc
  ${CMAKE_CURRENT_LIST_DIR}/api/resource_handler_teachers.cc
  ${CMAKE_CURRENT_LIST_DIR}/api/resource_handler_rooms.cc
  ${CMAKE_CURRENT_LIST_DIR}/api/report_handler.cc)

target_sources(catalog_unit_test PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/tests/resources_rules_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/tests/report_filter_test.cc)
target_sources(catalog_integration_test PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/tests/resources_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/tests/reports_test.cc
  ${CMAKE_CURRENT_LIST_DIR}/tests/resources_authorization_test.cc)
