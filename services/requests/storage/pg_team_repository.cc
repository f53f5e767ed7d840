#include "services/requests/storage/pg_team_repository.h"

#include <pqxx/pqxx>

#include "common/api/paging.h"
#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"

namespace secsched::requests {
namespace {

constexpr char kColumns[] =
    "t.calendar_id, t.team_id, t.display_name, "
    "(extract(epoch FROM t.create_time) * 1000000)::bigint AS create_us, "
    "(SELECT count(*) FROM students s WHERE s.calendar_id = t.calendar_id "
    " AND s.team = t.team_id)::int AS student_count";

Team FromRow(const pqxx::row& row) {
  return Team{.calendar_id = row["calendar_id"].as<std::string>(),
              .team_id = row["team_id"].as<std::string>(),
              .display_name = row["display_name"].as<std::string>(),
              .student_count = row["student_count"].as<int>(),
              .create_time = pg::TimeOf(row["create_us"])};
}

}  // namespace

absl::StatusOr<Team> PgTeamRepository::Create(const Team& team) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Team> {
    tx.exec_params("INSERT INTO teams (calendar_id, team_id, display_name) VALUES ($1, $2, $3)",
                   team.calendar_id, team.team_id, team.display_name);
    pqxx::result rows = tx.exec_params(
        std::string("SELECT ") + kColumns + " FROM teams t WHERE calendar_id = $1 AND team_id = $2",
        team.calendar_id, team.team_id);
    return FromRow(rows[0]);
  });
}

absl::StatusOr<api::Page<Team>> PgTeamRepository::List(std::string_view calendar_id,
                                                       std::string_view after, int page_size) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<api::Page<Team>> {
    pqxx::result rows = tx.exec_params(
        std::string("SELECT ") + kColumns +
            " FROM teams t WHERE calendar_id = $1 AND team_id > $2 ORDER BY team_id LIMIT $3",
        std::string(calendar_id), std::string(after), page_size + 1);
    api::Page<Team> page;
    for (const pqxx::row& row : rows) page.items.push_back(FromRow(row));
    page.next_after =
        api::TrimToPage(page.items, page_size, [](const Team& item) { return item.team_id; });
    return page;
  });
}

absl::Status PgTeamRepository::Delete(std::string_view calendar_id, std::string_view team_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    // Locking the team first makes a concurrent assignment (which takes it FOR SHARE) wait.
    pqxx::result team =
        tx.exec_params("SELECT 1 FROM teams WHERE calendar_id = $1 AND team_id = $2 FOR UPDATE",
                       std::string(calendar_id), std::string(team_id));
    if (team.empty()) {
      return absl::NotFoundError("Team " + std::string(team_id) + " not found.");
    }
    pqxx::row members =
        tx.exec_params1("SELECT count(*)::int FROM students WHERE calendar_id = $1 AND team = $2",
                        std::string(calendar_id), std::string(team_id));
    if (int count = members[0].as<int>(); count > 0) {
      return absl::FailedPreconditionError("Team " + std::string(team_id) + " still has " +
                                           std::to_string(count) +
                                           " students; move them off the team first.");
    }
    tx.exec_params("DELETE FROM teams WHERE calendar_id = $1 AND team_id = $2",
                   std::string(calendar_id), std::string(team_id));
    return absl::OkStatus();
  });
}

}  // namespace secsched::requests
