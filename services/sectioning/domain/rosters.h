// Rosters and walk-in scheduling: who sits in which section of a trial, read per section,
// student and teacher, and changed one student at a time (add, drop, move), each change checked
// (roster_checks.h) under the storage's locks and audited.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/calendar_schools.h"
#include "common/api/paging.h"
#include "common/auth/caller.h"
#include "common/catalog/catalog_reader.h"
#include "common/status/status.h"
#include "services/sectioning/domain/roster_checks.h"
#include "services/sectioning/domain/roster_ports.h"
#include "services/sectioning/domain/schedule_model.h"
#include "services/sectioning/domain/trial.h"

namespace secsched::sectioning {

// The scope that lets a caller add a student past a section's capacity (`admin` does too).
inline constexpr std::string_view kScopeOverload = "overload";

struct StoredEnrollment {
  Enrollment enrollment;
  std::chrono::system_clock::time_point create_time;
};

// A section with the student's enrollment in it (student schedules) or none (teacher schedules).
struct ScheduledSection {
  Section section;
  std::optional<StoredEnrollment> enrollment;
};

struct UnmetRequest {
  std::string course_id;
  bool required = false;
  std::string reason;
};

struct StudentSchedule {
  std::vector<ScheduledSection> sections;
  std::vector<UnmetRequest> unmet;
};

enum class ChangeAction { kAdd, kDrop, kMove, kUpdate };
std::string_view ChangeActionName(ChangeAction action);

struct ScheduleChange {
  int64_t change_id = 0;
  std::string student_id;
  std::string section_id;
  std::string action;  // ADD, DROP, MOVE or another writer's name
  std::string detail;  // JSON
  std::string reason;
  std::string actor;
  bool overload = false;
  std::string request_id;
  std::chrono::system_clock::time_point change_time;
};

// At most one of student_id and section_id; neither = every change of the trial.
struct ChangeQuery {
  TrialKey trial;
  std::string student_id;
  std::string section_id;
};

// One walk-in change as the storage applies it.
struct WalkIn {
  ChangeAction action = ChangeAction::kAdd;
  TrialKey trial;
  std::string student_id;
  std::string from_section_id;  // DROP, MOVE
  std::string to_section_id;    // ADD, MOVE
  Enrollment fields;            // ADD: dates, credit, repeat, source, request_rank
  std::string actor;
  std::string reason;
  std::string request_id;
  // UPDATE (batch edits): which of start_date, end_date, credit_override, repeat to set.
  std::vector<std::string> update_paths;
};

// What the storage read under its locks: the section(s) named by the change (with their
// enrolled count and meetings) and the student's current sections and enrollments.
struct WalkInSnapshot {
  std::optional<Section> from;  // DROP, MOVE
  std::optional<Section> to;    // ADD, MOVE
  std::vector<Section> student_sections;
};

// Called by the storage inside the transaction, after the locks: OK(overload?) or the refusal.
// Pure (the transaction may run it more than once).
using WalkInCheck = std::function<absl::StatusOr<bool>(const WalkInSnapshot&)>;

// A batch edit as the storage applies it (roster_batch.h): the rows in order, each a WalkIn.
struct BatchApply {
  TrialKey trial;
  std::vector<WalkIn> rows;
  bool validate_only = false;
  bool per_row = false;
  std::string request_id;
};

struct BatchRowResult {
  absl::Status status;
  bool overload = false;
};

struct BatchResult {
  std::vector<BatchRowResult> rows;  // one per request row, in order
  int applied = 0;                   // rows written (0 for validate_only or a refused batch)
  bool replayed = false;             // a retry of a request_id already applied: nothing written
};

// What the storage runs per row inside its transaction (pure): OK(overload?) or the refusal.
using BatchCheck = std::function<absl::StatusOr<bool>(size_t row, const WalkInSnapshot&)>;

class RosterRepository {
 public:
  virtual ~RosterRepository() = default;
  // NOT_FOUND for an unknown section.
  virtual absl::StatusOr<Section> GetSection(const SectionKey& key) = 0;
  // Ordered by student id; page.after is a student id.
  virtual absl::StatusOr<api::Page<StoredEnrollment>> ListRoster(const SectionKey& key,
                                                                 const api::PageRequest& page) = 0;
  virtual absl::StatusOr<StudentSchedule> ReadStudentSchedule(const TrialKey& trial,
                                                              std::string_view student_id) = 0;
  virtual absl::StatusOr<std::vector<ScheduledSection>> TeacherSections(
      const TrialKey& trial, std::string_view teacher_id) = 0;
  // Newest first; page.after is a change id.
  virtual absl::StatusOr<api::Page<ScheduleChange>> ListChanges(const ChangeQuery& query,
                                                                const api::PageRequest& page) = 0;
  // One transaction: the trial guard, the student's advisory lock, the sections FOR UPDATE in id
  // order, `check` on what was read, the write and its audit row. A request_id seen before for
  // the same student returns the first result without checking again. Returns the enrollment
  // written (ADD, MOVE) or dropped (DROP).
  virtual absl::StatusOr<StoredEnrollment> ApplyWalkIn(const WalkIn& change,
                                                       const WalkInCheck& check) = 0;
  // One transaction: the trial guard, every row's student advisory lock and section rows (in a
  // fixed order), then each row in order: `check(i, ...)` on the state the earlier rows left, the
  // row's change and its audit row. Nothing is written for validate_only, nor when a row fails
  // unless per_row. A request_id with audit rows already returns replayed = true and writes
  // nothing.
  virtual absl::StatusOr<BatchResult> ApplyBatch(const BatchApply& batch,
                                                 const BatchCheck& check) = 0;
};

struct AddRequest {
  SectionKey section;
  std::string student_id;
  Enrollment fields;
  std::string reason;
  std::string request_id;
};

struct DropRequest {
  SectionKey section;
  std::string student_id;
  std::string reason;
  std::string request_id;
};

struct MoveRequest {
  SectionKey from;
  std::string to_section_id;
  std::string student_id;
  std::string reason;
  std::string request_id;
};

// True when the caller may add past capacity: the `overload` or `admin` scope.
bool HasOverloadRight(const auth::Caller& caller);

// Dates ("YYYY-MM-DD", end not before start), credit 0..999.99, request rank 0..99, as
// violations on enrollment.<field>.
void ValidateEnrollmentFields(FieldValidator& v, const Enrollment& e);

struct BatchRequest;  // roster_batch.h

class Rosters {
 public:
  Rosters(RosterRepository& repository, StudentDirectory& students, CourseRuleSource& rules,
          catalog::CatalogReader& catalog, access::CalendarSchools& schools,
          access::AccessChecker& access)
      : repository_(repository),
        students_(students),
        rules_(rules),
        catalog_(catalog),
        schools_(schools),
        access_(access) {}

  absl::StatusOr<api::Page<StoredEnrollment>> ListRoster(const auth::Caller& caller,
                                                         const SectionKey& section,
                                                         const api::PageRequest& page);
  absl::StatusOr<StudentSchedule> GetStudentSchedule(const auth::Caller& caller,
                                                     const TrialKey& trial,
                                                     std::string_view student_id);
  absl::StatusOr<std::vector<ScheduledSection>> GetTeacherSchedule(const auth::Caller& caller,
                                                                   const TrialKey& trial,
                                                                   std::string_view teacher_id);
  absl::StatusOr<api::Page<ScheduleChange>> ListChanges(const auth::Caller& caller,
                                                        const ChangeQuery& query,
                                                        const api::PageRequest& page);

  absl::StatusOr<StoredEnrollment> Add(const auth::Caller& caller, const AddRequest& request);
  absl::Status Drop(const auth::Caller& caller, const DropRequest& request);
  absl::StatusOr<StoredEnrollment> Move(const auth::Caller& caller, const MoveRequest& request);
  // roster_batch.cc
  absl::StatusOr<BatchResult> BatchEdit(const auth::Caller& caller, const BatchRequest& request);

 private:
  absl::Status AuthorizeWrite(const auth::Caller& caller, const TrialKey& trial);
  absl::StatusOr<WalkInFacts> FactsFor(const auth::Caller& caller, const TrialKey& trial,
                                       std::string_view student_id, std::string_view course_id);

  RosterRepository& repository_;
  StudentDirectory& students_;
  CourseRuleSource& rules_;
  catalog::CatalogReader& catalog_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
};

}  // namespace secsched::sectioning
