// Calendars: one school × one school year (as in Infinite Campus). Plain values and the rules for
// creating and reading them; storage comes in through CalendarRepository.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/access/authorize.h"
#include "common/auth/caller.h"

namespace secsched::catalog {

enum class CalendarState { kDraft, kSubmitted, kApproved, kReturned };

struct Calendar {
  std::string id;
  std::string school_id;
  std::string school_year;  // "2026-2027"
  std::string display_name;
  CalendarState state = CalendarState::kDraft;
  std::string creator;
  std::chrono::system_clock::time_point create_time;
};

class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;
  // Inserts the calendar. When `request_id` is non-empty and a calendar was already created with
  // it, returns that one instead. ALREADY_EXISTS when the school already has that year.
  virtual absl::StatusOr<Calendar> Create(const Calendar& calendar, std::string_view request_id) = 0;
  virtual absl::StatusOr<Calendar> Get(std::string_view id) = 0;  // NOT_FOUND
};

// What a caller asks for when creating a calendar.
struct NewCalendar {
  std::string id;  // optional; generated when empty
  std::string school_id;
  std::string school_year;
  std::string display_name;
  std::string request_id;  // optional idempotency key
};

class Calendars {
 public:
  Calendars(CalendarRepository& repository, access::AccessChecker& access)
      : repository_(repository), access_(access) {}

  // INVALID_ARGUMENT with field violations; PERMISSION_DENIED unless the caller may schedule at
  // the calendar's school (common/access/authorize.h).
  absl::StatusOr<Calendar> Create(const auth::Caller& caller, const NewCalendar& request);
  absl::StatusOr<Calendar> Get(const auth::Caller& caller, std::string_view id);

 private:
  CalendarRepository& repository_;
  access::AccessChecker& access_;
};

// "2026-2027": two consecutive years.
bool IsValidSchoolYear(std::string_view text);

}  // namespace secsched::catalog
