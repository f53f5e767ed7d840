// Setting a calendar up for submission — terms replace, periods replace, days set — and the
// submission workflow — calendars submit | approve — on CatalogService (docs/catalog.md).
#include <map>
#include <vector>

#include "absl/strings/str_split.h"
#include "secsched/catalog/v1/catalog.grpc.pb.h"
#include "tools/schedctl/command.h"
#include "tools/schedctl/command_support.h"
#include "tools/schedctl/output.h"

namespace secsched::schedctl {
namespace {

namespace catalog = secsched::catalog::v1;
using Rows = std::vector<std::vector<std::string>>;

std::unique_ptr<catalog::CatalogService::Stub> CatalogStub(const CommandContext& context) {
  return catalog::CatalogService::NewStub(ChannelTo(context, Service::kCatalog));
}

std::string CalendarFlag(const CommandContext& context) {
  return QualifiedName("calendars", context.args.Get("calendar"));
}

// "a..b" → {a, b}; false when there is no "..".
bool SplitRange(std::string_view text, std::string_view separator, std::string& first,
                std::string& second) {
  const size_t at = text.find(separator);
  if (at == std::string_view::npos) return false;
  first = std::string(text.substr(0, at));
  second = std::string(text.substr(at + separator.size()));
  return !first.empty() && !second.empty();
}

std::vector<std::string> CommaList(const std::string& text) {
  std::vector<std::string> items;
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    items.emplace_back(item.data(), item.size());
  }
  return items;
}

int ReplaceTerms(const CommandContext& context) {
  static const std::map<std::string, catalog::TermStructure, std::less<>> kStructures = {
      {"semesters", catalog::SEMESTERS},
      {"trimesters", catalog::TRIMESTERS},
      {"quarters", catalog::QUARTERS}};
  auto structure = kStructures.find(context.args.Get("structure"));
  if (structure == kStructures.end()) {
    return UsageError(context, "--structure must be one of: semesters, trimesters, quarters");
  }
  catalog::ReplaceTermsRequest request;
  request.set_parent(CalendarFlag(context));
  request.set_structure(structure->second);
  for (const std::string& range : CommaList(context.args.Get("dates"))) {
    catalog::Term& term = *request.add_terms();
    if (!SplitRange(range, "..", *term.mutable_start_date(), *term.mutable_end_date())) {
      return UsageError(context, "--dates: \"" + range + "\" is not START..END");
    }
  }
  grpc::ClientContext call;
  PrepareCall(context, call);
  catalog::ListTermsResponse response;
  grpc::Status status = CatalogStub(context)->ReplaceTerms(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kCatalog, status, response);
  }
  Rows rows = {{"TERM", "NAME", "START", "END"}};
  for (const catalog::Term& term : response.terms()) {
    rows.push_back({ShortId(term.name()), term.display_name(), term.start_date(), term.end_date()});
  }
  context.out << RenderColumns(rows) << std::flush;
  return kExitOk;
}

int ReplacePeriods(const CommandContext& context) {
  catalog::ReplacePeriodScheduleRequest request;
  request.set_parent(CalendarFlag(context));
  int number = 0;
  for (const std::string& times : CommaList(context.args.Get("times"))) {
    catalog::Period& period = *request.mutable_period_schedule()->add_periods();
    period.set_number(++number);
    if (!SplitRange(times, "-", *period.mutable_start_time(), *period.mutable_end_time())) {
      return UsageError(context, "--times: \"" + times + "\" is not HH:MM-HH:MM");
    }
  }
  grpc::ClientContext call;
  PrepareCall(context, call);
  catalog::PeriodSchedule response;
  grpc::Status status = CatalogStub(context)->ReplacePeriodSchedule(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kCatalog, status, response);
  }
  Rows rows = {{"PERIOD", "DAY TYPE", "START", "END"}};
  for (const catalog::Period& period : response.periods()) {
    rows.push_back({std::to_string(period.number()), period.day_type(), period.start_time(),
                    period.end_time()});
  }
  context.out << RenderColumns(rows) << std::flush;
  return kExitOk;
}

// "1-5" or "1,2,3,4,5" (ISO weekdays).
bool ParseWeekdays(const std::string& text, catalog::DayPattern& pattern) {
  std::string first, last;
  if (SplitRange(text, "-", first, last)) {
    std::optional<int> from = WholeNumber(first), to = WholeNumber(last);
    if (!from || !to || *from > *to) return false;
    for (int day = *from; day <= *to; ++day) pattern.add_weekdays(day);
    return true;
  }
  for (const std::string& day : CommaList(text)) {
    std::optional<int> value = WholeNumber(day);
    if (!value) return false;
    pattern.add_weekdays(*value);
  }
  return pattern.weekdays_size() > 0;
}

int SetDays(const CommandContext& context) {
  catalog::SetInstructionalDaysRequest request;
  request.set_parent(CalendarFlag(context));
  catalog::DayPattern& pattern = *request.mutable_days();
  pattern.set_first_day(context.args.Get("first"));
  pattern.set_last_day(context.args.Get("last"));
  if (!ParseWeekdays(context.args.Get("weekdays", "1-5"), pattern)) {
    return UsageError(context,
                      "--weekdays must be a range (1-5) or a list (1,2,3) of ISO weekdays");
  }
  for (const std::string& holiday : CommaList(context.args.Get("holidays"))) {
    catalog::Holiday& added = *pattern.add_holidays();
    if (!SplitRange(holiday, "=", *added.mutable_date(), *added.mutable_display_name())) {
      return UsageError(context, "--holidays: \"" + holiday + "\" is not DATE=NAME");
    }
  }
  grpc::ClientContext call;
  PrepareCall(context, call);
  catalog::InstructionalDays response;
  grpc::Status status = CatalogStub(context)->SetInstructionalDays(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kCatalog, status, response);
  }
  context.out << RenderColumns({
                     {"first_day", response.pattern().first_day()},
                     {"last_day", response.pattern().last_day()},
                     {"holidays", std::to_string(response.pattern().holidays_size())},
                     {"instructional_days", std::to_string(response.instructional_day_count())},
                     {"instructional_minutes", std::to_string(response.instructional_minutes())},
                 })
              << std::flush;
  return kExitOk;
}

int SubmitCalendar(const CommandContext& context) {
  catalog::SubmitCalendarRequest request;
  request.set_name(QualifiedName("calendars", context.Operand(0)));
  request.set_comment(context.args.Get("comment"));
  grpc::ClientContext call;
  PrepareCall(context, call);
  catalog::Calendar response;
  return Report(context, Service::kCatalog,
                CatalogStub(context)->SubmitCalendar(&call, request, &response), response);
}

int ApproveCalendar(const CommandContext& context) {
  catalog::ApproveCalendarRequest request;
  request.set_name(QualifiedName("calendars", context.Operand(0)));
  request.set_comment(context.args.Get("comment"));
  grpc::ClientContext call;
  PrepareCall(context, call);
  catalog::Calendar response;
  return Report(context, Service::kCatalog,
                CatalogStub(context)->ApproveCalendar(&call, request, &response), response);
}

}  // namespace

std::vector<Command> CalendarSetupCommands() {
  return {
      {.resource = "terms",
       .verb = "replace",
       .synopsis = "--calendar CAL --structure semesters|trimesters|quarters "
                   "--dates START..END[,START..END...]",
       .summary = "Replace a calendar's terms (ids follow the structure: s1 s2 | t1..t3 | q1..q4).",
       .value_flags = {"calendar", "structure", "dates"},
       .required = {"calendar", "structure", "dates"},
       .run = ReplaceTerms},
      {.resource = "periods",
       .verb = "replace",
       .synopsis = "--calendar CAL --times HH:MM-HH:MM[,HH:MM-HH:MM...]",
       .summary = "Replace a calendar's period schedule: periods 1..n at the given times.",
       .value_flags = {"calendar", "times"},
       .required = {"calendar", "times"},
       .run = ReplacePeriods},
      {.resource = "days",
       .verb = "set",
       .synopsis = "--calendar CAL --first DATE --last DATE [--weekdays 1-5] "
                   "[--holidays DATE=NAME[,DATE=NAME...]]",
       .summary = "Set a calendar's instructional days (a date range, school weekdays, holidays).",
       .value_flags = {"calendar", "first", "last", "weekdays", "holidays"},
       .required = {"calendar", "first", "last"},
       .run = SetDays},
      {.resource = "calendars",
       .verb = "submit",
       .synopsis = "NAME_OR_ID [--comment TEXT]",
       .summary = "Submit a DRAFT or RETURNED calendar to the district (checks terms, periods, "
                  "days).",
       .value_flags = {"comment"},
       .operands = 1,
       .run = SubmitCalendar},
      {.resource = "calendars",
       .verb = "approve",
       .synopsis = "NAME_OR_ID [--comment TEXT]",
       .summary = "Approve a SUBMITTED calendar (district reviewers); it is frozen afterwards.",
       .value_flags = {"comment"},
       .operands = 1,
       .run = ApproveCalendar},
  };
}

}  // namespace secsched::schedctl
