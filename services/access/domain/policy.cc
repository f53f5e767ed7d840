#include "services/access/domain/policy.h"

#include <cstdio>

namespace secsched::access {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::years;

// `day_of_year` in `y`; month_day values are validated to exist in every year.
Date InYear(year y, std::chrono::month_day day_of_year) {
  return y / day_of_year.month() / day_of_year.day();
}

}  // namespace

absl::Status ValidatePolicy(const AccessPolicy& policy) {
  if (policy.cycle_length_years < 1 || policy.cycle_length_years > 10) {
    return absl::InvalidArgumentError("The cycle length must be 1 to 10 school years.");
  }
  if (!policy.first_cycle_end.ok()) {
    return absl::InvalidArgumentError("The first cycle end is not a calendar date.");
  }
  for (std::chrono::month_day md : {policy.school_year_end, policy.window_opening}) {
    if (!md.ok() || md == std::chrono::February / 29) {
      return absl::InvalidArgumentError("Yearly dates must exist in every year (not Feb 29).");
    }
  }
  if (policy.first_cycle_end.month() / policy.first_cycle_end.day() != policy.school_year_end) {
    return absl::InvalidArgumentError("The first cycle must end on the school-year end.");
  }
  if (policy.grant_sla_business_days < 0 || policy.grant_sla_business_days > 60) {
    return absl::InvalidArgumentError("The grant SLA must be 0 to 60 business days.");
  }
  return absl::OkStatus();
}

Date CycleEndContaining(const AccessPolicy& policy, Date day) {
  Date end = policy.first_cycle_end;
  while (sys_days(end) < sys_days(day)) {
    end = InYear(end.year() + years(policy.cycle_length_years), policy.school_year_end);
  }
  return end;
}

Date RecertificationWindowOpens(const AccessPolicy& policy, Date cycle_end) {
  Date opens = InYear(cycle_end.year(), policy.window_opening);
  if (sys_days(opens) > sys_days(cycle_end)) {
    opens = InYear(cycle_end.year() - years(1), policy.window_opening);
  }
  return opens;
}

Date CertificationValidUntil(const AccessPolicy& policy, Date completed_on) {
  const Date cycle_end = CycleEndContaining(policy, completed_on);
  if (sys_days(completed_on) >= sys_days(RecertificationWindowOpens(policy, cycle_end))) {
    return InYear(cycle_end.year() + years(policy.cycle_length_years), policy.school_year_end);
  }
  return cycle_end;
}

bool StillValidOn(Date valid_until, Date day) { return sys_days(day) <= sys_days(valid_until); }

bool IsBusinessDay(const AccessPolicy& policy, Date day) {
  const std::chrono::weekday weekday{sys_days(day)};
  if (weekday == std::chrono::Saturday || weekday == std::chrono::Sunday) return false;
  return !policy.holidays.contains(sys_days(day));
}

Date AddBusinessDays(const AccessPolicy& policy, Date day, int count) {
  sys_days current(day);
  while (count > 0) {
    current += days(1);
    if (IsBusinessDay(policy, Date(current))) --count;
  }
  return Date(current);
}

Date GrantSlaDeadline(const AccessPolicy& policy, Date requirements_met_on) {
  return AddBusinessDays(policy, requirements_met_on, policy.grant_sla_business_days);
}

bool BreaksGrantSla(const AccessPolicy& policy, Date requirements_met_on, Date granted_on) {
  return sys_days(granted_on) > sys_days(GrantSlaDeadline(policy, requirements_met_on));
}

std::string FormatDate(Date day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

absl::StatusOr<Date> ParseDate(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  const std::string copy(text);
  if (copy.size() != 10 || std::sscanf(copy.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
    return absl::InvalidArgumentError("Dates are written YYYY-MM-DD.");
  }
  const Date date = year(y) / std::chrono::month(m) / std::chrono::day(d);
  if (!date.ok()) return absl::InvalidArgumentError("The date does not exist in the calendar.");
  return date;
}

absl::StatusOr<std::chrono::month_day> ParseMonthDay(std::string_view text) {
  unsigned m = 0, d = 0;
  char tail = 0;
  const std::string copy(text);
  if (copy.size() != 5 || std::sscanf(copy.c_str(), "%2u-%2u%c", &m, &d, &tail) != 2) {
    return absl::InvalidArgumentError("Yearly dates are written MM-DD.");
  }
  const std::chrono::month_day md{std::chrono::month(m), std::chrono::day(d)};
  if (!md.ok() || md == std::chrono::February / 29) {
    return absl::InvalidArgumentError("The yearly date must exist in every year.");
  }
  return md;
}

}  // namespace secsched::access
