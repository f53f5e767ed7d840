// SQL for a calendar's setup (terms, day types and periods, day pattern and holidays), inside a
// transaction the caller runs: PgCalendarRepository uses these for the setup methods and the
// roll-over, which writes next year's setup in the same transaction as the new calendar.
#pragma once

#include <pqxx/pqxx>
#include <string_view>

#include "services/catalog/domain/calendar_setup.h"

namespace secsched::catalog::storage {

CalendarSetup LoadSetup(pqxx::work& tx, std::string_view calendar_id);

// Each deletes the calendar's rows of that part and inserts the new ones.
void WriteTerms(pqxx::work& tx, std::string_view calendar_id, const std::optional<TermSet>& terms);
void WritePeriodSchedule(pqxx::work& tx, std::string_view calendar_id,
                         const PeriodSchedule& schedule);
void WriteDayPattern(pqxx::work& tx, std::string_view calendar_id,
                     const std::optional<DayPattern>& pattern);

}  // namespace secsched::catalog::storage
