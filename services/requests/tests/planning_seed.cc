#include "services/requests/tests/planning_seed.h"

#include <algorithm>
#include <cstdio>
#include <pqxx/pqxx>
#include <random>

#include "common/pg/transaction.h"

namespace secsched::requests::testing {
namespace {

std::string StudentNumber(int i) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "st%05d", i);
  return buffer;
}

// Runs `rows` ("(...)" tuples) as INSERTs of at most 1000 rows each.
void InsertAll(pqxx::work& tx, const std::string& head, const std::vector<std::string>& rows) {
  for (size_t start = 0; start < rows.size(); start += 1000) {
    std::string sql = head;
    for (size_t i = start; i < std::min(rows.size(), start + 1000); ++i) {
      sql += (i > start ? ", " : " ") + rows[i];
    }
    tx.exec(sql);
  }
}

}  // namespace

absl::Status SeedStudentsAndRequests(pg::PgPool& pool, const SeedOptions& options) {
  if (options.requests_per_student > static_cast<int>(options.course_ids.size())) {
    return absl::InvalidArgumentError("more requests per student than courses");
  }
  std::mt19937 random(options.seed);
  std::vector<std::string> students, requests;
  for (int i = 1; i <= options.students; ++i) {
    const std::string number = StudentNumber(i);
    students.push_back("('" + options.calendar_id + "', '" + number + "', 'Student " + number +
                       "', " + std::to_string(9 + i % 4) + ", '" + (i % 5 == 0 ? "academy" : "") +
                       "', " + (i % 100 == 7 ? "false" : "true") + ")");
    std::vector<std::string> picks = options.course_ids;
    std::shuffle(picks.begin(), picks.end(), random);
    for (int k = 0; k < options.requests_per_student; ++k) {
      requests.push_back("('" + options.calendar_id + "', '" + number + "', 'seed-" +
                         std::to_string(k) + "', '" + picks[k] +
                         "', 'PRIMARY', false, 0, 'IMPORT', 'seed')");
    }
  }
  return pg::WithTransaction(pool, [&](pqxx::work& tx) -> absl::Status {
    InsertAll(tx,
              "INSERT INTO students (calendar_id, student_number, display_name, grade, team, "
              "active) VALUES",
              students);
    InsertAll(tx,
              "INSERT INTO course_requests (calendar_id, student_number, request_id, course_id, "
              "kind, required, priority, source, entered_by) VALUES",
              requests);
    // Fresh statistics, so the planner does not treat the new tables as empty.
    tx.exec("ANALYZE students");
    tx.exec("ANALYZE course_requests");
    return absl::OkStatus();
  });
}

}  // namespace secsched::requests::testing
