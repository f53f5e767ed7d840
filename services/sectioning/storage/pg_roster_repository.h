// Rosters on PostgreSQL: enrollments, their sections' meetings and teachers, the audit
// (schedule_changes) and unmet requests of the sectioning schema (migrations 002, 005).
// Reads in pg_roster_reads.cc, the walk-in transaction in pg_roster_walk_in.cc.
#pragma once

#include "common/pg/pool.h"
#include "services/sectioning/domain/rosters.h"

namespace secsched::sectioning {

class PgRosterRepository final : public RosterRepository {
 public:
  explicit PgRosterRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<Section> GetSection(const SectionKey& key) override;
  absl::StatusOr<api::Page<StoredEnrollment>> ListRoster(const SectionKey& key,
                                                         const api::PageRequest& page) override;
  absl::StatusOr<sectioning::StudentSchedule> ReadStudentSchedule(
      const TrialKey& trial, std::string_view student_id) override;
  absl::StatusOr<std::vector<ScheduledSection>> TeacherSections(
      const TrialKey& trial, std::string_view teacher_id) override;
  absl::StatusOr<api::Page<ScheduleChange>> ListChanges(const ChangeQuery& query,
                                                        const api::PageRequest& page) override;
  // Locks, in this order (so two walk-ins never deadlock): the trial row FOR SHARE
  // (GuardTrialWrite), pg_advisory_xact_lock on a hash of (calendar, trial, student), the
  // section rows FOR UPDATE in section-id order. Enrolled counts are read after the locks, in
  // statements of their own, so they see every walk-in that held the locks before. The change
  // itself is applied by RosterChanges, as a batch row is.
  absl::StatusOr<StoredEnrollment> ApplyWalkIn(const WalkIn& change,
                                               const WalkInCheck& check) override;
  // pg_roster_batch.cc. Locks every row's student (advisory, in hash order), then every section
  // (FOR UPDATE, in id order), reads what the rows touch once, applies the rows in memory
  // (RosterChanges) and writes the net result set-based.
  absl::StatusOr<BatchResult> ApplyBatch(const BatchApply& batch, const BatchCheck& check) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::sectioning
