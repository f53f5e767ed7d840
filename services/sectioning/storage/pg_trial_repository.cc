#include "services/sectioning/storage/pg_trial_repository.h"

#include <pqxx/pqxx>

#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"

namespace secsched::sectioning {
namespace {

constexpr char kSelect[] =
    "SELECT t.calendar_id, t.trial_id, t.display_name, t.creator, "
    "(extract(epoch FROM t.create_time) * 1000000)::bigint AS create_us, "
    "(SELECT count(*) FROM sections s "
    "  WHERE s.calendar_id = t.calendar_id AND s.trial_id = t.trial_id)::int AS section_count "
    "FROM trials t ";

Trial FromRow(const pqxx::row& row) {
  return Trial{
      .key = {row["calendar_id"].as<std::string>(), row["trial_id"].as<std::string>()},
      .display_name = row["display_name"].as<std::string>(),
      .creator = row["creator"].as<std::string>(),
      .section_count = row["section_count"].as<int>(),
      .create_time = pg::TimeOf(row["create_us"]),
  };
}

}  // namespace

absl::StatusOr<Trial> PgTrialRepository::Create(const Trial& trial, std::string_view request_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Trial> {
    if (!request_id.empty()) {
      pqxx::result existing = tx.exec_params(std::string(kSelect) + "WHERE t.request_id = $1",
                                             std::string(request_id));
      if (!existing.empty()) return FromRow(existing[0]);
    }
    tx.exec_params(
        "INSERT INTO trials (calendar_id, trial_id, display_name, creator, request_id) "
        "VALUES ($1, $2, $3, $4, NULLIF($5, ''))",
        trial.key.calendar_id, trial.key.trial_id, trial.display_name, trial.creator,
        std::string(request_id));
    pqxx::result rows = tx.exec_params(
        std::string(kSelect) + "WHERE t.calendar_id = $1 AND t.trial_id = $2",
        trial.key.calendar_id, trial.key.trial_id);
    return FromRow(rows[0]);
  });
}

absl::StatusOr<Trial> PgTrialRepository::Get(const TrialKey& key) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Trial> {
    pqxx::result rows = tx.exec_params(
        std::string(kSelect) + "WHERE t.calendar_id = $1 AND t.trial_id = $2", key.calendar_id,
        key.trial_id);
    if (rows.empty()) {
      return absl::NotFoundError("Trial " + key.trial_id + " not found in calendar " +
                                 key.calendar_id + ".");
    }
    return FromRow(rows[0]);
  });
}

}  // namespace secsched::sectioning
