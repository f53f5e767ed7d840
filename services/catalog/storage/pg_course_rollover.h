// The courses part of a calendar roll-over: called by the calendar roll-over inside its one
// transaction, so next year's calendar gets this year's courses atomically with its terms
// and periods.
#pragma once

#include <pqxx/pqxx>
#include <string_view>

namespace secsched::catalog {

// Copies every course of `from_calendar_id` whose number the target calendar does not have yet
// (all fields, the master link and locked fields; request_id is not copied). Idempotent:
// running it again copies nothing. A course keeps its id unless the target already uses that id
// for another number, in which case it gets a fresh one. pqxx exceptions propagate to the
// caller's pg::WithTransaction.
void CopyCoursesForRollOver(pqxx::work& txn, std::string_view from_calendar_id,
                            std::string_view to_calendar_id);

}  // namespace secsched::catalog
