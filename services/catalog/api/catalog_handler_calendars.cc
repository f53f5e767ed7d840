// CatalogService: schools, calendars, roll-over and the submission workflow.
#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/grpc/call.h"
#include "common/status/status.h"
#include "services/catalog/api/calendar_convert.h"
#include "services/catalog/api/catalog_handler.h"

namespace secsched::catalog {

grpc::Status CatalogHandler::CreateSchool(grpc::ServerContext* context,
                                          const v1::CreateSchoolRequest* request,
                                          v1::School* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<School> created =
        domain_.schools.Create(caller, {.id = request->school_id(),
                                        .display_name = request->school().display_name(),
                                        .low_grade = request->school().low_grade(),
                                        .high_grade = request->school().high_grade(),
                                        .request_id = request->request_id()});
    if (!created.ok()) return created.status();
    ToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::GetSchool(grpc::ServerContext* context,
                                       const v1::GetSchoolRequest* request, v1::School* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids = api::ParseName(request->name(), kSchoolPattern);
    if (!ids.ok()) return ids.status();
    absl::StatusOr<School> school = domain_.schools.Get(caller, (*ids)[0]);
    if (!school.ok()) return school.status();
    ToProto(*school, response);
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::ListSchools(grpc::ServerContext* context,
                                         const v1::ListSchoolsRequest* request,
                                         v1::ListSchoolsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    absl::StatusOr<api::Page<School>> schools = domain_.schools.List(caller, *page);
    if (!schools.ok()) return schools.status();
    for (const School& school : schools->items) ToProto(school, response->add_schools());
    response->set_next_page_token(api::EncodePageToken(schools->next_after));
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::CreateCalendar(grpc::ServerContext* context,
                                            const v1::CreateCalendarRequest* request,
                                            v1::Calendar* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<Calendar> created =
        domain_.calendars.Create(caller, {.id = request->calendar_id(),
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
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = CalendarIdOf(request->name());
    if (!id.ok()) return id.status();
    absl::StatusOr<Calendar> calendar = domain_.calendars.Get(caller, *id);
    if (!calendar.ok()) return calendar.status();
    ToProto(*calendar, response);
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::ListCalendars(grpc::ServerContext* context,
                                           const v1::ListCalendarsRequest* request,
                                           v1::ListCalendarsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    absl::StatusOr<api::Page<Calendar>> calendars =
        domain_.calendars.List(caller, request->school_id(), *page);
    if (!calendars.ok()) return calendars.status();
    for (const Calendar& calendar : calendars->items) ToProto(calendar, response->add_calendars());
    response->set_next_page_token(api::EncodePageToken(calendars->next_after));
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::UpdateCalendar(grpc::ServerContext* context,
                                            const v1::UpdateCalendarRequest* request,
                                            v1::Calendar* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = CalendarIdOf(request->calendar().name(), "calendar.name");
    if (!id.ok()) return id.status();
    for (const std::string& path : request->update_mask().paths()) {
      if (path != "display_name") {
        return InvalidField("update_mask", "only display_name can be updated (not " + path + ")");
      }
    }
    absl::StatusOr<Calendar> updated =
        domain_.calendars.Rename(caller, *id, request->calendar().display_name());
    if (!updated.ok()) return updated.status();
    ToProto(*updated, response);
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::RollOverCalendar(grpc::ServerContext* context,
                                              const v1::RollOverCalendarRequest* request,
                                              v1::Calendar* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = CalendarIdOf(request->name());
    if (!id.ok()) return id.status();
    absl::StatusOr<Calendar> next =
        domain_.calendars.RollOver(caller, *id, request->calendar_id(), request->display_name());
    if (!next.ok()) return next.status();
    ToProto(*next, response);
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::SubmitCalendar(grpc::ServerContext* context,
                                            const v1::SubmitCalendarRequest* request,
                                            v1::Calendar* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = CalendarIdOf(request->name());
    if (!id.ok()) return id.status();
    absl::StatusOr<Calendar> calendar = domain_.calendars.Submit(caller, *id, request->comment());
    if (!calendar.ok()) return calendar.status();
    ToProto(*calendar, response);
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::ApproveCalendar(grpc::ServerContext* context,
                                             const v1::ApproveCalendarRequest* request,
                                             v1::Calendar* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = CalendarIdOf(request->name());
    if (!id.ok()) return id.status();
    absl::StatusOr<Calendar> calendar = domain_.calendars.Approve(caller, *id, request->comment());
    if (!calendar.ok()) return calendar.status();
    ToProto(*calendar, response);
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::ReturnCalendar(grpc::ServerContext* context,
                                            const v1::ReturnCalendarRequest* request,
                                            v1::Calendar* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = CalendarIdOf(request->name());
    if (!id.ok()) return id.status();
    absl::StatusOr<Calendar> calendar = domain_.calendars.Return(caller, *id, request->comment());
    if (!calendar.ok()) return calendar.status();
    ToProto(*calendar, response);
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::ListCalendarTransitions(
    grpc::ServerContext* context, const v1::ListCalendarTransitionsRequest* request,
    v1::ListCalendarTransitionsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = CalendarIdOf(request->parent(), "parent");
    if (!id.ok()) return id.status();
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    absl::StatusOr<api::Page<CalendarTransition>> transitions =
        domain_.calendars.Transitions(caller, *id, *page);
    if (!transitions.ok()) return transitions.status();
    for (const CalendarTransition& t : transitions->items) ToProto(t, response->add_transitions());
    response->set_next_page_token(api::EncodePageToken(transitions->next_after));
    return absl::OkStatus();
  });
}

}  // namespace secsched::catalog
