// The schedule's meetings (term, period, day type — what the API and the database hold) and the
// engine's placement (first period + a (term, day) slot mask) are two spellings of one thing.
// These convert between them for one calendar; the engine's periods are 0-based, the school's
// 1-based.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/sectioning/domain/schedule_model.h"
#include "services/sectioning/engine/model.h"

namespace secsched::sectioning {

// The calendar as the engine sees it plus the names it needs to turn masks back into meetings.
struct EngineCalendar {
  engine::Calendar calendar;
  std::vector<std::string> term_ids;   // engine term i ↔ term_ids[i]
  std::vector<std::string> day_types;  // engine day d ↔ day_types[d]; empty = no rotation
};

// Meetings of a section placed at `placement` for a course of `periods_per_meeting` periods.
// A term met on every day of the rotation is one meeting with day type "" (every day).
std::vector<Meeting> MeetingsOf(const EngineCalendar& calendar, const engine::Placement& placement,
                                int periods_per_meeting);

// The inverse. Empty meetings → not placed. INVALID_ARGUMENT when the meetings are not one
// engine placement: an unknown term or day type, periods that are not `periods_per_meeting`
// consecutive ones, or different (term, day) sets in different periods.
absl::StatusOr<engine::Placement> PlacementOf(const EngineCalendar& calendar,
                                              const std::vector<Meeting>& meetings,
                                              int periods_per_meeting);

}  // namespace secsched::sectioning
