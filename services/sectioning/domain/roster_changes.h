// Walk-in changes applied to a trial's rosters in memory: the storage reads, under its locks,
// the sections a set of changes names and every enrollment of the students changing; each change
// is then checked and applied here, one after the other, as the transaction would; and the net
// difference is written back in a few set-based statements. A batch of thousands of rows costs
// a handful of statements instead of a dozen per row, and a single walk-in uses the same code.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/sectioning/domain/rosters.h"

namespace secsched::sectioning {

// What the storage read: sections by id (with their enrolled counts) and, for every student
// changing, all of that student's enrollments in the trial.
struct RosterState {
  std::map<std::string, Section> sections;
  std::map<std::string, std::map<std::string, StoredEnrollment>> enrollments;  // student → section
};

// One applied change, for the audit row.
struct AppliedChange {
  const WalkIn* change = nullptr;
  std::string section_id;  // the section entered (ADD, MOVE) or left/updated (DROP, UPDATE)
  std::string course_id;
  Enrollment written;  // the enrollment written (ADD, MOVE, UPDATE) or dropped (DROP)
  bool overload = false;
};

// The writes that turn the read state into the applied one. Deletions first, then updates,
// then inserts keeps UNIQUE(student, course) at every step (a section's course never changes).
struct RosterDiff {
  std::vector<std::pair<std::string, std::string>> deleted;  // (student, section)
  std::vector<Enrollment> updated;                           // rows kept whose fields changed
  std::vector<Enrollment> recreated;  // rows dropped and added again: updated, new create_time
  std::vector<Enrollment> inserted;
};

class RosterChanges {
 public:
  explicit RosterChanges(RosterState state);

  // Checks `change` with `check` on the state as it is now and applies it. A refusal changes
  // nothing. Mirrors the single walk-in: NOT_FOUND for a section that is not in the trial or a
  // student who is not in the section left; the check's refusal otherwise.
  absl::StatusOr<AppliedChange> Apply(const WalkIn& change, const WalkInCheck& check);

  RosterDiff Diff() const;
  const std::vector<AppliedChange>& applied() const { return applied_; }
  // The student's enrollment in the section now, if any.
  const StoredEnrollment* Find(const std::string& student_id, const std::string& section_id) const;

 private:
  std::vector<Section> StudentSections(const std::string& student_id) const;

  RosterState initial_;
  RosterState current_;
  std::set<std::pair<std::string, std::string>> touched_;  // (student, section) written
  std::set<std::pair<std::string, std::string>> removed_;  // dropped at least once
  std::vector<AppliedChange> applied_;
};

}  // namespace secsched::sectioning
