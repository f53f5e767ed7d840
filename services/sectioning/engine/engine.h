// The scheduling engine's public API: build sections, place them in a master schedule, load
// students into them, and explain what stayed unfilled.
//
// Every entry point validates the School first (SchoolIndex::Build): malformed input (duplicate or
// dangling ids, periods or terms outside the calendar, ...) is INVALID_ARGUMENT naming the id.
// Infeasible input is never an error: it is a result with warnings or unplaced ids.
//
// All entry points are deterministic for a given RunOptions::seed, honour time_limit and the
// cancel flag (returning promptly with the best result so far and `cancelled = true`), and call
// on_progress periodically.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/sectioning/engine/model.h"

namespace secsched::engine {

struct Progress {
  std::string phase;   // e.g. "construct", "anneal", "load", "improve"
  double percent = 0;  // 0..100 within the whole call
  double score = 0;    // the phase's objective so far (lower is better for the master schedule,
                       // higher is better for loading: weighted fulfilled requests)
};

struct RunOptions {
  std::uint64_t seed = 1;
  std::chrono::milliseconds time_limit{10000};
  const std::atomic<bool>* cancel = nullptr;         // polled often (every <~10 ms of work)
  std::function<void(const Progress&)> on_progress;  // may be empty
};

// ---------------------------------------------------------------------------------------------
// Build sections from the request tally: ceil(requests / max_students) per course unless fixed,
// plus one for slack where they would be over 95 % full and a teacher and rooms can spare it
// (docs/formats/school-json.md, sections_to_build).
// ---------------------------------------------------------------------------------------------
struct BuildSectionsResult {
  // The input sections (locked ones untouched) plus the new ones, with teachers and rooms
  // assigned where possible. New sections are unplaced; ids are "<course_id>-<n>".
  std::vector<Section> sections;
  std::vector<std::string> warnings;  // e.g. no qualified teacher / no room of the type
  // The new sections added for slack only (beyond ceil(requests / max)): BuildMasterSchedule
  // drops one it cannot place instead of reporting it unplaced.
  std::vector<std::string> slack_section_ids;
};
absl::StatusOr<BuildSectionsResult> BuildSections(const School& school, const RunOptions& options);

// ---------------------------------------------------------------------------------------------
// Place sections in periods x terms (the master schedule); with a day rotation, periods x
// (term, day) slots, each section on the day set its course's days_per_rotation allows
// (Calendar in model.h).
// Runs BuildSections first: the given sections are kept (locked ones untouched) and courses with
// fewer sections than they need get new ones; then every unlocked section is placed, with
// teachers and rooms never double-booked, so that as many students as possible can be seated
// completely: the search counts both time conflicts and seats (a section's capacity).
// ---------------------------------------------------------------------------------------------
struct MasterScheduleResult {
  std::vector<Section> sections;  // placed, teacher + room set (except those listed unplaced)
  // Students who cannot take all their primary requests because of the placement alone
  // (capacity ignored): no conflict-free choice of one section per requested course exists.
  int conflicted_students = 0;
  double conflict_score = 0;  // the optimised objective (weighted expected conflicts)
  std::vector<std::string> unplaced_section_ids;
  std::vector<std::string> warnings;
  bool cancelled = false;
};
absl::StatusOr<MasterScheduleResult> BuildMasterSchedule(const School& school,
                                                         const RunOptions& options);

// ---------------------------------------------------------------------------------------------
// Load students into the placed sections of school.sections.
// ---------------------------------------------------------------------------------------------
struct LoadOptions {
  RunOptions run;
  // Keep existing school.enrollments where still valid. A student who keeps all of them is not
  // moved (only open requests may be filled); only students who lost an enrollment are
  // re-sectioned.
  bool reload = false;
};
struct LoadResult {
  std::vector<Enrollment> enrollments;
  int students_moved = 0;  // reload: students whose set of sections changed
  bool cancelled = false;
};
absl::StatusOr<LoadResult> LoadStudents(const School& school, const LoadOptions& options);

// ---------------------------------------------------------------------------------------------
// Explain every unfilled primary request, given school.sections and school.enrollments.
// ---------------------------------------------------------------------------------------------
struct UnfilledRequest {
  std::string student_id;
  std::string course_id;
  // SECTIONS_FULL, TIME_CONFLICT, TEAM, RULE, TEACHER_CONSTRAINT, PERIOD_BLOCKED, NO_SECTIONS
  std::string reason_code;
  std::string reason;  // a human sentence naming the conflicting courses etc.
  std::vector<std::string> conflicting_course_ids;
};
absl::StatusOr<std::vector<UnfilledRequest>> Explain(const School& school);

}  // namespace secsched::engine
