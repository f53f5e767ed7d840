#include "services/catalog/domain/submission.h"

#include "absl/strings/str_cat.h"
#include "common/status/strings.h"

namespace secsched::catalog {

std::string_view StateName(CalendarState state) {
  switch (state) {
    case CalendarState::kDraft:
      return "DRAFT";
    case CalendarState::kSubmitted:
      return "SUBMITTED";
    case CalendarState::kApproved:
      return "APPROVED";
    case CalendarState::kReturned:
      return "RETURNED";
  }
  return "DRAFT";
}

CalendarState ParseStateName(std::string_view text) {
  if (text == "SUBMITTED") return CalendarState::kSubmitted;
  if (text == "APPROVED") return CalendarState::kApproved;
  if (text == "RETURNED") return CalendarState::kReturned;
  return CalendarState::kDraft;
}

absl::StatusOr<CalendarState> NextState(std::string_view calendar_id, CalendarState from,
                                        CalendarAction action) {
  switch (action) {
    case CalendarAction::kSubmit:
      if (from == CalendarState::kDraft || from == CalendarState::kReturned) {
        return CalendarState::kSubmitted;
      }
      break;
    case CalendarAction::kApprove:
      if (from == CalendarState::kSubmitted) return CalendarState::kApproved;
      break;
    case CalendarAction::kReturn:
      if (from == CalendarState::kSubmitted || from == CalendarState::kApproved) {
        return CalendarState::kReturned;
      }
      break;
  }
  const char* verb = action == CalendarAction::kSubmit    ? "submitted"
                     : action == CalendarAction::kApprove ? "approved"
                                                          : "returned";
  const char* needs = action == CalendarAction::kSubmit    ? "DRAFT or RETURNED"
                      : action == CalendarAction::kApprove ? "SUBMITTED"
                                                           : "SUBMITTED or APPROVED";
  return absl::FailedPreconditionError(absl::StrCat("Calendar ", ToAbsl(calendar_id), " is ",
                                                    ToAbsl(StateName(from)), " and cannot be ",
                                                    verb, " (it must be ", needs, ")."));
}

absl::Status RequireEditable(std::string_view calendar_id, CalendarState state) {
  if (state == CalendarState::kSubmitted || state == CalendarState::kApproved) {
    return absl::FailedPreconditionError(absl::StrCat(
        "Calendar ", ToAbsl(calendar_id), " is ", ToAbsl(StateName(state)),
        ": its terms, periods and days are frozen",
        state == CalendarState::kApproved ? " (a district reviewer can return it to reopen it)."
                                          : " until a district reviewer returns it."));
  }
  return absl::OkStatus();
}

std::vector<std::string> UnmetRequirements(const CalendarSetup& setup,
                                           const SubmissionMinimums& minimums) {
  std::vector<std::string> unmet;
  if (!setup.terms || setup.terms->terms.empty()) unmet.push_back("it has no terms");
  if (setup.periods.periods.empty()) unmet.push_back("it has no periods");
  InstructionalTotals totals;
  if (setup.days) totals = TotalsOf(ExpandDays(*setup.days, setup.periods));
  if (totals.days < minimums.instructional_days) {
    unmet.push_back(absl::StrCat("it has ", totals.days, " instructional days (at least ",
                                 minimums.instructional_days, " are required)"));
  }
  if (totals.minutes < minimums.instructional_minutes) {
    unmet.push_back(absl::StrCat("it has ", totals.minutes, " instructional minutes (at least ",
                                 minimums.instructional_minutes, " are required)"));
  }
  return unmet;
}

absl::Status RequireDistrict(const auth::Caller& caller, std::string_view what) {
  if (caller.HasScope(auth::kScopeAdmin)) return absl::OkStatus();
  if (caller.service_account && caller.HasScope(auth::kScopeScheduler)) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat(ToAbsl(what),
                   " is for the district: it needs the `admin` scope or a service account with "
                   "`scheduler`."));
}

}  // namespace secsched::catalog
