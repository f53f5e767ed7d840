#include "services/sectioning/tests/roster_seed.h"

#include <pqxx/pqxx>
#include <stdexcept>

#include "common/pg/transaction.h"

namespace secsched::sectioning::testing {
namespace {

template <class Fn>
void Run(pg::PgPool& pool, Fn fn) {
  absl::Status s = pg::WithTransaction(pool, [&](pqxx::work& tx) -> absl::Status {
    fn(tx);
    return absl::OkStatus();
  });
  if (!s.ok()) throw std::runtime_error(s.ToString());
}

}  // namespace

void RosterSeed::Trial() {
  Run(pool_, [&](pqxx::work& tx) {
    tx.exec_params(
        "INSERT INTO trials (calendar_id, trial_id, display_name, creator) VALUES ($1, $2, $2, "
        "'seed')",
        calendar_, trial_);
  });
}

void RosterSeed::Section(const SeedSection& s) {
  Run(pool_, [&](pqxx::work& tx) {
    tx.exec_params(
        "INSERT INTO sections (calendar_id, trial_id, section_id, course_id, capacity, "
        "section_number, room_id, team_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        calendar_, trial_, s.id, s.course, s.capacity, s.number, s.room, s.team);
    if (!s.teacher.empty()) {
      tx.exec_params("INSERT INTO section_teachers VALUES ($1, $2, $3, $4, 'PRIMARY')", calendar_,
                     trial_, s.id, s.teacher);
    }
    for (const std::string& co : s.co_teachers) {
      tx.exec_params("INSERT INTO section_teachers VALUES ($1, $2, $3, $4, 'CO')", calendar_,
                     trial_, s.id, co);
    }
    for (const Meeting& m : s.meetings) {
      tx.exec_params("INSERT INTO section_meetings VALUES ($1, $2, $3, $4, $5, $6)", calendar_,
                     trial_, s.id, m.term_id, m.period, m.day_type);
    }
  });
}

void RosterSeed::Unmet(const std::string& student, const std::string& course,
                       const std::string& reason, bool required) {
  Run(pool_, [&](pqxx::work& tx) {
    tx.exec_params("INSERT INTO unmet_requests VALUES ($1, $2, $3, $4, $5, $6)", calendar_, trial_,
                   student, course, required, reason);
  });
}

void RosterSeed::Lock(bool locked) {
  Run(pool_, [&](pqxx::work& tx) {
    tx.exec_params("UPDATE trials SET locked = $3 WHERE calendar_id = $1 AND trial_id = $2",
                   calendar_, trial_, locked);
  });
}

int RosterSeed::Enrolled(const std::string& section) {
  int count = 0;
  Run(pool_, [&](pqxx::work& tx) {
    count = tx.exec_params(
                  "SELECT count(*)::int FROM enrollments WHERE calendar_id = $1 AND trial_id = $2 "
                  "AND section_id = $3",
                  calendar_, trial_, section)[0][0]
                .as<int>();
  });
  return count;
}

int RosterSeed::StoredEnrolled(const std::string& section) {
  int count = 0;
  Run(pool_, [&](pqxx::work& tx) {
    count = tx.exec_params(
                  "SELECT enrolled FROM sections WHERE calendar_id = $1 AND trial_id = $2 AND "
                  "section_id = $3",
                  calendar_, trial_, section)[0][0]
                .as<int>();
  });
  return count;
}

std::vector<std::string> RosterSeed::SectionsOf(const std::string& student) {
  std::vector<std::string> out;
  Run(pool_, [&](pqxx::work& tx) {
    out.clear();
    for (const pqxx::row& row : tx.exec_params(
             "SELECT section_id FROM enrollments WHERE calendar_id = $1 AND trial_id = $2 AND "
             "student_id = $3 ORDER BY section_id",
             calendar_, trial_, student)) {
      out.push_back(row[0].as<std::string>());
    }
  });
  return out;
}

}  // namespace secsched::sectioning::testing
