#include "services/sectioning/tests/schedule_seed.h"

#include <pqxx/pqxx>
#include <stdexcept>

#include "common/pg/transaction.h"

namespace secsched::sectioning::testing {
namespace {

template <class Fn>
void Run(pg::PgPool& pool, Fn&& fn) {
  absl::Status s = pg::WithTransaction(pool, [&](pqxx::work& tx) -> absl::Status {
    fn(tx);
    return absl::OkStatus();
  });
  if (!s.ok()) throw std::runtime_error("seed failed: " + s.ToString());
}

const char* SourceName(EnrollmentSource source) {
  switch (source) {
    case EnrollmentSource::kEngine:
      return "ENGINE";
    case EnrollmentSource::kWalkIn:
      return "WALK_IN";
    case EnrollmentSource::kBatch:
      return "BATCH";
    case EnrollmentSource::kManual:
      return "MANUAL";
  }
  return "MANUAL";
}

}  // namespace

void SeedTrial(pg::PgPool& pool, const TrialKey& trial) {
  Run(pool, [&](pqxx::work& tx) {
    tx.exec_params(
        "INSERT INTO trials (calendar_id, trial_id, display_name, creator) "
        "VALUES ($1, $2, $2, 'seed')",
        trial.calendar_id, trial.trial_id);
  });
}

void SeedSection(pg::PgPool& pool, const Section& s) {
  Run(pool, [&](pqxx::work& tx) {
    tx.exec_params(
        "INSERT INTO sections (calendar_id, trial_id, section_id, course_id, capacity, "
        "section_number, room_id, team_id, locked, source) VALUES ($1, $2, $3, $4, $5, $6, $7, "
        "$8, $9, $10)",
        s.calendar_id, s.trial_id, s.section_id, s.course_id, s.capacity, s.section_number,
        s.room_id, s.team_id, s.locked,
        std::string(s.source == SectionSource::kEngine ? "ENGINE" : "MANUAL"));
    auto teacher = [&](const std::string& id, const char* role) {
      tx.exec_params(
          "INSERT INTO section_teachers (calendar_id, trial_id, section_id, teacher_id, role) "
          "VALUES ($1, $2, $3, $4, $5)",
          s.calendar_id, s.trial_id, s.section_id, id, std::string(role));
    };
    if (!s.primary_teacher_id.empty()) teacher(s.primary_teacher_id, "PRIMARY");
    for (const std::string& co : s.co_teacher_ids) teacher(co, "CO");
    for (const Meeting& m : s.meetings) {
      tx.exec_params(
          "INSERT INTO section_meetings (calendar_id, trial_id, section_id, term_id, period, "
          "day_type) VALUES ($1, $2, $3, $4, $5, $6)",
          s.calendar_id, s.trial_id, s.section_id, m.term_id, m.period, m.day_type);
    }
  });
}

void SeedEnrollment(pg::PgPool& pool, const Enrollment& e) {
  Run(pool, [&](pqxx::work& tx) {
    tx.exec_params(
        "INSERT INTO enrollments (calendar_id, trial_id, section_id, student_id, course_id, "
        "source, locked, repeat, overload, request_rank) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULLIF($10, -1))",
        e.calendar_id, e.trial_id, e.section_id, e.student_id, e.course_id,
        std::string(SourceName(e.source)), e.locked, e.repeat, e.overload,
        e.request_rank.value_or(-1));
  });
}

void SeedUnmetRequest(pg::PgPool& pool, const TrialKey& trial, const std::string& student_id,
                      const std::string& course_id, bool required, const std::string& reason) {
  Run(pool, [&](pqxx::work& tx) {
    tx.exec_params(
        "INSERT INTO unmet_requests (calendar_id, trial_id, student_id, course_id, required, "
        "reason) VALUES ($1, $2, $3, $4, $5, $6)",
        trial.calendar_id, trial.trial_id, student_id, course_id, required, reason);
  });
}

}  // namespace secsched::sectioning::testing
