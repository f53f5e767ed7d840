// SolveLoadOptimum in a child process, so that a BOUND job can be cancelled at once: CBC's C
// interface has no way to interrupt a solve (its time limit is the only stop), so the solve runs
// in a forked process that the caller SIGKILLs when asked to stop. A crash inside CBC (its
// preprocessing has crashed on time limits before) then ends that process, not the worker.
#pragma once

#include <atomic>
#include <chrono>

#include "absl/status/statusor.h"
#include "services/sectioning/bound/load_optimum.h"

namespace secsched::bound {

// The figures of SolveLoadOptimum(school, options), computed in a child process; `solution` is
// left empty (the BOUND job stores only the figures). `cancel` is looked at every `poll`: once
// it is set, the child is killed and reaped and the answer is CANCELLED. INTERNAL when the child
// cannot be started or ends without an answer (a crash: the message names the signal).
absl::StatusOr<LoadOptimum> SolveLoadOptimumApart(
    const engine::School& school, const LoadOptimumOptions& options,
    const std::atomic<bool>& cancel,
    std::chrono::milliseconds poll = std::chrono::milliseconds(50));

}  // namespace secsched::bound
