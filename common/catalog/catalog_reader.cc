#include "common/catalog/catalog_reader.h"

#include <algorithm>

namespace secsched::catalog {

bool CatalogTeacher::CanTeach(const CatalogCourse& course) const {
  return std::find(can_teach_courses.begin(), can_teach_courses.end(), course.id) !=
             can_teach_courses.end() ||
         (!course.department.empty() && std::find(departments.begin(), departments.end(),
                                                  course.department) != departments.end());
}

namespace {

// A calendar that is known but has none of these yet is a real state: an empty list.
template <class T>
absl::StatusOr<std::vector<T>> ListOf(const std::map<std::string, std::vector<T>, std::less<>>& by,
                                      std::string_view calendar_id, bool known) {
  auto it = by.find(calendar_id);
  if (it != by.end()) return it->second;
  if (known) return std::vector<T>{};
  return absl::NotFoundError("Calendar " + std::string(calendar_id) + " not found.");
}

}  // namespace

bool StaticCatalogReader::Known(std::string_view calendar_id) const {
  return courses_.contains(calendar_id) || teachers_.contains(calendar_id) ||
         rooms_.contains(calendar_id) || calendars_.contains(calendar_id);
}

absl::StatusOr<std::vector<CatalogCourse>> StaticCatalogReader::Courses(
    std::string_view calendar_id) {
  return ListOf(courses_, calendar_id, Known(calendar_id));
}

absl::StatusOr<std::vector<CatalogTeacher>> StaticCatalogReader::Teachers(
    std::string_view calendar_id) {
  return ListOf(teachers_, calendar_id, Known(calendar_id));
}

absl::StatusOr<std::vector<CatalogRoom>> StaticCatalogReader::Rooms(std::string_view calendar_id) {
  return ListOf(rooms_, calendar_id, Known(calendar_id));
}

absl::StatusOr<CatalogCalendar> StaticCatalogReader::Calendar(std::string_view calendar_id) {
  auto it = calendars_.find(calendar_id);
  if (it == calendars_.end()) {
    return absl::NotFoundError("Calendar " + std::string(calendar_id) + " not found.");
  }
  return it->second;
}

}  // namespace secsched::catalog
