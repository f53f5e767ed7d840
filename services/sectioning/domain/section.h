// Sections of a trial by hand (SectionService): create, read with live conflicts, list, update,
// delete, move and the placement grid. Validated against the catalog (section_validation.h);
// conflicts computed on every read (section_conflicts.h); writes need scheduling access, an
// APPROVED calendar and an unlocked trial (the repository guards the trial in its transaction).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/calendar_schools.h"
#include "common/api/paging.h"
#include "common/api/update_mask.h"
#include "common/auth/caller.h"
#include "common/catalog/catalog_reader.h"
#include "services/sectioning/domain/schedule_model.h"
#include "services/sectioning/domain/section_conflicts.h"
#include "services/sectioning/domain/section_grid.h"
#include "services/sectioning/domain/section_move.h"
#include "services/sectioning/domain/trial.h"

namespace secsched::sectioning {

// A section as read: its values and its live conflicts.
struct SectionView {
  Section section;
  std::vector<Conflict> conflicts;
};

// ListSections' filters; empty / 0 = any.
struct SectionFilter {
  std::string course_id;
  std::string teacher_id;  // primary or co-teacher
  std::string room_id;
  int period = 0;
};

// True when `section` passes every filter that is set.
bool SectionMatches(const Section& section, const SectionFilter& filter);

// The audit row of a change (schedule_changes).
struct ChangeRecord {
  std::string actor;
  std::string reason;
  std::string request_id;
};

// The port to the trial's stored sections. Every write runs GuardTrialWrite first in its
// transaction (NOT_FOUND for an unknown trial, FAILED_PRECONDITION when locked).
class SectionRepository {
 public:
  virtual ~SectionRepository() = default;
  // section_number 0 = the next free number of the course. A non-empty request_id seen before
  // returns the section created then. ALREADY_EXISTS for a taken id or number.
  // Create and Update record SECTION_CREATE / SECTION_UPDATE in the trial's audit with `actor`.
  virtual absl::StatusOr<Section> Create(const Section& section, std::string_view request_id,
                                         std::string_view actor) = 0;
  // Every section of the trial with teachers, meetings and enrolled counts, ordered by id, in
  // one statement. NOT_FOUND for an unknown trial.
  virtual absl::StatusOr<std::vector<Section>> ListTrial(const TrialKey& trial) = 0;
  // Writes the fields named in `mask` (SectionService's updatable paths). NOT_FOUND.
  virtual absl::StatusOr<Section> Update(const Section& section, const api::UpdateMask& mask,
                                         std::string_view actor) = 0;
  // NOT_FOUND; FAILED_PRECONDITION while students are enrolled unless `force`.
  virtual absl::Status Delete(const SectionKey& key, bool force, const ChangeRecord& change) = 0;
  // The meetings of the other sections of the students enrolled in the section. NOT_FOUND.
  virtual absl::StatusOr<std::vector<StudentMeeting>> EnrolledStudentsMeetings(
      const SectionKey& key) = 0;
  // Replaces the section's meetings in one transaction and records SECTION_MOVE; returns the
  // students the new placement breaks (computed inside the transaction). NOT_FOUND.
  virtual absl::StatusOr<std::vector<BrokenStudent>> Move(const SectionKey& key,
                                                          const std::vector<Meeting>& meetings,
                                                          const ChangeRecord& change) = 0;
  // The students enrolled in each section of the trial that has a team (section id → student
  // ids); sections without a team are left out.
  virtual absl::StatusOr<std::map<std::string, std::vector<std::string>>> TeamSectionStudents(
      const TrialKey& trial) = 0;
};

// Students' teams, which belong to the requests service.
class StudentTeamReader {
 public:
  virtual ~StudentTeamReader() = default;
  // Student id → team id for every student of the calendar on a team. UNAVAILABLE when the
  // teams cannot be read.
  virtual absl::StatusOr<std::map<std::string, std::string>> StudentTeams(
      std::string_view calendar_id) = 0;
};

// Teams from a fixed map: tests, and a service run without the requests service.
class StaticStudentTeams final : public StudentTeamReader {
 public:
  void Set(const std::string& calendar_id, const std::string& student_id, std::string team_id) {
    teams_[calendar_id][student_id] = std::move(team_id);
  }
  absl::StatusOr<std::map<std::string, std::string>> StudentTeams(
      std::string_view calendar_id) override {
    auto it = teams_.find(calendar_id);
    if (it == teams_.end()) return std::map<std::string, std::string>{};
    return it->second;
  }

 private:
  std::map<std::string, std::map<std::string, std::string>, std::less<>> teams_;
};

// Course rules that bind the master schedule (MASTER-scope NOT_SAME_PERIOD), from the requests
// service.
class CourseRuleReader {
 public:
  virtual ~CourseRuleReader() = default;
  // NOT_FOUND passes through; UNAVAILABLE when the rules cannot be read.
  virtual absl::StatusOr<std::vector<NotSamePeriodRule>> MasterNotSamePeriodRules(
      std::string_view calendar_id) = 0;
};

// Rules from a fixed map (none for a calendar not set): tests, and a service run without the
// requests service.
class StaticCourseRules final : public CourseRuleReader {
 public:
  void Set(std::string calendar_id, std::vector<NotSamePeriodRule> rules) {
    rules_[std::move(calendar_id)] = std::move(rules);
  }
  absl::StatusOr<std::vector<NotSamePeriodRule>> MasterNotSamePeriodRules(
      std::string_view calendar_id) override {
    auto it = rules_.find(calendar_id);
    if (it == rules_.end()) return std::vector<NotSamePeriodRule>{};
    return it->second;
  }

 private:
  std::map<std::string, std::vector<NotSamePeriodRule>, std::less<>> rules_;
};

// The updatable paths of a section (UpdateMask).
const std::vector<std::string>& SectionUpdatablePaths();

struct NewSection {
  Section section;  // calendar_id and trial_id set; section_id optional
  std::string request_id;
};

struct SectionMoveRequest {
  SectionKey key;
  std::vector<Meeting> meetings;
  bool validate_only = false;
  std::string reason;
  std::string request_id;
};

struct MoveOutcome {
  SectionView section;  // at the new placement
  std::vector<Conflict> new_conflicts;
  std::vector<BrokenStudent> broken_students;
  bool applied = false;
};

class Sections {
 public:
  Sections(SectionRepository& repository, catalog::CatalogReader& catalog, CourseRuleReader& rules,
           StudentTeamReader& teams, access::CalendarSchools& schools,
           access::AccessChecker& access)
      : repository_(repository),
        catalog_(catalog),
        rules_(rules),
        teams_(teams),
        schools_(schools),
        access_(access) {}

  absl::StatusOr<SectionView> Create(const auth::Caller& caller, NewSection request);
  absl::StatusOr<SectionView> Get(const auth::Caller& caller, const SectionKey& key);
  absl::StatusOr<api::Page<SectionView>> List(const auth::Caller& caller, const TrialKey& trial,
                                              const SectionFilter& filter,
                                              const api::PageRequest& page);
  // `changes` carries the new values of the paths in `mask` (its ids name the section).
  absl::StatusOr<SectionView> Update(const auth::Caller& caller, const Section& changes,
                                     const api::UpdateMask& mask);
  absl::Status Delete(const auth::Caller& caller, const SectionKey& key, bool force);
  absl::StatusOr<MoveOutcome> Move(const auth::Caller& caller, const SectionMoveRequest& request);
  absl::StatusOr<PlacementGrid> Grid(const auth::Caller& caller, const TrialKey& trial,
                                     GridView view);

 private:
  absl::Status Authorize(const auth::Caller& caller, std::string_view calendar_id, bool write);
  SectionRepository& repository_;
  catalog::CatalogReader& catalog_;
  CourseRuleReader& rules_;
  StudentTeamReader& teams_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
};

}  // namespace secsched::sectioning
