// CalendarRepository on PostgreSQL (schema `catalog`): calendars, their setup
// (pg_calendar_setup_rows.h), the submission history and the roll-over.
#pragma once

#include <functional>
#include <pqxx/transaction>

#include "common/pg/pool.h"
#include "services/catalog/domain/calendar.h"

namespace secsched::catalog {

class PgCalendarRepository final : public CalendarRepository {
 public:
  explicit PgCalendarRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<Calendar> Create(const Calendar& calendar, std::string_view request_id) override;
  absl::StatusOr<Calendar> Get(std::string_view id) override;
  absl::StatusOr<std::vector<Calendar>> List(std::string_view school_id, std::string_view after_id,
                                             int limit) override;
  absl::StatusOr<Calendar> UpdateDisplayName(std::string_view id,
                                             std::string_view display_name) override;
  absl::StatusOr<Calendar> Transition(std::string_view id, const TransitionDecider& decide,
                                      std::string_view actor, std::string_view comment) override;
  absl::StatusOr<std::vector<CalendarTransition>> ListTransitions(std::string_view id,
                                                                  int64_t after,
                                                                  int limit) override;
  absl::StatusOr<RollOverResult> RollOver(std::string_view from_id, const Calendar& next) override;
  absl::StatusOr<CalendarSetup> GetSetup(std::string_view id) override;
  absl::Status ReplaceTerms(std::string_view id, const TermSet& terms) override;
  absl::Status ReplacePeriodSchedule(std::string_view id, const PeriodSchedule& schedule) override;
  absl::Status ReplaceDayPattern(std::string_view id, const DayPattern& pattern) override;

 private:
  // Runs `write` in a transaction after locking the calendar row and checking RequireEditable.
  absl::Status EditSetup(std::string_view id, const std::function<void(pqxx::work&)>& write);

  pg::PgPool& pool_;
};

}  // namespace secsched::catalog
