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

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::sectioning
