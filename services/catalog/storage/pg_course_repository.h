// CourseRepository on PostgreSQL (schema `catalog`, tables of migration 010). Bulk writes send
// all rows as one JSON document expanded by jsonb_to_recordset, so a mass set or import of
// thousands of courses is one statement, not thousands of round trips.
#pragma once

#include <pqxx/pqxx>

#include "common/pg/pool.h"
#include "services/catalog/domain/course_repository.h"

namespace secsched::catalog {

class PgCourseTransaction final : public CourseTransaction {
 public:
  explicit PgCourseTransaction(pqxx::work& tx) : tx_(tx) {}

  absl::StatusOr<CourseMaster> LockMaster(std::string_view id) override;
  absl::StatusOr<std::optional<CourseMaster>> MasterByRequestId(
      std::string_view request_id) override;
  absl::StatusOr<bool> MasterIdExists(std::string_view id) override;
  absl::StatusOr<CourseMaster> InsertMaster(const CourseMaster& master,
                                            std::string_view request_id) override;
  absl::StatusOr<CourseMaster> UpdateMaster(const CourseMaster& master) override;

  absl::StatusOr<std::vector<Course>> LockCourses(std::string_view calendar_id) override;
  absl::StatusOr<std::vector<Course>> LockCoursesOfMaster(std::string_view master_id) override;
  absl::StatusOr<Course> LockCourse(std::string_view calendar_id, std::string_view id) override;
  absl::StatusOr<std::optional<Course>> CourseByRequestId(std::string_view calendar_id,
                                                          std::string_view request_id) override;
  absl::StatusOr<bool> CourseIdExists(std::string_view calendar_id, std::string_view id) override;
  absl::Status InsertCourses(const std::vector<Course>& courses,
                             std::string_view request_id) override;
  absl::Status UpdateCourses(const std::vector<Course>& courses) override;
  absl::Status DeleteCourse(std::string_view calendar_id, std::string_view id) override;
  absl::StatusOr<int64_t> AppendMassSetAudit(const MassSetAudit& audit) override;

 private:
  pqxx::work& tx_;
};

class PgCourseRepository final : public CourseRepository {
 public:
  explicit PgCourseRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::Status InTransaction(const std::function<absl::Status(CourseTransaction&)>& fn) override;
  absl::StatusOr<Course> GetCourse(std::string_view calendar_id, std::string_view id) override;
  absl::StatusOr<std::vector<Course>> ListCourses(std::string_view calendar_id,
                                                  const CourseFilter& filter,
                                                  std::string_view after_number,
                                                  int limit) override;
  absl::StatusOr<CourseMaster> GetMaster(std::string_view id) override;
  absl::StatusOr<std::vector<CourseMaster>> ListMasters(std::string_view after_number,
                                                        int limit) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::catalog
