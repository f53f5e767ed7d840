// Every write to a trial's schedule starts here, inside its transaction: the trial row is read
// FOR SHARE, so Lock (an UPDATE of that row) waits for writes in flight and writes wait for a
// Lock in flight — a write can never land in a trial that was locked before it committed.
#pragma once

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "services/sectioning/domain/trial.h"

namespace secsched::sectioning {

// NOT_FOUND for an unknown trial; FAILED_PRECONDITION when it is locked. Writes to one trial do
// not wait for each other here (FOR SHARE), only for a Lock.
absl::Status GuardTrialWrite(pqxx::work& tx, const TrialKey& trial);

}  // namespace secsched::sectioning
