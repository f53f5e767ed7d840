// calendars create | get — CatalogService.
#include "secsched/catalog/v1/catalog.grpc.pb.h"
#include "tools/schedctl/command.h"

namespace secsched::schedctl {
namespace {

namespace catalog = secsched::catalog::v1;

std::unique_ptr<catalog::CatalogService::Stub> CatalogStub(const CommandContext& context) {
  return catalog::CatalogService::NewStub(ChannelTo(context, Service::kCatalog));
}

int CreateCalendar(const CommandContext& context) {
  catalog::CreateCalendarRequest request;
  catalog::Calendar& calendar = *request.mutable_calendar();
  calendar.set_school_id(context.args.Get("school"));
  calendar.set_school_year(context.args.Get("year"));
  calendar.set_display_name(context.args.Get("name"));
  request.set_calendar_id(context.args.Get("id"));
  request.set_request_id(context.options.request_id);
  grpc::ClientContext call;
  PrepareCall(context, call);
  catalog::Calendar response;
  return Report(context, Service::kCatalog,
                CatalogStub(context)->CreateCalendar(&call, request, &response), response);
}

int GetCalendar(const CommandContext& context) {
  catalog::GetCalendarRequest request;
  request.set_name(QualifiedName("calendars", context.Operand(0)));
  grpc::ClientContext call;
  PrepareCall(context, call);
  catalog::Calendar response;
  return Report(context, Service::kCatalog,
                CatalogStub(context)->GetCalendar(&call, request, &response), response);
}

}  // namespace

std::vector<Command> CalendarCommands() {
  return {
      {.resource = "calendars",
       .verb = "create",
       .synopsis = "--school SCHOOL --year 2026-2027 --name NAME [--id ID]",
       .summary = "Create a calendar (a school's year), in state DRAFT.",
       .value_flags = {"school", "year", "name", "id"},
       .required = {"school", "year", "name"},
       .run = CreateCalendar},
      {.resource = "calendars",
       .verb = "get",
       .synopsis = "NAME_OR_ID",
       .summary = "Show a calendar (calendars/ID or ID).",
       .operands = 1,
       .run = GetCalendar},
  };
}

}  // namespace secsched::schedctl
