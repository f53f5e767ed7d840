// TrialRepository on PostgreSQL (schema `sectioning`).
#pragma once

#include "common/pg/pool.h"
#include "services/sectioning/domain/trial.h"

namespace secsched::sectioning {

class PgTrialRepository final : public TrialRepository {
 public:
  explicit PgTrialRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<Trial> Create(const Trial& trial, std::string_view request_id) override;
  absl::StatusOr<Trial> Get(const TrialKey& key) override;
  absl::StatusOr<api::Page<Trial>> List(std::string_view calendar_id, const TrialFilter& filter,
                                        const api::PageRequest& page) override;
  absl::StatusOr<Trial> UpdateDisplayName(const TrialKey& key,
                                          std::string_view display_name) override;
  absl::Status Delete(const TrialKey& key, std::string_view actor) override;
  absl::StatusOr<Trial> Copy(const TrialKey& source, const TrialCopy& copy) override;
  absl::StatusOr<Trial> SetLocked(const TrialKey& key, bool locked,
                                  std::string_view actor) override;
  absl::StatusOr<Trial> Activate(const TrialKey& key, std::string_view actor) override;
  absl::StatusOr<std::pair<TrialContents, TrialContents>> ReadForCompare(
      const TrialKey& a, const TrialKey& b) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::sectioning
