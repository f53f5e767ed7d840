#include "services/sectioning/worker/count_sections_job.h"

#include "services/sectioning/domain/trial_jobs.h"

namespace secsched::sectioning {

absl::StatusOr<std::string> RunCountSectionsJob(PgSectionCounts& counts, const jobs::Job& job,
                                                jobs::JobContext& context) {
  absl::StatusOr<TrialKey> trial = TrialFromScope(job.scope);
  if (!trial.ok()) return trial.status();
  if (absl::Status s = context.ReportProgress(10, "loading trial"); !s.ok()) return s;

  absl::StatusOr<int> count = counts.CountSections(*trial);
  if (!count.ok()) return count.status();
  if (context.cancelled()) return absl::CancelledError("cancelled");
  if (absl::Status s = context.ReportProgress(90, "recording the count"); !s.ok()) return s;

  const std::string result = "{\"section_count\": " + std::to_string(*count) + "}";
  absl::Status completed = context.CompleteWith(
      [&](pqxx::work& tx) { return PgSectionCounts::RecordCount(tx, *trial, job.id, *count); },
      result);
  if (!completed.ok()) return completed;
  return result;
}

}  // namespace secsched::sectioning
