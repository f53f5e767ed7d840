// PlanningRepository on PostgreSQL: the tables of migration 020, plus the students and
// course_requests of 001/002, which request planning reads (auto-load writes requests through
// RequestRepository, like every other way of adding them). SQL names
// are unqualified; the connection's search_path is the service schema.
#pragma once

#include "common/pg/pool.h"
#include "services/requests/domain/planning_model.h"

namespace secsched::requests {

class PgPlanningRepository final : public PlanningRepository {
 public:
  explicit PgPlanningRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<CourseRule> CreateCourseRule(
      const CourseRule& rule, std::string_view request_id,
      const std::function<absl::Status(const std::vector<CourseRule>&)>& check) override;
  absl::StatusOr<std::vector<CourseRule>> ListCourseRules(std::string_view calendar_id,
                                                          std::string_view course,
                                                          const api::PageRequest& page) override;
  absl::Status DeleteCourseRule(std::string_view calendar_id, std::string_view id) override;

  absl::StatusOr<AutoLoadRule> CreateAutoLoadRule(const AutoLoadRule& rule,
                                                  std::string_view request_id) override;
  absl::StatusOr<AutoLoadRule> GetAutoLoadRule(std::string_view calendar_id,
                                               std::string_view id) override;
  absl::StatusOr<std::vector<AutoLoadRule>> ListAutoLoadRules(
      std::string_view calendar_id, const api::PageRequest& page) override;
  absl::StatusOr<AutoLoadRule> UpdateAutoLoadRule(const AutoLoadRule& rule) override;
  absl::Status DeleteAutoLoadRule(std::string_view calendar_id, std::string_view id) override;

  absl::StatusOr<std::vector<GradeCreditRange>> CreditRanges(std::string_view calendar_id) override;
  absl::Status ReplaceCreditRanges(std::string_view calendar_id,
                                   const std::vector<GradeCreditRange>& ranges) override;

  absl::StatusOr<RequestSnapshot> Snapshot(std::string_view calendar_id) override;
  absl::StatusOr<SchedulingSnapshot> ReadSchedulingSnapshot(std::string_view calendar_id) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::requests
