// Shows a WatchJob stream while it arrives, apart from the RPC so it is unit-tested.
//
// table on a terminal: one progress bar redrawn in place with a carriage return, then the final
//                      job as a table;
// table elsewhere:     one line per update ("RUNNING   45%  counting sections"), so CI logs and
//                      pipes get readable history instead of carriage returns, then the table;
// json:                one JSON object per line for every update (NDJSON), nothing else.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "secsched/sectioning/v1/sectioning.pb.h"
#include "tools/schedctl/settings.h"

namespace secsched::schedctl {

using secsched::sectioning::v1::Job;

bool IsFinished(Job::State state);

// 0 when the job SUCCEEDED; 1 when it FAILED or was CANCELLED (or never finished).
int ExitCodeForJob(const Job& job);

class JobWatchPrinter {
 public:
  JobWatchPrinter(std::ostream& out, OutputFormat format, bool terminal)
      : out_(out), format_(format), terminal_(terminal) {}

  void OnUpdate(const Job& job);

  // Ends the progress line and, in table mode, prints the last job seen. Call once, after the
  // stream closed (successfully or not) and before printing any error.
  void Finish();

  // The last update, if any arrived.
  const std::optional<Job>& last() const { return last_; }

 private:
  void Redraw(const std::string& line);

  std::ostream& out_;
  OutputFormat format_;
  bool terminal_;
  std::optional<Job> last_;
  std::string drawn_;  // the progress line now on the terminal ("" when none)
};

}  // namespace secsched::schedctl
