#include "services/sectioning/domain/calendar_guard.h"

#include <string>

namespace secsched::sectioning {
namespace {

std::string_view StateName(catalog::CatalogCalendarState state) {
  switch (state) {
    case catalog::CatalogCalendarState::kDraft:
      return "DRAFT";
    case catalog::CatalogCalendarState::kSubmitted:
      return "SUBMITTED";
    case catalog::CatalogCalendarState::kApproved:
      return "APPROVED";
    case catalog::CatalogCalendarState::kReturned:
      return "RETURNED";
  }
  return "unknown";
}

}  // namespace

absl::Status RequireApprovedCalendar(catalog::CatalogReader& catalog,
                                     std::string_view calendar_id) {
  absl::StatusOr<catalog::CatalogCalendar> calendar = catalog.Calendar(calendar_id);
  if (!calendar.ok()) return calendar.status();
  if (calendar->state == catalog::CatalogCalendarState::kApproved) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "Calendar " + std::string(calendar_id) + " is " + std::string(StateName(calendar->state)) +
      "; its schedule can change only once the calendar is APPROVED.");
}

}  // namespace secsched::sectioning
