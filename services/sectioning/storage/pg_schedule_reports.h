// ScheduleReportRepository on PostgreSQL: each report is one set-based statement over the
// trial's sections, section_teachers, section_meetings, enrollments and unmet_requests (no query
// per row), keyset-paged on the report's order.
#pragma once

#include "common/pg/pool.h"
#include "services/sectioning/domain/schedule_reports.h"

namespace secsched::sectioning {

class PgScheduleReports final : public ScheduleReportRepository {
 public:
  explicit PgScheduleReports(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<api::Page<MasterScheduleRow>> MasterSchedule(
      const TrialKey& trial, MasterView view, const api::PageRequest& page) override;
  absl::StatusOr<api::Page<SectionBalanceRow>> SectionBalance(
      const TrialKey& trial, const api::PageRequest& page) override;
  absl::StatusOr<api::Page<UnscheduledRequestRow>> UnscheduledRequests(
      const TrialKey& trial, const api::PageRequest& page) override;
  absl::StatusOr<LoadMetrics> Metrics(const TrialKey& trial) override;
  absl::StatusOr<api::Page<TrialEnrollmentRow>> Enrollments(const TrialKey& trial,
                                                            const api::PageRequest& page) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::sectioning
