// Calendars: one school × one school year (as in Infinite Campus). Plain values, the repository
// interface storage implements, and the rules for creating, listing, renaming, rolling over and
// moving calendars through the submission workflow (submission.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/authorize.h"
#include "common/access/calendar_schools.h"
#include "common/api/paging.h"
#include "common/auth/caller.h"
#include "services/catalog/domain/calendar_dates.h"
#include "services/catalog/domain/calendar_setup.h"
#include "services/catalog/domain/submission.h"

namespace secsched::catalog {

struct Calendar {
  std::string id;
  std::string school_id;
  std::string school_year;  // "2026-2027"
  std::string display_name;
  CalendarState state = CalendarState::kDraft;
  std::string creator;
  std::string rolled_over_from;  // calendar id, or ""
  std::chrono::system_clock::time_point create_time;
  std::chrono::system_clock::time_point update_time;
};

struct CalendarTransition {
  int64_t sequence = 0;
  CalendarState from = CalendarState::kDraft;
  CalendarState to = CalendarState::kDraft;
  std::string actor;
  std::string comment;
  std::chrono::system_clock::time_point time;
};

class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;
  // Inserts the calendar. When `request_id` is non-empty and a calendar was already created with
  // it, returns that one instead. ALREADY_EXISTS when the school already has that year.
  virtual absl::StatusOr<Calendar> Create(const Calendar& calendar,
                                          std::string_view request_id) = 0;
  virtual absl::StatusOr<Calendar> Get(std::string_view id) = 0;  // NOT_FOUND
  // Up to `limit` calendars with id > after_id, ordered by id; only `school_id`'s when non-empty.
  virtual absl::StatusOr<std::vector<Calendar>> List(std::string_view school_id,
                                                     std::string_view after_id, int limit) = 0;
  virtual absl::StatusOr<Calendar> UpdateDisplayName(std::string_view id,
                                                     std::string_view display_name) = 0;

  // Moves the calendar to the state `decide` returns, recording a transition, in one
  // transaction with the calendar row locked; `decide` sees the current calendar and its setup.
  // An error from `decide` is returned and nothing is written.
  using TransitionDecider =
      std::function<absl::StatusOr<CalendarState>(const Calendar&, const CalendarSetup&)>;
  virtual absl::StatusOr<Calendar> Transition(std::string_view id, const TransitionDecider& decide,
                                              std::string_view actor, std::string_view comment) = 0;
  // Up to `limit` transitions with sequence > after, oldest first.
  virtual absl::StatusOr<std::vector<CalendarTransition>> ListTransitions(std::string_view id,
                                                                          int64_t after,
                                                                          int limit) = 0;

  // In one transaction, with `from_id` locked: when the school already has a calendar for
  // next.school_year rolled over from `from_id`, returns it (created = false); another calendar
  // for that year is ALREADY_EXISTS. Otherwise inserts `next` (rolled_over_from = from_id) with
  // ShiftSetupOneYear of the source's setup and a copy of its courses.
  struct RollOverResult {
    Calendar calendar;
    bool created = false;
  };
  virtual absl::StatusOr<RollOverResult> RollOver(std::string_view from_id,
                                                  const Calendar& next) = 0;

  // The calendar's terms, period schedule and day pattern. NOT_FOUND.
  virtual absl::StatusOr<CalendarSetup> GetSetup(std::string_view id) = 0;
  // Each replaces one part of the setup in one transaction, with the calendar row locked and
  // RequireEditable checked first (FAILED_PRECONDITION while SUBMITTED or APPROVED).
  virtual absl::Status ReplaceTerms(std::string_view id, const TermSet& terms) = 0;
  virtual absl::Status ReplacePeriodSchedule(std::string_view id,
                                             const PeriodSchedule& schedule) = 0;
  virtual absl::Status ReplaceDayPattern(std::string_view id, const DayPattern& pattern) = 0;
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
  Calendars(CalendarRepository& repository, access::AccessChecker& access,
            SubmissionMinimums minimums = {})
      : repository_(repository), access_(access), minimums_(minimums) {}

  // INVALID_ARGUMENT with field violations; PERMISSION_DENIED unless the caller may schedule at
  // the calendar's school (common/access/authorize.h).
  absl::StatusOr<Calendar> Create(const auth::Caller& caller, const NewCalendar& request);
  absl::StatusOr<Calendar> Get(const auth::Caller& caller, std::string_view id);
  // `school_id` empty: every school's (needs district-wide read).
  absl::StatusOr<api::Page<Calendar>> List(const auth::Caller& caller, std::string_view school_id,
                                           const api::PageRequest& page);
  absl::StatusOr<Calendar> Rename(const auth::Caller& caller, std::string_view id,
                                  std::string_view display_name);
  // Next year's calendar (see CalendarRepository::RollOver). `next_id`/`display_name` optional.
  absl::StatusOr<Calendar> RollOver(const auth::Caller& caller, std::string_view id,
                                    std::string_view next_id, std::string_view display_name);

  absl::StatusOr<Calendar> Submit(const auth::Caller& caller, std::string_view id,
                                  std::string_view comment);
  absl::StatusOr<Calendar> Approve(const auth::Caller& caller, std::string_view id,
                                   std::string_view comment);
  absl::StatusOr<Calendar> Return(const auth::Caller& caller, std::string_view id,
                                  std::string_view comment);
  absl::StatusOr<api::Page<CalendarTransition>> Transitions(const auth::Caller& caller,
                                                            std::string_view id,
                                                            const api::PageRequest& page);

 private:
  // The calendar, after AuthorizeSchoolAccess on its school in `mode`.
  absl::StatusOr<Calendar> Authorized(const auth::Caller& caller, std::string_view id,
                                      access::Mode mode);

  CalendarRepository& repository_;
  access::AccessChecker& access_;
  SubmissionMinimums minimums_;
};

// The default name of a rolled-over calendar: the school year in `display_name` advanced
// ("East High 2026-2027" → "East High 2027-2028", also the short "2026-27" → "2027-28"), or
// the next school year appended.
std::string NextYearDisplayName(std::string_view display_name, std::string_view school_year);

// Which school owns a calendar, from the catalog's own repository: what the catalog's
// calendar-scoped services (courses, teachers, rooms) hand to access::AuthorizeCalendarAccess.
// Answers are remembered: a calendar's school is fixed at creation and calendars are never
// deleted, so a remembered answer cannot go stale, and every read of a course, teacher or room
// would otherwise cost a calendar read first.
class RepositoryCalendarSchools final : public access::CalendarSchools {
 public:
  explicit RepositoryCalendarSchools(CalendarRepository& repository) : repository_(repository) {}
  absl::StatusOr<std::string> SchoolOf(std::string_view calendar_id) override;

 private:
  CalendarRepository& repository_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::string> school_by_calendar_;  // guarded by mutex_
};

}  // namespace secsched::catalog
