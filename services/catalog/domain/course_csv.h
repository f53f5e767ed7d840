// Courses as CSV (docs/formats/courses-csv.md): one row per course, columns named after the
// course fields. Parsing here is cell-level only (types and header); whether a row makes a valid
// course is decided by the import, which knows the existing course.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/csv/csv.h"
#include "services/catalog/domain/course.h"

namespace secsched::catalog {

struct CourseCsvRow {
  int line = 0;
  CourseValues values;               // present cells; defaults elsewhere (empty cell = default)
  std::vector<CourseField> present;  // the fields whose column the file has
};

// INVALID_ARGUMENT for unparseable text or a bad header (missing "number", unknown or repeated
// columns). Cell problems (bad numbers, booleans, term lengths) go to `errors` by line and
// column; such rows are still returned.
absl::StatusOr<std::vector<CourseCsvRow>> ParseCoursesCsv(std::string_view text,
                                                          csv::RowErrors& errors);

// Header plus one row per course, every column, in the given order.
std::string WriteCoursesCsv(const std::vector<CourseValues>& courses);

}  // namespace secsched::catalog
