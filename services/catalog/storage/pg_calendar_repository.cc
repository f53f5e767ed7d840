#include "services/catalog/storage/pg_calendar_repository.h"

#include <pqxx/pqxx>

#include "common/pg/errors.h"
#include "common/pg/prepared.h"
#include "common/pg/request_ids.h"
#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"
#include "services/catalog/storage/pg_calendar_setup_rows.h"
#include "services/catalog/storage/pg_course_rollover.h"

namespace secsched::catalog {
namespace {

const std::string kColumns =
    "id, school_id, school_year, display_name, state, creator, "
    "coalesce(rolled_over_from, '') AS rolled_over_from, " +
    pg::MicrosOf("create_time") + " AS create_us, " + pg::MicrosOf("update_time") + " AS update_us";

Calendar FromRow(const pqxx::row& row) {
  return Calendar{
      .id = row["id"].as<std::string>(),
      .school_id = row["school_id"].as<std::string>(),
      .school_year = row["school_year"].as<std::string>(),
      .display_name = row["display_name"].as<std::string>(),
      .state = ParseStateName(row["state"].as<std::string>()),
      .creator = row["creator"].as<std::string>(),
      .rolled_over_from = row["rolled_over_from"].as<std::string>(),
      .create_time = pg::TimeOf(row["create_us"]),
      .update_time = pg::TimeOf(row["update_us"]),
  };
}

absl::Status NotFound(std::string_view id) {
  return absl::NotFoundError("Calendar " + std::string(id) + " not found.");
}

// The calendar row, locked until the transaction ends; nullopt when there is none.
std::optional<Calendar> LockCalendar(pqxx::work& tx, std::string_view id) {
  pqxx::result rows = tx.exec_params(
      "SELECT " + kColumns + " FROM catalog.calendars WHERE id = $1 FOR UPDATE", std::string(id));
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0]);
}

absl::Status YearTaken(const Calendar& calendar) {
  return absl::AlreadyExistsError("School " + calendar.school_id + " already has a calendar for " +
                                  calendar.school_year + ".");
}

Calendar Insert(pqxx::work& tx, const Calendar& calendar, std::string_view request_id) {
  pqxx::result inserted = tx.exec_params(
      "INSERT INTO catalog.calendars (id, school_id, school_year, display_name, state, creator, "
      "request_id, rolled_over_from) VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, ''), "
      "NULLIF($8, '')) RETURNING " +
          kColumns,
      calendar.id, calendar.school_id, calendar.school_year, calendar.display_name,
      std::string(StateName(calendar.state)), calendar.creator, std::string(request_id),
      calendar.rolled_over_from);
  return FromRow(inserted[0]);
}

}  // namespace

absl::StatusOr<Calendar> PgCalendarRepository::Create(const Calendar& calendar,
                                                      std::string_view request_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Calendar> {
    // A retried request returns what the first one created.
    if (!request_id.empty()) {
      if (absl::Status s = pg::ClaimRequestId(tx, "calendars", request_id); !s.ok()) return s;
      pqxx::result existing =
          tx.exec_params("SELECT " + kColumns + " FROM catalog.calendars WHERE request_id = $1",
                         std::string(request_id));
      if (!existing.empty()) return FromRow(existing[0]);
    }
    if (!tx.exec_params("SELECT 1 FROM catalog.calendars WHERE school_id = $1 AND school_year = $2",
                        calendar.school_id, calendar.school_year)
             .empty()) {
      return YearTaken(calendar);
    }
    return Insert(tx, calendar, request_id);
  });
}

absl::StatusOr<Calendar> PgCalendarRepository::Get(std::string_view id) {
  return pg::WithSingleStatementRead(
      pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<Calendar> {
        pqxx::result rows = pg::ExecPrepared(
            tx, "SELECT " + kColumns + " FROM catalog.calendars WHERE id = $1", std::string(id));
        if (rows.empty()) return NotFound(id);
        return FromRow(rows[0]);
      });
}

absl::StatusOr<std::vector<Calendar>> PgCalendarRepository::List(std::string_view school_id,
                                                                 std::string_view after_id,
                                                                 int limit) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<Calendar>> {
    std::vector<Calendar> calendars;
    for (const pqxx::row& row :
         tx.exec_params("SELECT " + kColumns +
                            " FROM catalog.calendars "
                            "WHERE ($1 = '' OR school_id = $1) AND id COLLATE \"C\" > $2 "
                            "ORDER BY id COLLATE \"C\" LIMIT $3",
                        std::string(school_id), std::string(after_id), limit)) {
      calendars.push_back(FromRow(row));
    }
    return calendars;
  });
}

absl::StatusOr<Calendar> PgCalendarRepository::UpdateDisplayName(std::string_view id,
                                                                 std::string_view display_name) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Calendar> {
    pqxx::result rows = tx.exec_params(
        "UPDATE catalog.calendars SET display_name = $2, update_time = now() WHERE id = $1 "
        "RETURNING " +
            kColumns,
        std::string(id), std::string(display_name));
    if (rows.empty()) return NotFound(id);
    return FromRow(rows[0]);
  });
}

absl::StatusOr<Calendar> PgCalendarRepository::Transition(std::string_view id,
                                                          const TransitionDecider& decide,
                                                          std::string_view actor,
                                                          std::string_view comment) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Calendar> {
    std::optional<Calendar> calendar = LockCalendar(tx, id);
    if (!calendar) return NotFound(id);
    absl::StatusOr<CalendarState> next = decide(*calendar, storage::LoadSetup(tx, id));
    if (!next.ok()) return next.status();
    tx.exec_params(
        "INSERT INTO catalog.calendar_transitions (calendar_id, from_state, to_state, actor, "
        "comment) VALUES ($1, $2, $3, $4, $5)",
        std::string(id), std::string(StateName(calendar->state)), std::string(StateName(*next)),
        std::string(actor), std::string(comment));
    pqxx::result rows = tx.exec_params(
        "UPDATE catalog.calendars SET state = $2, update_time = now() WHERE id = $1 RETURNING " +
            kColumns,
        std::string(id), std::string(StateName(*next)));
    return FromRow(rows[0]);
  });
}

absl::StatusOr<std::vector<CalendarTransition>> PgCalendarRepository::ListTransitions(
    std::string_view id, int64_t after, int limit) {
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<CalendarTransition>> {
        if (tx.exec_params("SELECT 1 FROM catalog.calendars WHERE id = $1", std::string(id))
                .empty()) {
          return NotFound(id);
        }
        std::vector<CalendarTransition> transitions;
        for (const pqxx::row& row : tx.exec_params(
                 "SELECT sequence, from_state, to_state, actor, comment, " +
                     pg::MicrosOf("create_time") +
                     " FROM catalog.calendar_transitions WHERE calendar_id = $1 AND sequence > $2 "
                     "ORDER BY sequence LIMIT $3",
                 std::string(id), after, limit)) {
          transitions.push_back({.sequence = row[0].as<int64_t>(),
                                 .from = ParseStateName(row[1].as<std::string>()),
                                 .to = ParseStateName(row[2].as<std::string>()),
                                 .actor = row[3].as<std::string>(),
                                 .comment = row[4].as<std::string>(),
                                 .time = pg::TimeOf(row[5])});
        }
        return transitions;
      });
}

absl::StatusOr<CalendarRepository::RollOverResult> PgCalendarRepository::RollOver(
    std::string_view from_id, const Calendar& next) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<RollOverResult> {
    // Locking the source serialises concurrent roll-overs of it: the second finds the first's.
    if (!LockCalendar(tx, from_id)) return NotFound(from_id);
    pqxx::result existing = tx.exec_params(
        "SELECT " + kColumns + " FROM catalog.calendars WHERE school_id = $1 AND school_year = $2",
        next.school_id, next.school_year);
    if (!existing.empty()) {
      Calendar found = FromRow(existing[0]);
      if (found.rolled_over_from == from_id) return RollOverResult{found, false};
      return absl::AlreadyExistsError("School " + next.school_id + " already has calendar " +
                                      found.id + " for " + next.school_year +
                                      ", not rolled over from " + std::string(from_id) + ".");
    }
    const Calendar created = Insert(tx, next, "");
    const CalendarSetup setup = ShiftSetupOneYear(storage::LoadSetup(tx, from_id));
    storage::WriteTerms(tx, created.id, setup.terms);
    storage::WritePeriodSchedule(tx, created.id, setup.periods);
    storage::WriteDayPattern(tx, created.id, setup.days);
    CopyCoursesForRollOver(tx, from_id, created.id);
    return RollOverResult{created, true};
  });
}

absl::StatusOr<CalendarSetup> PgCalendarRepository::GetSetup(std::string_view id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<CalendarSetup> {
    if (tx.exec_params("SELECT 1 FROM catalog.calendars WHERE id = $1", std::string(id)).empty()) {
      return NotFound(id);
    }
    return storage::LoadSetup(tx, id);
  });
}

absl::Status PgCalendarRepository::EditSetup(std::string_view id,
                                             const std::function<void(pqxx::work&)>& write) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    std::optional<Calendar> calendar = LockCalendar(tx, id);
    if (!calendar) return NotFound(id);
    if (absl::Status s = RequireEditable(id, calendar->state); !s.ok()) return s;
    write(tx);
    return absl::OkStatus();
  });
}

absl::Status PgCalendarRepository::ReplaceTerms(std::string_view id, const TermSet& terms) {
  return EditSetup(id, [&](pqxx::work& tx) { storage::WriteTerms(tx, id, terms); });
}

absl::Status PgCalendarRepository::ReplacePeriodSchedule(std::string_view id,
                                                         const PeriodSchedule& schedule) {
  return EditSetup(id, [&](pqxx::work& tx) { storage::WritePeriodSchedule(tx, id, schedule); });
}

absl::Status PgCalendarRepository::ReplaceDayPattern(std::string_view id,
                                                     const DayPattern& pattern) {
  return EditSetup(id, [&](pqxx::work& tx) { storage::WriteDayPattern(tx, id, pattern); });
}

}  // namespace secsched::catalog
