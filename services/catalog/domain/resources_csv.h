// CSV import/export of teachers and rooms (docs/formats/teachers-rooms-csv.md). Parsing is
// all-or-nothing: every row is checked and any problem makes the whole file INVALID_ARGUMENT with
// one violation per bad cell ("line 7: can_teach").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/catalog/domain/resources.h"

namespace secsched::catalog {

// Teachers described by the file, in file order, validated against `facts` (can-teach course
// numbers become course ids). Ids and calendar ids are left empty.
absl::StatusOr<std::vector<Teacher>> ParseTeachersCsv(std::string_view text,
                                                      const CalendarFacts &facts);
absl::StatusOr<std::vector<Room>> ParseRoomsCsv(std::string_view text, const CalendarFacts &facts);

// The import format; can-teach course ids are written as course numbers.
std::string WriteTeachersCsv(const std::vector<Teacher> &teachers, const CalendarFacts &facts);
std::string WriteRoomsCsv(const std::vector<Room> &rooms);

}  // namespace secsched::catalog
