// RequestRepository on PostgreSQL: a student's requests changed under a lock on the student row;
// a calendar's students and requests changed in one transaction with bulk (array) statements.
#pragma once

#include "common/pg/pool.h"
#include "services/requests/domain/request_repository.h"

namespace secsched::requests {

class PgRequestRepository final : public RequestRepository {
 public:
  explicit PgRequestRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<StudentRequests> Read(std::string_view calendar_id,
                                       std::string_view student_number) override;
  absl::StatusOr<CourseRequest> CreateInStudent(std::string_view idempotency_key,
                                                std::string_view calendar_id,
                                                std::string_view student_number,
                                                std::string_view request_id,
                                                const StudentPlan& plan) override;
  absl::StatusOr<StudentRequests> ChangeStudent(std::string_view calendar_id,
                                                std::string_view student_number,
                                                const StudentPlan& plan) override;
  absl::Status ChangeCalendar(std::string_view calendar_id, bool with_requests, bool dry_run,
                              const CalendarPlan& plan) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::requests
