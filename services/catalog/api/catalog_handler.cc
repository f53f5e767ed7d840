#include "services/catalog/api/catalog_handler.h"

#include "common/api/resource_name.h"
#include "common/api/timestamps.h"
#include "common/grpc/call.h"

namespace secsched::catalog {
namespace {

constexpr char kCalendarPattern[] = "calendars/{calendar}";

v1::Calendar::State ToProto(CalendarState state) {
  switch (state) {
    case CalendarState::kDraft: return v1::Calendar::DRAFT;
    case CalendarState::kSubmitted: return v1::Calendar::SUBMITTED;
    case CalendarState::kApproved: return v1::Calendar::APPROVED;
    case CalendarState::kReturned: return v1::Calendar::RETURNED;
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
  out->set_creator(calendar.creator);
}

}  // namespace

grpc::Status CatalogHandler::CreateCalendar(grpc::ServerContext* context,
                                            const v1::CreateCalendarRequest* request,
                                            v1::Calendar* response) {
  return HandleCall(context, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<Calendar> created = calendars_.Create(
        caller, {.id = request->calendar_id(),
                 .school_id = request->calendar().school_id(),
                 .school_year = request->calendar().school_year(),
                 .display_name = request->calendar().display_name(),
                 .request_id = request->request_id()});
    if (!created.ok()) return created.status();
    ToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::GetCalendar(grpc::ServerContext* context,
                                         const v1::GetCalendarRequest* request,
                                         v1::Calendar* response) {
  return HandleCall(context, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids = api::ParseName(request->name(), kCalendarPattern);
    if (!ids.ok()) return ids.status();
    absl::StatusOr<Calendar> calendar = calendars_.Get(caller, (*ids)[0]);
    if (!calendar.ok()) return calendar.status();
    ToProto(*calendar, response);
    return absl::OkStatus();
  });
}

}  // namespace secsched::catalog
