// catalog_bench: the time of a CSV import of N courses (default 2,000; created, then
// every row changed) and of a mass set over those N courses (dry run and apply), through the real
// CourseService over in-process gRPC against throwaway PostgreSQL. Prints a Markdown table;
// asserts nothing about time (the target is < 1 s each).
//
//   catalog_bench [--courses 2000] [--smoke]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "services/catalog/tests/catalog_env.h"

namespace secsched::catalog::bench {
namespace {

using Clock = std::chrono::steady_clock;
using testing::As;
using testing::CatalogEnv;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

const char* kDepartments[] = {"Math", "English",         "Science", "Social Studies",
                              "Arts", "World Languages", "PE",      "CTE"};

// N courses as districts keep them; `max_students` differs between the two imports.
std::string CoursesCsv(int count, int max_students) {
  std::string csv =
      "number,display_name,department,credits,min_grade,max_grade,term_length,"
      "periods_per_meeting,sections_to_build,max_students,load_priority,room_type,required,"
      "active,tags\r\n";
  for (int i = 0; i < count; ++i) {
    const int grade = 9 + i % 4;
    csv += "C" + std::to_string(10000 + i) + ",\"Course " + std::to_string(i) + ", part A\"," +
           kDepartments[i % 8] + ",1," + std::to_string(grade) + ",12," +
           (i % 3 == 0 ? "SEMESTER" : "YEAR") + ",1,0," + std::to_string(max_students) + "," +
           std::to_string(1 + i % 10) + ",regular," + (i % 5 == 0 ? "true" : "false") + ",true," +
           (i % 7 == 0 ? "ap;core" : "core") + "\r\n";
  }
  return csv;
}

bool Check(const grpc::Status& status, const char* what) {
  if (status.ok()) return true;
  std::fprintf(stderr, "%s failed: %s\n", what, status.error_message().c_str());
  return false;
}

int Run(int count) {
  CatalogEnv env;
  v1::CreateCalendarRequest create;
  create.set_calendar_id("bench");
  create.mutable_calendar()->set_school_id("east-high");
  create.mutable_calendar()->set_school_year("2026-2027");
  create.mutable_calendar()->set_display_name("Bench");
  v1::Calendar calendar;
  if (!Check(env.catalog().CreateCalendar(As("admin", {"admin"}).get(), create, &calendar),
             "CreateCalendar")) {
    return 1;
  }

  std::printf("| operation (%d courses) | ms | result |\n|---|---:|---|\n", count);
  for (int max_students : {30, 28}) {
    v1::ImportCoursesRequest import;
    import.set_parent("calendars/bench");
    import.set_csv_data(CoursesCsv(count, max_students));
    v1::ImportCoursesResponse imported;
    const Clock::time_point start = Clock::now();
    if (!Check(env.courses().ImportCourses(As("admin", {"admin"}).get(), import, &imported),
               "ImportCourses")) {
      return 1;
    }
    std::printf("| CSV import (%s) | %.1f | %d created, %d updated |\n",
                max_students == 30 ? "create" : "update every row", Ms(Clock::now() - start),
                imported.created_count(), imported.updated_count());
  }
  for (bool dry_run : {true, false}) {
    v1::MassSetCoursesRequest mass;
    mass.set_parent("calendars/bench");
    mass.mutable_update_mask()->add_paths("load_priority");
    mass.mutable_update_mask()->add_paths("max_students");
    mass.mutable_values()->set_load_priority(3);
    mass.mutable_values()->set_max_students(25);
    mass.set_dry_run(dry_run);
    v1::MassSetCoursesResponse response;
    const Clock::time_point start = Clock::now();
    if (!Check(env.courses().MassSetCourses(As("admin", {"admin"}).get(), mass, &response),
               "MassSetCourses")) {
      return 1;
    }
    std::printf(
        "| mass set, all courses (%s) | %.1f | %d matched, %d changed, %d field changes |\n",
        dry_run ? "dry run" : "apply", Ms(Clock::now() - start), response.matched_count(),
        response.changed_count(), response.changes_size());
  }
  return 0;
}

}  // namespace
}  // namespace secsched::catalog::bench

int main(int argc, char** argv) {
  int courses = 2000;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--smoke") courses = 200;
    if (flag == "--courses" && i + 1 < argc) courses = std::atoi(argv[++i]);
  }
  return secsched::catalog::bench::Run(courses);
}
