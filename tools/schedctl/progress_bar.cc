#include "tools/schedctl/progress_bar.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace secsched::schedctl {

namespace {

// NaN (a worker bug) must not turn into a garbage integer cast; show it as no progress.
double Clamped(double percent) { return std::isnan(percent) ? 0 : std::clamp(percent, 0.0, 100.0); }

}  // namespace

std::string PercentText(double percent) {
  char text[8];
  std::snprintf(text, sizeof text, "%3d%%", static_cast<int>(std::floor(Clamped(percent))));
  return text;
}

std::string RenderProgressLine(double percent, std::string_view phase, int width) {
  percent = Clamped(percent);
  width = std::max(width, 1);
  const int filled = static_cast<int>(std::floor(percent * width / 100.0));

  std::string line = "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] ";
  line += PercentText(percent);
  if (!phase.empty()) {
    line += "  ";
    line += phase;
  }
  return line;
}

}  // namespace secsched::schedctl
