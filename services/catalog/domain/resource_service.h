// The rules of ResourceService: authorization on the calendar's school, validation with field
// violations, update masks, CSV import (all or nothing) and export.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/authorize.h"
#include "common/access/calendar_schools.h"
#include "common/auth/caller.h"
#include "services/catalog/domain/resources.h"

namespace secsched::catalog {

struct CsvExport {
  std::string csv;
  int rows = 0;
};

class Resources {
 public:
  Resources(access::CalendarSchools &schools, ResourceRepository &repository,
            access::AccessChecker &access)
      : schools_(schools), repository_(repository), access_(access) {}

  // `teacher.id` empty = generate one. INVALID_ARGUMENT with violations on "teacher.<field>".
  absl::StatusOr<Teacher> CreateTeacher(const auth::Caller &caller, Teacher teacher,
                                        std::string_view request_id);
  absl::StatusOr<Teacher> GetTeacher(const auth::Caller &caller, std::string_view calendar_id,
                                     std::string_view id);
  absl::StatusOr<api::Page<Teacher>> ListTeachers(const auth::Caller &caller,
                                                  std::string_view calendar_id,
                                                  const ListOptions &options);
  // `mask`: Teacher field names (staff_id, display_name, departments, can_teach_courses,
  // max_sections, unavailable, active); empty = all. Unknown → INVALID_ARGUMENT "update_mask".
  absl::StatusOr<Teacher> UpdateTeacher(const auth::Caller &caller, const Teacher &values,
                                        const std::vector<std::string> &mask);
  absl::Status DeleteTeacher(const auth::Caller &caller, std::string_view calendar_id,
                             std::string_view id);
  absl::StatusOr<ImportCounts> ImportTeachers(const auth::Caller &caller,
                                              std::string_view calendar_id, std::string_view csv,
                                              bool validate_only);
  absl::StatusOr<CsvExport> ExportTeachers(const auth::Caller &caller,
                                           std::string_view calendar_id);

  absl::StatusOr<Room> CreateRoom(const auth::Caller &caller, Room room,
                                  std::string_view request_id);
  absl::StatusOr<Room> GetRoom(const auth::Caller &caller, std::string_view calendar_id,
                               std::string_view id);
  absl::StatusOr<api::Page<Room>> ListRooms(const auth::Caller &caller,
                                            std::string_view calendar_id,
                                            const ListOptions &options);
  // `mask`: number, capacity, room_type, unavailable, active; empty = all.
  absl::StatusOr<Room> UpdateRoom(const auth::Caller &caller, const Room &values,
                                  const std::vector<std::string> &mask);
  absl::Status DeleteRoom(const auth::Caller &caller, std::string_view calendar_id,
                          std::string_view id);
  absl::StatusOr<ImportCounts> ImportRooms(const auth::Caller &caller, std::string_view calendar_id,
                                           std::string_view csv, bool validate_only);
  absl::StatusOr<CsvExport> ExportRooms(const auth::Caller &caller, std::string_view calendar_id);

 private:
  // NOT_FOUND for an unknown calendar, else the school access rule for `mode`.
  absl::Status Authorize(const auth::Caller &caller, std::string_view calendar_id,
                         access::Mode mode);

  access::CalendarSchools &schools_;
  ResourceRepository &repository_;
  access::AccessChecker &access_;
};

}  // namespace secsched::catalog
