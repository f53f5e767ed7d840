// The COUNT_SECTIONS job: count a trial's sections, report progress, and record the count
// together with the job's completion in one fenced transaction. It exercises the whole job path
// (queue, worker, fencing, progress) with the smallest possible piece of work.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/jobs/job.h"
#include "common/jobs/job_context.h"
#include "services/sectioning/storage/pg_section_counts.h"

namespace secsched::sectioning {

absl::StatusOr<std::string> RunCountSectionsJob(PgSectionCounts& counts, const jobs::Job& job,
                                                jobs::JobContext& context);

}  // namespace secsched::sectioning
