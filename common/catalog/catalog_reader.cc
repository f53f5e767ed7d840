#include "common/catalog/catalog_reader.h"

#include <algorithm>

namespace secsched::catalog {

bool CatalogTeacher::CanTeach(const CatalogCourse& course) const {
  return std::find(can_teach_courses.begin(), can_teach_courses.end(), course.id) !=
             can_teach_courses.end() ||
         (!course.department.empty() &&
          std::find(departments.begin(), departments.end(), course.department) != departments.end());
}

absl::StatusOr<std::vector<CatalogCourse>> StaticCatalogReader::Courses(std::string_view calendar_id) {
  auto it = courses_.find(calendar_id);
  if (it == courses_.end()) return absl::NotFoundError("The calendar has no catalog.");
  return it->second;
}

absl::StatusOr<std::vector<CatalogTeacher>> StaticCatalogReader::Teachers(
    std::string_view calendar_id) {
  auto it = teachers_.find(calendar_id);
  if (it != teachers_.end()) return it->second;
  // A calendar whose courses are known but that has no teachers yet is a real state.
  if (courses_.contains(calendar_id)) return std::vector<CatalogTeacher>{};
  return absl::NotFoundError("The calendar has no catalog.");
}

}  // namespace secsched::catalog
