#include "services/catalog/storage/pg_calendar_repository.h"

#include <pqxx/pqxx>

#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"

namespace secsched::catalog {
namespace {

constexpr char kColumns[] =
    "id, school_id, school_year, display_name, state, creator, "
    "(extract(epoch FROM create_time) * 1000000)::bigint AS create_us";

std::string_view StateName(CalendarState state) {
  switch (state) {
    case CalendarState::kDraft: return "DRAFT";
    case CalendarState::kSubmitted: return "SUBMITTED";
    case CalendarState::kApproved: return "APPROVED";
    case CalendarState::kReturned: return "RETURNED";
  }
  return "DRAFT";
}

CalendarState ParseState(std::string_view text) {
  if (text == "SUBMITTED") return CalendarState::kSubmitted;
  if (text == "APPROVED") return CalendarState::kApproved;
  if (text == "RETURNED") return CalendarState::kReturned;
  return CalendarState::kDraft;
}

Calendar FromRow(const pqxx::row& row) {
  return Calendar{
      .id = row["id"].as<std::string>(),
      .school_id = row["school_id"].as<std::string>(),
      .school_year = row["school_year"].as<std::string>(),
      .display_name = row["display_name"].as<std::string>(),
      .state = ParseState(row["state"].as<std::string>()),
      .creator = row["creator"].as<std::string>(),
      .create_time = pg::TimeOf(row["create_us"]),
  };
}

}  // namespace

absl::StatusOr<Calendar> PgCalendarRepository::Create(const Calendar& calendar,
                                                      std::string_view request_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Calendar> {
    // A retried request returns what the first one created.
    if (!request_id.empty()) {
      pqxx::result existing = tx.exec_params(
          std::string("SELECT ") + kColumns + " FROM catalog.calendars WHERE request_id = $1",
          std::string(request_id));
      if (!existing.empty()) return FromRow(existing[0]);
    }
    pqxx::result inserted = tx.exec_params(
        std::string("INSERT INTO catalog.calendars (id, school_id, school_year, display_name, state, "
                    "creator, request_id) VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, '')) "
                    "RETURNING ") + kColumns,
        calendar.id, calendar.school_id, calendar.school_year, calendar.display_name,
        std::string(StateName(calendar.state)), calendar.creator, std::string(request_id));
    return FromRow(inserted[0]);
  });
}

absl::StatusOr<Calendar> PgCalendarRepository::Get(std::string_view id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Calendar> {
    pqxx::result rows = tx.exec_params(
        std::string("SELECT ") + kColumns + " FROM catalog.calendars WHERE id = $1", std::string(id));
    if (rows.empty()) return absl::NotFoundError("Calendar " + std::string(id) + " not found.");
    return FromRow(rows[0]);
  });
}

}  // namespace secsched::catalog
