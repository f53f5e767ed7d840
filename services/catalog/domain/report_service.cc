#include "services/catalog/domain/report_service.h"

#include "absl/strings/str_cat.h"
#include "common/csv/csv.h"
#include "common/status/status.h"
#include "common/status/strings.h"

namespace secsched::catalog {
namespace {

std::vector<std::string> AllFields(ReportEntity entity) {
  std::vector<std::string> fields;
  for (const ReportField &field : ReportFieldsOf(entity)) fields.emplace_back(field.name);
  return fields;
}

}  // namespace

absl::StatusOr<ReportResult> Reports::Run(const auth::Caller &caller,
                                          const RunReportRequest &request) {
  if (request.saved.has_value() == request.definition.has_value()) {
    return InvalidField("report", "give either a saved report's name or an inline definition");
  }
  absl::StatusOr<std::string> school = schools_.SchoolOf(request.calendar_id);
  if (!school.ok()) return school.status();
  if (absl::Status allowed =
          access::AuthorizeSchoolAccess(caller, *school, access::Mode::kRead, access_);
      !allowed.ok()) {
    return allowed;
  }

  ReportDefinition definition;
  std::string prefix = "definition.";
  if (request.saved.has_value()) {
    const auto &[saved_school, saved_id] = *request.saved;
    if (saved_school != *school) {
      return InvalidField("report", absl::StrCat("the report belongs to school ", saved_school,
                                                 ", the calendar to school ", *school));
    }
    absl::StatusOr<ReportDefinition> saved = repository_.Get(saved_school, saved_id);
    if (!saved.ok()) return saved.status();
    definition = *std::move(saved);
    prefix = "report.";  // a saved definition was checked when saved; a mismatch
                         // still names it
  } else {
    definition = *request.definition;
  }
  if (absl::Status valid =
          ValidateReportQuery(definition.entity, definition.fields, definition.conditions, prefix);
      !valid.ok()) {
    return valid;
  }

  ReportQuery query{
      .calendar_id = request.calendar_id,
      .entity = definition.entity,
      .fields = definition.fields.empty() ? AllFields(definition.entity) : definition.fields,
      .conditions = definition.conditions,
      .after = request.csv ? "" : request.after,
      .limit = request.csv ? kMaxCsvReportRows + 1 : request.page_size,
  };
  absl::StatusOr<api::Page<std::vector<std::string>>> page = repository_.Run(query);
  if (!page.ok()) return page.status();

  ReportResult result{.columns = query.fields};
  if (!request.csv) {
    result.row_count = static_cast<int>(page->items.size());
    result.rows = std::move(page->items);
    result.next_after = std::move(page->next_after);
    return result;
  }
  if (page->items.size() > static_cast<std::size_t>(kMaxCsvReportRows)) {
    return absl::FailedPreconditionError(
        absl::StrCat("The report has more than ", kMaxCsvReportRows,
                     " rows; narrow the filter or page through the rows."));
  }
  csv::Writer writer;
  writer.AddRow(result.columns);
  for (const std::vector<std::string> &row : page->items) writer.AddRow(row);
  result.csv = writer.str();
  result.row_count = static_cast<int>(page->items.size());
  return result;
}

absl::StatusOr<ReportDefinition> Reports::Save(const auth::Caller &caller,
                                               ReportDefinition definition) {
  FieldValidator v;
  v.Require(!definition.display_name.empty() && definition.display_name.size() <= 200,
            "report_definition.display_name", "is required (at most 200 characters)");
  absl::Status fields = v.Finish("The report definition has invalid fields.");
  absl::Status query = ValidateReportQuery(definition.entity, definition.fields,
                                           definition.conditions, "report_definition.");
  if (!fields.ok() || !query.ok()) {
    std::vector<FieldViolation> all = FieldViolationsOf(fields);
    for (FieldViolation &violation : FieldViolationsOf(query)) all.push_back(std::move(violation));
    return InvalidArgumentWithFields("The report definition has invalid fields.", std::move(all));
  }
  if (absl::Status allowed = access::AuthorizeSchoolAccess(caller, definition.school_id,
                                                           access::Mode::kWrite, access_);
      !allowed.ok()) {
    return allowed;
  }
  definition.creator = caller.subject;
  return repository_.Save(definition);
}

absl::StatusOr<ReportDefinition> Reports::Get(const auth::Caller &caller,
                                              std::string_view school_id, std::string_view id) {
  if (absl::Status allowed =
          access::AuthorizeSchoolAccess(caller, school_id, access::Mode::kRead, access_);
      !allowed.ok()) {
    return allowed;
  }
  return repository_.Get(school_id, id);
}

absl::StatusOr<api::Page<ReportDefinition>> Reports::List(const auth::Caller &caller,
                                                          std::string_view school_id,
                                                          const ListOptions &options) {
  if (absl::Status allowed =
          access::AuthorizeSchoolAccess(caller, school_id, access::Mode::kRead, access_);
      !allowed.ok()) {
    return allowed;
  }
  return repository_.List(school_id, options);
}

absl::Status Reports::Delete(const auth::Caller &caller, std::string_view school_id,
                             std::string_view id) {
  if (absl::Status allowed =
          access::AuthorizeSchoolAccess(caller, school_id, access::Mode::kWrite, access_);
      !allowed.ok()) {
    return allowed;
  }
  return repository_.Delete(school_id, id);
}

}  // namespace secsched::catalog
