// The text of a job's progress bar. A pure function so its exact output is unit-tested; the job
// watcher (job_watch.h) decides how to draw it (redrawn in place on a terminal).
#pragma once

#include <string>
#include <string_view>

namespace secsched::schedctl {

inline constexpr int kProgressBarWidth = 30;

// "[#########.....................]  30%  counting sections": `width` cells, '#' for the share
// done, then the whole percent right-aligned in 3 columns, then the phase (omitted when empty).
// Percent is clamped to 0..100 and rounded down, so 100% shows only when the work is all done.
std::string RenderProgressLine(double percent, std::string_view phase,
                               int width = kProgressBarWidth);

// The percent part alone, " 45%": clamped, rounded down, right-aligned in 3 columns + '%'.
std::string PercentText(double percent);

}  // namespace secsched::schedctl
