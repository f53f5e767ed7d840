// Deadline, cancel flag and progress reporting shared by the long-running entry points.
#pragma once

#include <chrono>
#include <string>

#include "services/sectioning/engine/engine.h"

namespace secsched::engine {

class RunControl {
 public:
  explicit RunControl(const RunOptions& options)
      : options_(options), start_(Clock::now()), deadline_(start_ + options.time_limit) {}

  // True once the cancel flag is set or the time limit has passed. Cheap enough to call in inner
  // loops: the clock is read only every `kClockStride` calls.
  bool ShouldStop() {
    if (stopped_) return true;
    if (options_.cancel && options_.cancel->load(std::memory_order_relaxed)) {
      cancelled_ = stopped_ = true;
      return true;
    }
    if (++calls_ % kClockStride == 0 && Clock::now() >= deadline_) stopped_ = true;
    return stopped_;
  }
  bool cancelled() const { return cancelled_; }
  // True once the cancel flag is set (ignores the time limit).
  bool CancelRequested() {
    if (options_.cancel && options_.cancel->load(std::memory_order_relaxed))
      cancelled_ = stopped_ = true;
    return cancelled_;
  }
  // Fraction of the time budget used, 0..1.
  double Elapsed() const {
    const double total = std::max<double>(1.0, static_cast<double>(options_.time_limit.count()));
    return std::min(
        1.0, std::chrono::duration<double, std::milli>(Clock::now() - start_).count() / total);
  }
  void Report(const std::string& phase, double percent, double score) {
    if (options_.on_progress) options_.on_progress(Progress{phase, percent, score});
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr unsigned kClockStride = 64;
  const RunOptions& options_;
  Clock::time_point start_, deadline_;
  unsigned calls_ = 0;
  bool stopped_ = false;
  bool cancelled_ = false;
};

}  // namespace secsched::engine
