// SQL of the COUNT_SECTIONS job: read a trial's section count, record it with the job's result.
#pragma once

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "common/pg/pool.h"
#include "services/sectioning/domain/trial.h"

namespace secsched::sectioning {

class PgSectionCounts {
 public:
  explicit PgSectionCounts(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<int> CountSections(const TrialKey& trial);
  // Runs inside the job's completion transaction (JobContext::CompleteWith), behind
  // GuardTrialWrite: NOT_FOUND / FAILED_PRECONDITION when the trial is gone or locked.
  static absl::Status RecordCount(pqxx::work& tx, const TrialKey& trial, std::string_view job_id,
                                  int count);

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::sectioning
