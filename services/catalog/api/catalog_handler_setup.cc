// CatalogService: a calendar's terms, period schedule and instructional days.
#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/grpc/call.h"
#include "services/catalog/api/calendar_convert.h"
#include "services/catalog/api/catalog_handler.h"

namespace secsched::catalog {

grpc::Status CatalogHandler::ReplaceTerms(grpc::ServerContext* context,
                                          const v1::ReplaceTermsRequest* request,
                                          v1::ListTermsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = CalendarIdOf(request->parent(), "parent");
    if (!id.ok()) return id.status();
    absl::StatusOr<TermStructure> structure = FromProto(request->structure());
    if (!structure.ok()) return structure.status();
    absl::StatusOr<TermSet> terms =
        domain_.setups.ReplaceTerms(caller, *id, *structure, TermInputsOf(*request));
    if (!terms.ok()) return terms.status();
    ToProto(*id, *terms, response);
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::ListTerms(grpc::ServerContext* context,
                                       const v1::ListTermsRequest* request,
                                       v1::ListTermsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = CalendarIdOf(request->parent(), "parent");
    if (!id.ok()) return id.status();
    absl::StatusOr<std::optional<TermSet>> terms = domain_.setups.Terms(caller, *id);
    if (!terms.ok()) return terms.status();
    ToProto(*id, *terms, response);
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::ReplacePeriodSchedule(grpc::ServerContext* context,
                                                   const v1::ReplacePeriodScheduleRequest* request,
                                                   v1::PeriodSchedule* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = CalendarIdOf(request->parent(), "parent");
    if (!id.ok()) return id.status();
    absl::StatusOr<PeriodSchedule> schedule = domain_.setups.ReplacePeriodSchedule(
        caller, *id, PeriodScheduleInputOf(request->period_schedule()));
    if (!schedule.ok()) return schedule.status();
    ToProto(*id, *schedule, response);
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::GetPeriodSchedule(grpc::ServerContext* context,
                                               const v1::GetPeriodScheduleRequest* request,
                                               v1::PeriodSchedule* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids =
        api::ParseName(request->name(), kPeriodSchedulePattern);
    if (!ids.ok()) return ids.status();
    absl::StatusOr<PeriodSchedule> schedule = domain_.setups.PeriodScheduleOf(caller, (*ids)[0]);
    if (!schedule.ok()) return schedule.status();
    ToProto((*ids)[0], *schedule, response);
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::SetInstructionalDays(grpc::ServerContext* context,
                                                  const v1::SetInstructionalDaysRequest* request,
                                                  v1::InstructionalDays* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = CalendarIdOf(request->parent(), "parent");
    if (!id.ok()) return id.status();
    absl::StatusOr<DaysPage> days = domain_.setups.SetDays(
        caller, *id, DayPatternInputOf(request->days()), api::kDefaultPageSize);
    if (!days.ok()) return days.status();
    ToProto(*days, response);
    return absl::OkStatus();
  });
}

grpc::Status CatalogHandler::ListInstructionalDays(grpc::ServerContext* context,
                                                   const v1::ListInstructionalDaysRequest* request,
                                                   v1::InstructionalDays* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> id = CalendarIdOf(request->parent(), "parent");
    if (!id.ok()) return id.status();
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    absl::StatusOr<DaysPage> days = domain_.setups.Days(caller, *id, *page);
    if (!days.ok()) return days.status();
    ToProto(*days, response);
    return absl::OkStatus();
  });
}

}  // namespace secsched::catalog
