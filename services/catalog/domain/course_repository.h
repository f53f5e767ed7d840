// What the course rules need from storage. Multi-row operations (push, mass set, import) run
// their rules inside CourseRepository::InTransaction, so what they read and what they write is
// one PostgreSQL transaction: all or nothing, and no lost updates (rows are read FOR UPDATE).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/catalog/domain/course.h"

namespace secsched::catalog {

// Which courses a list or mass set covers; empty members match everything.
struct CourseFilter {
  std::string department;     // case-insensitive equality
  int grade = 0;              // 0 = any; else offered to that grade (min_grade <= g <= max_grade)
  std::string number_prefix;  // case-sensitive prefix of the number
  std::string tag;            // has this tag
  std::optional<bool> active;

  bool Matches(const Course& course) const;
};

// One applied mass set, as written to the audit table.
struct MassSetAudit {
  std::string calendar_id;
  std::string actor;
  CourseFilter filter;
  std::vector<CourseField> fields;
  CourseValues values;
  int course_count = 0;  // courses changed
  std::vector<FieldChange> diff;
};

class CourseTransaction {
 public:
  virtual ~CourseTransaction() = default;

  // Masters. NOT_FOUND for an unknown id. The row is locked until the transaction ends.
  virtual absl::StatusOr<CourseMaster> LockMaster(std::string_view id) = 0;
  virtual absl::StatusOr<std::optional<CourseMaster>> MasterByRequestId(
      std::string_view request_id) = 0;
  virtual absl::StatusOr<bool> MasterIdExists(std::string_view id) = 0;
  // ALREADY_EXISTS for a taken id or number.
  virtual absl::StatusOr<CourseMaster> InsertMaster(const CourseMaster& master,
                                                    std::string_view request_id) = 0;
  virtual absl::StatusOr<CourseMaster> UpdateMaster(const CourseMaster& master) = 0;

  // Courses, locked FOR UPDATE. Every course of the calendar, ordered by number.
  virtual absl::StatusOr<std::vector<Course>> LockCourses(std::string_view calendar_id) = 0;
  // Every course made from the master, in any calendar (ordered by calendar, number).
  virtual absl::StatusOr<std::vector<Course>> LockCoursesOfMaster(std::string_view master_id) = 0;
  // NOT_FOUND for an unknown course.
  virtual absl::StatusOr<Course> LockCourse(std::string_view calendar_id, std::string_view id) = 0;
  virtual absl::StatusOr<std::optional<Course>> CourseByRequestId(std::string_view calendar_id,
                                                                  std::string_view request_id) = 0;
  virtual absl::StatusOr<bool> CourseIdExists(std::string_view calendar_id,
                                              std::string_view id) = 0;

  // Bulk writes (one statement each, whatever the count). ALREADY_EXISTS for a taken id or
  // number. `request_id` applies to a single insert ("" for none).
  virtual absl::Status InsertCourses(const std::vector<Course>& courses,
                                     std::string_view request_id = "") = 0;
  // Saves values, master link and locked fields of existing courses.
  virtual absl::Status UpdateCourses(const std::vector<Course>& courses) = 0;
  virtual absl::Status DeleteCourse(std::string_view calendar_id, std::string_view id) = 0;
  virtual absl::StatusOr<int64_t> AppendMassSetAudit(const MassSetAudit& audit) = 0;
};

class CourseRepository {
 public:
  virtual ~CourseRepository() = default;

  // Runs `fn` in one transaction: commits when it returns OK, rolls back otherwise. May run `fn`
  // again after a serialization failure, so `fn` must have no other side effects.
  virtual absl::Status InTransaction(const std::function<absl::Status(CourseTransaction&)>& fn) = 0;

  virtual absl::StatusOr<Course> GetCourse(std::string_view calendar_id, std::string_view id) = 0;
  // Up to `limit` courses matching `filter` with number > `after_number`, ordered by number.
  virtual absl::StatusOr<std::vector<Course>> ListCourses(std::string_view calendar_id,
                                                          const CourseFilter& filter,
                                                          std::string_view after_number,
                                                          int limit) = 0;
  virtual absl::StatusOr<CourseMaster> GetMaster(std::string_view id) = 0;
  // Up to `limit` masters with number > `after_number`, ordered by number.
  virtual absl::StatusOr<std::vector<CourseMaster>> ListMasters(std::string_view after_number,
                                                                int limit) = 0;
};

}  // namespace secsched::catalog
