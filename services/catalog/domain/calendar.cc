#include "services/catalog/domain/calendar.h"

#include "common/access/authorize.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"

namespace secsched::catalog {
namespace {

absl::Status Validate(const NewCalendar& request) {
  FieldValidator v;
  v.Require(request.id.empty() || api::IsValidId(request.id), "calendar_id",
            "must be 1-63 characters of a-z, 0-9 and -");
  v.Require(api::IsValidId(request.school_id), "calendar.school_id",
            "is required: 1-63 characters of a-z, 0-9 and -");
  v.Require(IsValidSchoolYear(request.school_year), "calendar.school_year",
            "must be two consecutive years, e.g. 2026-2027");
  v.Require(!request.display_name.empty() && request.display_name.size() <= 200,
            "calendar.display_name", "is required (at most 200 characters)");
  v.Require(request.request_id.size() <= 128, "request_id", "must be at most 128 characters");
  return v.Finish("The calendar has invalid fields.");
}

}  // namespace

bool IsValidSchoolYear(std::string_view text) {
  if (text.size() != 9 || text[4] != '-') return false;
  int first = 0, second = 0;
  for (int i = 0; i < 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i])) ||
        !std::isdigit(static_cast<unsigned char>(text[5 + i]))) {
      return false;
    }
    first = first * 10 + (text[i] - '0');
    second = second * 10 + (text[5 + i] - '0');
  }
  return first >= 2000 && second == first + 1;
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

absl::StatusOr<Calendar> Calendars::Get(const auth::Caller& caller, std::string_view id) {
  absl::StatusOr<Calendar> calendar = repository_.Get(id);
  if (!calendar.ok()) return calendar.status();
  if (absl::Status allowed = access::AuthorizeSchoolAccess(caller, calendar->school_id,
                                                           access::Mode::kRead, access_);
      !allowed.ok()) {
    return allowed;
  }
  return calendar;
}

}  // namespace secsched::catalog
