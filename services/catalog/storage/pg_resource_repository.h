// ResourceRepository (teachers and rooms) on PostgreSQL, schema `catalog`; also reads the
// calendar's periods, terms and courses for validation (CalendarFacts).
#pragma once

#include "common/pg/pool.h"
#include "services/catalog/domain/resources.h"

namespace secsched::catalog {

class PgResourceRepository final : public ResourceRepository {
 public:
  explicit PgResourceRepository(pg::PgPool &pool) : pool_(pool) {}

  absl::StatusOr<CalendarFacts> Facts(std::string_view calendar_id) override;

  absl::StatusOr<Teacher> CreateTeacher(const Teacher &teacher,
                                        std::string_view request_id) override;
  absl::StatusOr<Teacher> GetTeacher(std::string_view calendar_id, std::string_view id) override;
  absl::StatusOr<api::Page<Teacher>> ListTeachers(std::string_view calendar_id,
                                                  const ListOptions &options) override;
  absl::StatusOr<Teacher> UpdateTeacher(
      std::string_view calendar_id, std::string_view id,
      const std::function<absl::Status(Teacher &)> &change) override;
  absl::Status DeleteTeacher(std::string_view calendar_id, std::string_view id) override;
  absl::StatusOr<ImportCounts> ImportTeachers(std::string_view calendar_id,
                                              const std::vector<Teacher> &teachers,
                                              bool write) override;
  absl::StatusOr<std::vector<Teacher>> AllTeachers(std::string_view calendar_id) override;

  absl::StatusOr<Room> CreateRoom(const Room &room, std::string_view request_id) override;
  absl::StatusOr<Room> GetRoom(std::string_view calendar_id, std::string_view id) override;
  absl::StatusOr<api::Page<Room>> ListRooms(std::string_view calendar_id,
                                            const ListOptions &options) override;
  absl::StatusOr<Room> UpdateRoom(std::string_view calendar_id, std::string_view id,
                                  const std::function<absl::Status(Room &)> &change) override;
  absl::Status DeleteRoom(std::string_view calendar_id, std::string_view id) override;
  absl::StatusOr<ImportCounts> ImportRooms(std::string_view calendar_id,
                                           const std::vector<Room> &rooms, bool write) override;
  absl::StatusOr<std::vector<Room>> AllRooms(std::string_view calendar_id) override;

 private:
  pg::PgPool &pool_;
};

}  // namespace secsched::catalog
