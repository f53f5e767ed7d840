// proto ⇄ domain for CatalogService: resource names, messages, and request parsing that turns a
// malformed name or page token into INVALID_ARGUMENT on the right field.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "secsched/catalog/v1/catalog.pb.h"
#include "services/catalog/domain/calendar.h"
#include "services/catalog/domain/calendar_setups.h"
#include "services/catalog/domain/school.h"

namespace secsched::catalog {

inline constexpr char kCalendarPattern[] = "calendars/{calendar}";
inline constexpr char kSchoolPattern[] = "schools/{school}";
inline constexpr char kTermPattern[] = "calendars/{calendar}/terms/{term}";
inline constexpr char kPeriodSchedulePattern[] = "calendars/{calendar}/periodSchedule";

// The {calendar} of "calendars/{calendar}" in `field`.
absl::StatusOr<std::string> CalendarIdOf(std::string_view name, std::string_view field = "name");

v1::Calendar::State ToProto(CalendarState state);
void ToProto(const Calendar& calendar, v1::Calendar* out);
void ToProto(const School& school, v1::School* out);
void ToProto(const CalendarTransition& transition, v1::CalendarTransition* out);
void ToProto(std::string_view calendar_id, const std::optional<TermSet>& terms,
             v1::ListTermsResponse* out);
void ToProto(std::string_view calendar_id, const PeriodSchedule& schedule, v1::PeriodSchedule* out);
void ToProto(const DaysPage& page, v1::InstructionalDays* out);

// INVALID_ARGUMENT on "structure" for TERM_STRUCTURE_UNSPECIFIED.
absl::StatusOr<TermStructure> FromProto(v1::TermStructure structure);
std::vector<TermInput> TermInputsOf(const v1::ReplaceTermsRequest& request);
PeriodScheduleInput PeriodScheduleInputOf(const v1::PeriodSchedule& schedule);
DayPatternInput DayPatternInputOf(const v1::DayPattern& pattern);

}  // namespace secsched::catalog
