// GradingRepository on PostgreSQL (schema `sectioning`, tables grading_windows and
// grading_window_exceptions of migrations 002 and 006).
#pragma once

#include "common/pg/pool.h"
#include "services/sectioning/domain/grading_windows.h"

namespace secsched::sectioning {

class PgGradingRepository final : public GradingRepository {
 public:
  explicit PgGradingRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<GradingWindow> Create(const GradingWindow& window,
                                       std::string_view request_id) override;
  absl::StatusOr<GradingWindow> Get(std::string_view calendar_id,
                                    std::string_view window_id) override;
  absl::StatusOr<api::Page<GradingWindow>> List(std::string_view calendar_id,
                                                const api::PageRequest& page,
                                                std::optional<GradingTime> open_at) override;
  absl::StatusOr<GradingWindow> Update(const GradingWindow& window) override;
  absl::Status Delete(std::string_view calendar_id, std::string_view window_id) override;
  absl::StatusOr<GradingWindow> PutException(std::string_view calendar_id,
                                             std::string_view window_id,
                                             const GradingException& exception) override;
  absl::StatusOr<GradingWindow> RemoveException(std::string_view calendar_id,
                                                std::string_view window_id,
                                                const GradingException& target) override;
  absl::StatusOr<GradedSection> Section(std::string_view calendar_id, std::string_view trial_id,
                                        std::string_view section_id) override;
  absl::StatusOr<std::vector<GradingWindow>> WindowsFor(
      std::string_view calendar_id, std::string_view task,
      const std::vector<std::string>& term_ids) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::sectioning
