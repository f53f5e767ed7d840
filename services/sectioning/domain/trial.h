// Trials: versions of one calendar's schedule. Plain values and the rules of their life: create,
// read, list, rename, delete, copy, lock and unlock, activate, compare.
//
// Writes (everything but Get, List and Compare) need write access at the calendar's school and
// an APPROVED calendar; the storage side runs each in one transaction behind GuardTrialWrite
// where the trial exists, so a locked trial refuses them (Lock, Unlock, Activate and Copy's read
// of its source excepted: see each method).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/calendar_schools.h"
#include "common/api/paging.h"
#include "common/api/update_mask.h"
#include "common/auth/caller.h"
#include "common/catalog/catalog_reader.h"
#include "services/sectioning/domain/trial_compare.h"

namespace secsched::sectioning {

struct TrialKey {
  std::string calendar_id;
  std::string trial_id;
};

// "calendars/{calendar}/trials/{trial}/sections/{section}".
struct SectionKey {
  std::string calendar_id;
  std::string trial_id;
  std::string section_id;
  TrialKey trial() const { return {calendar_id, trial_id}; }
};

// DRAFT until activated; at most one ACTIVE trial per calendar.
enum class TrialState { kDraft, kActive };

struct Trial {
  TrialKey key;
  std::string display_name;
  std::string creator;
  int section_count = 0;
  std::chrono::system_clock::time_point create_time;
  TrialState state = TrialState::kDraft;
  bool locked = false;
  std::string copied_from;  // the source trial's id in the same calendar, "" = none
  std::chrono::system_clock::time_point update_time;
};

struct TrialFilter {
  std::optional<TrialState> state;  // nullopt = every trial
};

// What Copy needs besides the source.
struct TrialCopy {
  Trial trial;  // key (calendar, new id), display_name ("" = "Copy of <source>"), creator
  std::string request_id;
};

class TrialRepository {
 public:
  virtual ~TrialRepository() = default;
  // A non-empty request_id seen before returns the first result.
  virtual absl::StatusOr<Trial> Create(const Trial& trial, std::string_view request_id) = 0;
  virtual absl::StatusOr<Trial> Get(const TrialKey& key) = 0;  // NOT_FOUND
  // Ordered by trial id, starting after page.after.
  virtual absl::StatusOr<api::Page<Trial>> List(std::string_view calendar_id,
                                                const TrialFilter& filter,
                                                const api::PageRequest& page) = 0;
  // NOT_FOUND; FAILED_PRECONDITION when locked.
  virtual absl::StatusOr<Trial> UpdateDisplayName(const TrialKey& key,
                                                  std::string_view display_name) = 0;
  // Every write below records its row in the trial's audit (schedule_changes, TRIAL_*) with
  // `actor`, in the same transaction; the audit outlives a deleted trial.
  // NOT_FOUND; FAILED_PRECONDITION when locked or ACTIVE.
  virtual absl::Status Delete(const TrialKey& key, std::string_view actor) = 0;
  // The copy and every row of the source's schedule, in one transaction reading one snapshot of
  // the source. NOT_FOUND for the source; ALREADY_EXISTS for a taken id; a request_id seen
  // before returns the first copy.
  virtual absl::StatusOr<Trial> Copy(const TrialKey& source, const TrialCopy& copy) = 0;
  // NOT_FOUND. Idempotent.
  virtual absl::StatusOr<Trial> SetLocked(const TrialKey& key, bool locked,
                                          std::string_view actor) = 0;
  // Demotes the calendar's ACTIVE trial and promotes this one, in one transaction serialized per
  // calendar. NOT_FOUND. Idempotent.
  virtual absl::StatusOr<Trial> Activate(const TrialKey& key, std::string_view actor) = 0;
  // The rows a comparison needs, of both trials from one snapshot. NOT_FOUND for either.
  virtual absl::StatusOr<std::pair<TrialContents, TrialContents>> ReadForCompare(
      const TrialKey& a, const TrialKey& b) = 0;
};

struct NewTrial {
  std::string calendar_id;
  std::string trial_id;  // optional; generated when empty
  std::string display_name;
  std::string request_id;
};

struct CopyTrialRequest {
  TrialKey source;
  std::string trial_id;      // optional; generated when empty
  std::string display_name;  // optional
  std::string request_id;
};

// The paths UpdateTrial may name.
inline const std::vector<std::string>& UpdatableTrialFields() {
  static const std::vector<std::string> fields = {"display_name"};
  return fields;
}

class Trials {
 public:
  Trials(TrialRepository& repository, catalog::CatalogReader& catalog,
         access::CalendarSchools& schools, access::AccessChecker& access)
      : repository_(repository), catalog_(catalog), schools_(schools), access_(access) {}

  // All: PERMISSION_DENIED unless the caller may schedule at the calendar's school (read for
  // Get, List and Compare, write for the others). Writes: FAILED_PRECONDITION unless the
  // calendar is APPROVED.

  absl::StatusOr<Trial> Create(const auth::Caller& caller, const NewTrial& request);
  absl::StatusOr<Trial> Get(const auth::Caller& caller, const TrialKey& key);
  absl::StatusOr<api::Page<Trial>> List(const auth::Caller& caller, std::string_view calendar_id,
                                        const TrialFilter& filter, const api::PageRequest& page);
  // Only display_name is updatable (the mask was parsed against UpdatableTrialFields()).
  absl::StatusOr<Trial> Update(const auth::Caller& caller, const TrialKey& key,
                               std::string_view display_name, const api::UpdateMask& mask);
  absl::Status Delete(const auth::Caller& caller, const TrialKey& key);
  absl::StatusOr<Trial> Copy(const auth::Caller& caller, const CopyTrialRequest& request);
  absl::StatusOr<Trial> Lock(const auth::Caller& caller, const TrialKey& key);
  absl::StatusOr<Trial> Unlock(const auth::Caller& caller, const TrialKey& key);
  absl::StatusOr<Trial> Activate(const auth::Caller& caller, const TrialKey& key);
  // INVALID_ARGUMENT on `other` when the two trials are not of one calendar. Courses and
  // totals whole; one page of students (PageStudents).
  absl::StatusOr<TrialComparison> Compare(const auth::Caller& caller, const TrialKey& a,
                                          const TrialKey& b, const api::PageRequest& page,
                                          bool changed_students_only);

 private:
  // Authorization for `mode`, then (writes) the calendar's APPROVED state.
  absl::Status Allow(const auth::Caller& caller, std::string_view calendar_id, bool write);

  TrialRepository& repository_;
  catalog::CatalogReader& catalog_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
};

}  // namespace secsched::sectioning
