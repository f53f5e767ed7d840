#include "tools/schedctl/job_watch.h"

#include <algorithm>

#include "tools/schedctl/output.h"
#include "tools/schedctl/progress_bar.h"

namespace secsched::schedctl {
namespace {

// "RUNNING     45%  counting sections": the state is padded to the longest one (CANCELLED) so
// the percent column lines up from one update to the next.
std::string UpdateLine(const Job& job) {
  std::string line = Job::State_Name(job.state());
  line.resize(std::max<size_t>(line.size(), 9), ' ');
  line += "  " + PercentText(job.progress_percent());
  if (!job.phase().empty()) line += "  " + job.phase();
  return line;
}

}  // namespace

bool IsFinished(Job::State state) {
  return state == Job::SUCCEEDED || state == Job::FAILED || state == Job::CANCELLED;
}

int ExitCodeForJob(const Job& job) { return job.state() == Job::SUCCEEDED ? 0 : 1; }

void JobWatchPrinter::OnUpdate(const Job& job) {
  last_ = job;
  if (format_ == OutputFormat::kJson) {
    out_ << RenderJson(job, /*multiline=*/false) << std::flush;
  } else if (terminal_) {
    Redraw(RenderProgressLine(job.progress_percent(), job.phase()));
  } else {
    out_ << UpdateLine(job) << "\n" << std::flush;
  }
}

void JobWatchPrinter::Redraw(const std::string& line) {
  if (line == drawn_) return;  // nothing visible changed: avoid flicker
  // Pad with spaces over the end of a longer previous line (a shorter phase), without relying
  // on terminal escape codes.
  std::string padded = line;
  if (padded.size() < drawn_.size()) padded.resize(drawn_.size(), ' ');
  out_ << '\r' << padded << std::flush;
  drawn_ = line;
}

void JobWatchPrinter::Finish() {
  if (!drawn_.empty()) {
    out_ << "\n";
    drawn_.clear();
  }
  if (format_ == OutputFormat::kTable && last_.has_value()) out_ << RenderTable(*last_);
  out_ << std::flush;
}

}  // namespace secsched::schedctl
