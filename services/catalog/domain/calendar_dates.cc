#include "services/catalog/domain/calendar_dates.h"

#include <cctype>
#include <cstdio>

namespace secsched::catalog {
namespace {

// The digits of text[from, from + count) as a number, or -1 when any is not a digit.
int Digits(std::string_view text, size_t from, size_t count) {
  int value = 0;
  for (size_t i = from; i < from + count; ++i) {
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

absl::StatusOr<Date> ParseIsoDate(std::string_view text) {
  const int y = Digits(text, 0, 4), m = Digits(text, 5, 2), d = Digits(text, 8, 2);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || y < 0 || m < 0 || d < 0) {
    return absl::InvalidArgumentError("Dates are written YYYY-MM-DD.");
  }
  const Date date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                  std::chrono::day(static_cast<unsigned>(d))};
  if (!date.ok()) return absl::InvalidArgumentError("The date does not exist.");
  return date;
}

std::string FormatIsoDate(Date date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

bool IsValidSchoolYear(std::string_view text) {
  if (text.size() != 9 || text[4] != '-') return false;
  const int first = Digits(text, 0, 4), second = Digits(text, 5, 4);
  return first >= 2000 && second == first + 1;
}

DateRange SchoolYearDates(std::string_view school_year) {
  const int first = Digits(school_year, 0, 4);
  return {std::chrono::year(first) / std::chrono::July / 1,
          std::chrono::year(first + 1) / std::chrono::June / 30};
}

std::string NextSchoolYear(std::string_view school_year) {
  const int first = Digits(school_year, 0, 4);
  return std::to_string(first + 1) + "-" + std::to_string(first + 2);
}

Date ShiftOneYear(Date date) {
  Date shifted = date + std::chrono::years(1);
  if (!shifted.ok()) {  // February 29 → February 28
    shifted = shifted.year() / shifted.month() / std::chrono::last;
  }
  return shifted;
}

absl::StatusOr<int> ParseClockTime(std::string_view text) {
  const int h = Digits(text, 0, 2), m = Digits(text, 3, 2);
  if (text.size() != 5 || text[2] != ':' || h < 0 || m < 0 || h > 23 || m > 59) {
    return absl::InvalidArgumentError("Times are written HH:MM (00:00..23:59).");
  }
  return h * 60 + m;
}

std::string FormatClockTime(int minutes) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", minutes / 60, minutes % 60);
  return buffer;
}

int IsoWeekday(Date date) {
  return static_cast<int>(std::chrono::weekday(std::chrono::sys_days(date)).iso_encoding());
}

}  // namespace secsched::catalog
