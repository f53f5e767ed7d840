#include "services/catalog/domain/calendar.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "common/access/authorize.h"
#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"
#include "common/status/strings.h"

namespace secsched::catalog {
namespace {

constexpr size_t kMaxDisplayName = 200;
constexpr size_t kMaxComment = 2000;

absl::Status Validate(const NewCalendar& request) {
  FieldValidator v;
  v.Require(request.id.empty() || api::IsValidId(request.id), "calendar_id",
            "must be 1-63 characters of a-z, 0-9 and -");
  v.Require(api::IsValidId(request.school_id), "calendar.school_id",
            "is required: 1-63 characters of a-z, 0-9 and -");
  v.Require(IsValidSchoolYear(request.school_year), "calendar.school_year",
            "must be two consecutive years, e.g. 2026-2027");
  v.Require(!request.display_name.empty() && request.display_name.size() <= kMaxDisplayName,
            "calendar.display_name", "is required (at most 200 characters)");
  v.Require(request.request_id.size() <= 128, "request_id", "must be at most 128 characters");
  return v.Finish("The calendar has invalid fields.");
}

absl::Status ValidateComment(std::string_view comment, bool required) {
  FieldValidator v;
  v.Require(!required || !comment.empty(), "comment",
            "is required: say what the school must change");
  v.Require(comment.size() <= kMaxComment, "comment", "must be at most 2000 characters");
  return v.Finish();
}

}  // namespace

std::string NextYearDisplayName(std::string_view display_name, std::string_view school_year) {
  const std::string next = NextSchoolYear(school_year);
  const std::string name(display_name);
  if (name.find(school_year) != std::string::npos) {
    return absl::StrReplaceAll(name, {{ToAbsl(school_year), next}});
  }
  // "2026-27" → "2027-28"
  const std::string short_year =
      std::string(school_year.substr(0, 5)) + std::string(school_year.substr(7, 2));
  const std::string short_next = next.substr(0, 5) + next.substr(7, 2);
  if (name.find(short_year) != std::string::npos) {
    return absl::StrReplaceAll(name, {{short_year, short_next}});
  }
  std::string appended = absl::StrCat(name, " ", next);
  return appended.size() <= kMaxDisplayName ? appended : next;
}

absl::StatusOr<Calendar> Calendars::Create(const auth::Caller& caller, const NewCalendar& request) {
  if (absl::Status valid = Validate(request); !valid.ok()) return valid;
  if (absl::Status allowed =
          access::AuthorizeSchoolAccess(caller, request.school_id, access::Mode::kWrite, access_);
      !allowed.ok()) {
    return allowed;
  }
  Calendar calendar{
      .id = request.id.empty() ? api::NewId("cal-") : request.id,
      .school_id = request.school_id,
      .school_year = request.school_year,
      .display_name = request.display_name,
      .state = CalendarState::kDraft,
      .creator = caller.subject,
  };
  return repository_.Create(calendar, request.request_id);
}

absl::StatusOr<Calendar> Calendars::Authorized(const auth::Caller& caller, std::string_view id,
                                               access::Mode mode) {
  absl::StatusOr<Calendar> calendar = repository_.Get(id);
  if (!calendar.ok()) return calendar.status();
  if (absl::Status allowed =
          access::AuthorizeSchoolAccess(caller, calendar->school_id, mode, access_);
      !allowed.ok()) {
    return allowed;
  }
  return calendar;
}

absl::StatusOr<Calendar> Calendars::Get(const auth::Caller& caller, std::string_view id) {
  return Authorized(caller, id, access::Mode::kRead);
}

absl::StatusOr<api::Page<Calendar>> Calendars::List(const auth::Caller& caller,
                                                    std::string_view school_id,
                                                    const api::PageRequest& page) {
  if (!school_id.empty()) {
    if (!api::IsValidId(school_id)) {
      return InvalidField("school_id", "must be 1-63 characters of a-z, 0-9 and -");
    }
    if (absl::Status allowed =
            access::AuthorizeSchoolAccess(caller, school_id, access::Mode::kRead, access_);
        !allowed.ok()) {
      return allowed;
    }
  } else if (!caller.HasScope(auth::kScopeReader) && !caller.HasScope(auth::kScopeAdmin) &&
             !(caller.service_account && caller.HasScope(auth::kScopeScheduler))) {
    return absl::PermissionDeniedError(
        "Listing every school's calendars needs `reader` or `admin` (or a service account with "
        "`scheduler`); give school_id to list one school's.");
  }
  absl::StatusOr<std::vector<Calendar>> rows =
      repository_.List(school_id, page.after, page.size + 1);
  if (!rows.ok()) return rows.status();
  api::Page<Calendar> result{.items = *std::move(rows)};
  result.next_after =
      api::TrimToPage(result.items, page.size, [](const Calendar& c) { return c.id; });
  return result;
}

absl::StatusOr<Calendar> Calendars::Rename(const auth::Caller& caller, std::string_view id,
                                           std::string_view display_name) {
  if (display_name.empty() || display_name.size() > kMaxDisplayName) {
    return InvalidField("calendar.display_name", "is required (at most 200 characters)");
  }
  absl::StatusOr<Calendar> calendar = Authorized(caller, id, access::Mode::kWrite);
  if (!calendar.ok()) return calendar.status();
  return repository_.UpdateDisplayName(id, display_name);
}

absl::StatusOr<Calendar> Calendars::RollOver(const auth::Caller& caller, std::string_view id,
                                             std::string_view next_id,
                                             std::string_view display_name) {
  FieldValidator v;
  v.Require(next_id.empty() || api::IsValidId(next_id), "calendar_id",
            "must be 1-63 characters of a-z, 0-9 and -");
  v.Require(display_name.size() <= kMaxDisplayName, "display_name",
            "must be at most 200 characters");
  if (absl::Status s = v.Finish("The roll-over request is invalid."); !s.ok()) return s;
  absl::StatusOr<Calendar> source = Authorized(caller, id, access::Mode::kWrite);
  if (!source.ok()) return source.status();
  Calendar next{
      .id = next_id.empty() ? api::NewId("cal-") : std::string(next_id),
      .school_id = source->school_id,
      .school_year = NextSchoolYear(source->school_year),
      .display_name = display_name.empty()
                          ? NextYearDisplayName(source->display_name, source->school_year)
                          : std::string(display_name),
      .state = CalendarState::kDraft,
      .creator = caller.subject,
      .rolled_over_from = source->id,
  };
  absl::StatusOr<CalendarRepository::RollOverResult> result = repository_.RollOver(id, next);
  if (!result.ok()) return result.status();
  return result->calendar;
}

absl::StatusOr<Calendar> Calendars::Submit(const auth::Caller& caller, std::string_view id,
                                           std::string_view comment) {
  if (absl::Status s = ValidateComment(comment, false); !s.ok()) return s;
  absl::StatusOr<Calendar> calendar = Authorized(caller, id, access::Mode::kWrite);
  if (!calendar.ok()) return calendar.status();
  const SubmissionMinimums minimums = minimums_;
  return repository_.Transition(
      id,
      [&](const Calendar& current, const CalendarSetup& setup) -> absl::StatusOr<CalendarState> {
        absl::StatusOr<CalendarState> next =
            NextState(current.id, current.state, CalendarAction::kSubmit);
        if (!next.ok()) return next;
        std::vector<std::string> unmet = UnmetRequirements(setup, minimums);
        if (!unmet.empty()) {
          return absl::FailedPreconditionError(absl::StrCat(
              "Calendar ", current.id, " cannot be submitted: ", absl::StrJoin(unmet, "; "), "."));
        }
        return next;
      },
      caller.subject, comment);
}

absl::StatusOr<Calendar> Calendars::Approve(const auth::Caller& caller, std::string_view id,
                                            std::string_view comment) {
  if (absl::Status s = ValidateComment(comment, false); !s.ok()) return s;
  if (absl::Status s = RequireDistrict(caller, "Approving a calendar"); !s.ok()) return s;
  return repository_.Transition(
      id,
      [&](const Calendar& current, const CalendarSetup&) {
        return NextState(current.id, current.state, CalendarAction::kApprove);
      },
      caller.subject, comment);
}

absl::StatusOr<Calendar> Calendars::Return(const auth::Caller& caller, std::string_view id,
                                           std::string_view comment) {
  if (absl::Status s = ValidateComment(comment, true); !s.ok()) return s;
  if (absl::Status s = RequireDistrict(caller, "Returning a calendar"); !s.ok()) return s;
  return repository_.Transition(
      id,
      [&](const Calendar& current, const CalendarSetup&) {
        return NextState(current.id, current.state, CalendarAction::kReturn);
      },
      caller.subject, comment);
}

absl::StatusOr<api::Page<CalendarTransition>> Calendars::Transitions(const auth::Caller& caller,
                                                                     std::string_view id,
                                                                     const api::PageRequest& page) {
  int64_t after = 0;
  if (!page.after.empty() && !absl::SimpleAtoi(ToAbsl(page.after), &after)) {
    return InvalidField("page_token", "is not a token this server made");
  }
  absl::StatusOr<Calendar> calendar = Authorized(caller, id, access::Mode::kRead);
  if (!calendar.ok()) return calendar.status();
  absl::StatusOr<std::vector<CalendarTransition>> rows =
      repository_.ListTransitions(id, after, page.size + 1);
  if (!rows.ok()) return rows.status();
  api::Page<CalendarTransition> result{.items = *std::move(rows)};
  result.next_after = api::TrimToPage(result.items, page.size, [](const CalendarTransition& t) {
    return absl::StrCat(t.sequence);
  });
  return result;
}

absl::StatusOr<std::string> RepositoryCalendarSchools::SchoolOf(std::string_view calendar_id) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = school_by_calendar_.find(std::string(calendar_id));
        it != school_by_calendar_.end()) {
      return it->second;
    }
  }
  absl::StatusOr<Calendar> calendar = repository_.Get(calendar_id);
  if (!calendar.ok()) return calendar.status();  // NOT_FOUND is not remembered: it may be created
  std::lock_guard lock(mutex_);
  school_by_calendar_.emplace(std::string(calendar_id), calendar->school_id);
  return calendar->school_id;
}

}  // namespace secsched::catalog
