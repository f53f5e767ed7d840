// The engine as queued jobs on a trial: read the school (SchoolSource), run one engine step on a
// thread of its own while this thread relays progress and watches for cancellation, then write
// the result and complete the job in ONE fenced transaction (JobContext::CompleteWith). A
// cancelled, failed or superseded attempt writes nothing: the trial stays exactly as it was.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "common/jobs/job.h"
#include "common/jobs/job_context.h"
#include "services/sectioning/domain/school_source.h"
#include "services/sectioning/domain/trial_jobs.h"
#include "services/sectioning/storage/pg_section_counts.h"

namespace secsched::sectioning {

struct EngineJobOptions {
  std::chrono::milliseconds engine_time_limit{20000};  // per engine call
  std::chrono::milliseconds bound_time_limit{60000};   // CBC, BOUND only
  std::uint64_t seed = 1;                              // same seed, same schedule
  // How often progress is relayed and cancellation checked while the engine runs.
  std::chrono::milliseconds poll{100};
};

// Runs a job of kind `kind` (every kind but kCountSections). Returns the job's result (JSON):
// counts, per-phase times in ms (read, engine, save) and the engine's warnings.
absl::StatusOr<std::string> RunEngineJob(TrialJobType kind, SchoolSource& source,
                                         const EngineJobOptions& options, const jobs::Job& job,
                                         jobs::JobContext& context);

// The worker's handler for the trial-job queue: runs the job its payload names.
// INVALID_ARGUMENT (the job FAILS) for an unknown kind.
absl::StatusOr<std::string> RunTrialJob(PgSectionCounts& counts, SchoolSource& source,
                                        const EngineJobOptions& options, const jobs::Job& job,
                                        jobs::JobContext& context);

}  // namespace secsched::sectioning
