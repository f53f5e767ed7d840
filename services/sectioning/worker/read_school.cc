#include "services/sectioning/worker/read_school.h"

#include "absl/strings/str_cat.h"
#include "services/sectioning/engine/io/school_json.h"

namespace secsched::sectioning {

absl::Status WriteSchoolFromServices(SchoolSource& source, const TrialKey& trial,
                                     const std::string& out_path) {
  absl::StatusOr<SchoolRead> read = source.Read(trial, /*keep_enrollments_by_hand=*/true);
  if (!read.ok()) {
    return absl::Status(read.status().code(), absl::StrCat("reading calendar ", trial.calendar_id,
                                                           ": ", read.status().message()));
  }
  return engine::io::WriteSchoolFile(out_path, read->assembled.school);
}

}  // namespace secsched::sectioning
