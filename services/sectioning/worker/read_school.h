// `secsched-sectioning-worker read-school`: reads a calendar's school through the catalog's and
// the requests service's APIs exactly as a job does (ServicesSchoolSource), and writes it in the
// engine's JSON school format (docs/formats/school-json.md). What the services feed the engine
// can then be looked at, compared with the file a school was imported from, or run by the
// engine CLI (`secsched-engine solve --in FILE`).
#pragma once

#include <string>

#include "absl/status/status.h"
#include "services/sectioning/domain/school_source.h"

namespace secsched::sectioning {

// A trial with no sections or enrollments: what `read-school` uses when no trial is named, so
// the file holds only what the catalog and the requests service say.
class NoTrialSchedule final : public TrialScheduleReader {
 public:
  absl::StatusOr<TrialSchedule> ReadSchedule(const TrialKey&) override { return TrialSchedule{}; }
};

// Reads `trial` (its calendar, and its sections and enrollments when `schedule` holds them) and
// writes the engine's school to `out_path`. Errors name what could not be read or written.
absl::Status WriteSchoolFromServices(SchoolSource& source, const TrialKey& trial,
                                     const std::string& out_path);

}  // namespace secsched::sectioning
