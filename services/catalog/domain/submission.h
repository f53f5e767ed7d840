// The school calendar submission workflow:
//
//   DRAFT ──submit──▶ SUBMITTED ──approve──▶ APPROVED
//                       │   ▲                   │
//                return │   │ submit            │ return (the district reopens it)
//                       ▼   │                   │
//                     RETURNED ◀────────────────┘
//
// Schools submit (staff with write access at the school); district reviewers approve and return
// (with a comment). SUBMITTED and APPROVED calendars are frozen: their terms, periods and days
// cannot change. Only APPROVED calendars may be used for a master-schedule build.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/auth/caller.h"
#include "services/catalog/domain/calendar_setup.h"

namespace secsched::catalog {

enum class CalendarState { kDraft, kSubmitted, kApproved, kReturned };
enum class CalendarAction { kSubmit, kApprove, kReturn };

std::string_view StateName(CalendarState state);      // "DRAFT", ...
CalendarState ParseStateName(std::string_view text);  // unknown → kDraft

// The state `action` leads to from `from`; FAILED_PRECONDITION naming both otherwise.
absl::StatusOr<CalendarState> NextState(std::string_view calendar_id, CalendarState from,
                                        CalendarAction action);

// FAILED_PRECONDITION when terms, periods or days of a calendar in `state` may not change.
absl::Status RequireEditable(std::string_view calendar_id, CalendarState state);

// The settings a calendar must meet to be submitted (--min-instructional-days,
// --min-instructional-minutes).
struct SubmissionMinimums {
  int instructional_days = 170;
  int instructional_minutes = 64800;
};

// Every requirement the setup does not meet, as short sentences (empty = submittable).
std::vector<std::string> UnmetRequirements(const CalendarSetup& setup,
                                           const SubmissionMinimums& minimums);

// District reviewers (approve/return) and district-level writes (schools): `admin`, or a service
// account with `scheduler`. Tokens carry no district role claim (common/auth/caller.h), so a
// district person acts through such an account. PERMISSION_DENIED saying so otherwise.
absl::Status RequireDistrict(const auth::Caller& caller, std::string_view what);

}  // namespace secsched::catalog
