// The engine jobs' side of the schedule tables: read a trial's whole schedule (one REPEATABLE
// READ transaction), and write a job's result inside the job's fenced completion transaction
// (jobs::JobContext::CompleteWith), so a killed worker's partial output never appears and a
// redelivered job writes once. Each write is a handful of set-based statements (JSON
// parameters), whatever the size of the school.
#pragma once

#include <pqxx/pqxx>
#include <vector>

#include "absl/status/status.h"
#include "common/pg/pool.h"
#include "services/sectioning/domain/school_source.h"

namespace secsched::sectioning {

// An unmet primary request as EXPLAIN stores it.
struct UnmetRow {
  std::string student_id;
  std::string course_id;
  bool required = false;
  std::string reason_code;  // SECTIONS_FULL, TIME_CONFLICT, ...
  std::string reason;       // a sentence naming the conflicting courses
};

// BOUND's answer for the trial's master.
struct LoadBound {
  int primary_requests = 0;
  int best_possible = 0;
  bool proven_optimal = false;
  std::string job_id;
};

// What a write changed.
struct ScheduleWriteCounts {
  int sections_written = 0;
  int sections_deleted = 0;
  int enrollments_added = 0;
  int enrollments_removed = 0;
  int enrollments_kept = 0;
};

class PgScheduleStore final : public TrialScheduleReader {
 public:
  explicit PgScheduleStore(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<TrialSchedule> ReadSchedule(const TrialKey& trial) override;

  // Upserts `sections` (row, teachers, meetings) and deletes the trial's other sections that are
  // unlocked and have no enrollment. Sections not in `sections` that are locked or enrolled stay
  // as they are. Starts with GuardTrialWrite (a locked trial is FAILED_PRECONDITION).
  static absl::StatusOr<ScheduleWriteCounts> WriteSections(pqxx::work& tx, const TrialKey& trial,
                                                           const std::vector<Section>& sections);

  // Makes the trial's enrollments equal `enrollments` by (student, section): rows already there
  // are left untouched (dates, source, locks, creation time), the others are removed or added.
  static absl::StatusOr<ScheduleWriteCounts> WriteEnrollments(
      pqxx::work& tx, const TrialKey& trial, const std::vector<Enrollment>& enrollments);

  // Replaces the trial's unmet requests.
  static absl::Status WriteUnmet(pqxx::work& tx, const TrialKey& trial,
                                 const std::vector<UnmetRow>& unmet);

  // Replaces the trial's load bound.
  static absl::Status WriteBound(pqxx::work& tx, const TrialKey& trial, const LoadBound& bound);
  // ANALYZE of the schedule's tables, in the writing transaction (its statistics commit with
  // it). A job replaces thousands of rows at once; until autovacuum next samples the tables
  // (a minute or more) the planner would plan every schedule read for the old contents, on a
  // first load for empty tables: nested loops over whole trials (90 ms for a student's
  // schedule on the sample school instead of about 1 ms).
  static void RefreshPlannerStatistics(pqxx::work& tx);

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::sectioning
