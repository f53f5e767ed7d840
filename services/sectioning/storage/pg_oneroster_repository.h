// OneRosterRepository on PostgreSQL: the active trials, and one trial's sections (with teachers
// and meetings), enrollments and last change read in one REPEATABLE READ snapshot.
#pragma once

#include "common/pg/pool.h"
#include "services/sectioning/domain/oneroster.h"

namespace secsched::sectioning {

class PgOneRosterRepository final : public OneRosterRepository {
 public:
  explicit PgOneRosterRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<std::vector<TrialKey>> ActiveTrials(
      std::optional<std::string_view> calendar_id) override;
  absl::StatusOr<ExportedTrial> ReadSchedule(const TrialKey& trial) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::sectioning
