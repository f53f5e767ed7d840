#include "services/catalog/api/calendar_convert.h"

#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/api/timestamps.h"
#include "common/status/status.h"

namespace secsched::catalog {

absl::StatusOr<std::string> CalendarIdOf(std::string_view name, std::string_view field) {
  absl::StatusOr<std::vector<std::string>> ids = api::ParseName(name, kCalendarPattern, field);
  if (!ids.ok()) return ids.status();
  return (*ids)[0];
}

v1::Calendar::State ToProto(CalendarState state) {
  switch (state) {
    case CalendarState::kDraft:
      return v1::Calendar::DRAFT;
    case CalendarState::kSubmitted:
      return v1::Calendar::SUBMITTED;
    case CalendarState::kApproved:
      return v1::Calendar::APPROVED;
    case CalendarState::kReturned:
      return v1::Calendar::RETURNED;
  }
  return v1::Calendar::STATE_UNSPECIFIED;
}

void ToProto(const Calendar& calendar, v1::Calendar* out) {
  out->set_name(api::FormatName(kCalendarPattern, {calendar.id}));
  out->set_school_id(calendar.school_id);
  out->set_school_year(calendar.school_year);
  out->set_display_name(calendar.display_name);
  out->set_state(ToProto(calendar.state));
  *out->mutable_create_time() = api::ToProtoTime(calendar.create_time);
  *out->mutable_update_time() = api::ToProtoTime(calendar.update_time);
  out->set_creator(calendar.creator);
  if (!calendar.rolled_over_from.empty()) {
    out->set_rolled_over_from(api::FormatName(kCalendarPattern, {calendar.rolled_over_from}));
  }
}

void ToProto(const School& school, v1::School* out) {
  out->set_name(api::FormatName(kSchoolPattern, {school.id}));
  out->set_display_name(school.display_name);
  out->set_low_grade(school.low_grade);
  out->set_high_grade(school.high_grade);
  *out->mutable_create_time() = api::ToProtoTime(school.create_time);
}

void ToProto(const CalendarTransition& transition, v1::CalendarTransition* out) {
  out->set_from_state(ToProto(transition.from));
  out->set_to_state(ToProto(transition.to));
  out->set_actor(transition.actor);
  out->set_comment(transition.comment);
  *out->mutable_create_time() = api::ToProtoTime(transition.time);
}

void ToProto(std::string_view calendar_id, const std::optional<TermSet>& terms,
             v1::ListTermsResponse* out) {
  if (!terms) return;
  switch (terms->structure) {
    case TermStructure::kSemesters:
      out->set_structure(v1::SEMESTERS);
      break;
    case TermStructure::kTrimesters:
      out->set_structure(v1::TRIMESTERS);
      break;
    case TermStructure::kQuarters:
      out->set_structure(v1::QUARTERS);
      break;
  }
  for (const Term& t : terms->terms) {
    v1::Term* term = out->add_terms();
    term->set_name(api::FormatName(kTermPattern, {std::string(calendar_id), t.id}));
    term->set_display_name(t.display_name);
    term->set_start_date(FormatIsoDate(t.start));
    term->set_end_date(FormatIsoDate(t.end));
  }
}

void ToProto(std::string_view calendar_id, const PeriodSchedule& schedule,
             v1::PeriodSchedule* out) {
  out->set_name(api::FormatName(kPeriodSchedulePattern, {std::string(calendar_id)}));
  for (const DayType& t : schedule.day_types) {
    v1::DayType* type = out->add_day_types();
    type->set_id(t.id);
    type->set_display_name(t.display_name);
  }
  for (const Period& p : schedule.periods) {
    v1::Period* period = out->add_periods();
    period->set_number(p.number);
    period->set_display_name(p.display_name);
    period->set_day_type(p.day_type);
    period->set_start_time(FormatClockTime(p.start_minute));
    period->set_end_time(FormatClockTime(p.end_minute));
  }
}

void ToProto(const DaysPage& page, v1::InstructionalDays* out) {
  if (page.pattern) {
    v1::DayPattern* pattern = out->mutable_pattern();
    pattern->set_first_day(FormatIsoDate(page.pattern->first_day));
    pattern->set_last_day(FormatIsoDate(page.pattern->last_day));
    for (int weekday : page.pattern->weekdays) pattern->add_weekdays(weekday);
    for (const Holiday& h : page.pattern->holidays) {
      v1::Holiday* holiday = pattern->add_holidays();
      holiday->set_date(FormatIsoDate(h.date));
      holiday->set_display_name(h.display_name);
    }
  }
  for (const SchoolDay& d : page.days) {
    v1::SchoolDay* day = out->add_days();
    day->set_date(FormatIsoDate(d.date));
    day->set_instructional(d.instructional);
    day->set_day_type(d.day_type);
    day->set_holiday(d.holiday);
    day->set_minutes(d.minutes);
  }
  out->set_next_page_token(api::EncodePageToken(page.next_after));
  out->set_instructional_day_count(page.totals.days);
  out->set_instructional_minutes(page.totals.minutes);
}

absl::StatusOr<TermStructure> FromProto(v1::TermStructure structure) {
  switch (structure) {
    case v1::SEMESTERS:
      return TermStructure::kSemesters;
    case v1::TRIMESTERS:
      return TermStructure::kTrimesters;
    case v1::QUARTERS:
      return TermStructure::kQuarters;
    default:
      return InvalidField("structure", "must be SEMESTERS, TRIMESTERS or QUARTERS");
  }
}

std::vector<TermInput> TermInputsOf(const v1::ReplaceTermsRequest& request) {
  std::vector<TermInput> terms;
  for (const v1::Term& t : request.terms()) {
    terms.push_back(
        {.display_name = t.display_name(), .start_date = t.start_date(), .end_date = t.end_date()});
  }
  return terms;
}

PeriodScheduleInput PeriodScheduleInputOf(const v1::PeriodSchedule& schedule) {
  PeriodScheduleInput input;
  for (const v1::DayType& t : schedule.day_types()) {
    input.day_types.push_back({.id = t.id(), .display_name = t.display_name()});
  }
  for (const v1::Period& p : schedule.periods()) {
    input.periods.push_back({.number = p.number(),
                             .display_name = p.display_name(),
                             .day_type = p.day_type(),
                             .start_time = p.start_time(),
                             .end_time = p.end_time()});
  }
  return input;
}

DayPatternInput DayPatternInputOf(const v1::DayPattern& pattern) {
  DayPatternInput input{.first_day = pattern.first_day(),
                        .last_day = pattern.last_day(),
                        .weekdays = {pattern.weekdays().begin(), pattern.weekdays().end()}};
  for (const v1::Holiday& h : pattern.holidays()) {
    input.holidays.push_back({.date = h.date(), .display_name = h.display_name()});
  }
  return input;
}

}  // namespace secsched::catalog
