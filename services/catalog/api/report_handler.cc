#include "services/catalog/api/report_handler.h"

#include "absl/strings/str_cat.h"
#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/api/timestamps.h"
#include "common/grpc/call.h"
#include "common/status/status.h"

namespace secsched::catalog {
namespace {

constexpr char kReportPattern[] = "schools/{school}/reports/{report}";
constexpr char kSchoolParentPattern[] = "schools/{school}";
constexpr char kReportCalendarPattern[] = "calendars/{calendar}";

std::optional<ReportEntity> EntityFromProto(v1::ReportEntity entity) {
  switch (entity) {
    case v1::COURSES:
      return ReportEntity::kCourses;
    case v1::TEACHERS:
      return ReportEntity::kTeachers;
    case v1::ROOMS:
      return ReportEntity::kRooms;
    case v1::TERMS:
      return ReportEntity::kTerms;
    default:
      return std::nullopt;
  }
}

v1::ReportEntity ToProto(ReportEntity entity) {
  switch (entity) {
    case ReportEntity::kCourses:
      return v1::COURSES;
    case ReportEntity::kTeachers:
      return v1::TEACHERS;
    case ReportEntity::kRooms:
      return v1::ROOMS;
    case ReportEntity::kTerms:
      return v1::TERMS;
  }
  return v1::REPORT_ENTITY_UNSPECIFIED;
}

std::optional<FilterOp> OpFromProto(v1::ReportCondition::Operator op) {
  switch (op) {
    case v1::ReportCondition::EQUAL:
      return FilterOp::kEqual;
    case v1::ReportCondition::NOT_EQUAL:
      return FilterOp::kNotEqual;
    case v1::ReportCondition::LESS:
      return FilterOp::kLess;
    case v1::ReportCondition::LESS_OR_EQUAL:
      return FilterOp::kLessOrEqual;
    case v1::ReportCondition::GREATER:
      return FilterOp::kGreater;
    case v1::ReportCondition::GREATER_OR_EQUAL:
      return FilterOp::kGreaterOrEqual;
    case v1::ReportCondition::CONTAINS:
      return FilterOp::kContains;
    case v1::ReportCondition::PREFIX:
      return FilterOp::kPrefix;
    default:
      return std::nullopt;
  }
}

v1::ReportCondition::Operator ToProto(FilterOp op) {
  switch (op) {
    case FilterOp::kEqual:
      return v1::ReportCondition::EQUAL;
    case FilterOp::kNotEqual:
      return v1::ReportCondition::NOT_EQUAL;
    case FilterOp::kLess:
      return v1::ReportCondition::LESS;
    case FilterOp::kLessOrEqual:
      return v1::ReportCondition::LESS_OR_EQUAL;
    case FilterOp::kGreater:
      return v1::ReportCondition::GREATER;
    case FilterOp::kGreaterOrEqual:
      return v1::ReportCondition::GREATER_OR_EQUAL;
    case FilterOp::kContains:
      return v1::ReportCondition::CONTAINS;
    case FilterOp::kPrefix:
      return v1::ReportCondition::PREFIX;
  }
  return v1::ReportCondition::OPERATOR_UNSPECIFIED;
}

// The definition's entity, fields and filter (conditions or text, not both). `prefix` names the
// request field ("definition." or "report_definition.").
absl::StatusOr<ReportDefinition> DefinitionFromProto(const v1::ReportDefinition &proto,
                                                     const std::string &prefix) {
  ReportDefinition definition{.display_name = proto.display_name(),
                              .fields = {proto.fields().begin(), proto.fields().end()}};
  std::optional<ReportEntity> entity = EntityFromProto(proto.entity());
  if (!entity.has_value()) {
    return InvalidField(prefix + "entity", "must be COURSES, TEACHERS, ROOMS or TERMS");
  }
  definition.entity = *entity;
  if (!proto.filter().empty() && proto.conditions_size() > 0) {
    return InvalidField(prefix + "filter", "give conditions or a filter text, not both");
  }
  if (!proto.filter().empty()) {
    absl::StatusOr<std::vector<FilterCondition>> parsed =
        ParseFilter(proto.filter(), prefix + "filter");
    if (!parsed.ok()) return parsed.status();
    definition.conditions = *std::move(parsed);
    return definition;
  }
  FieldValidator v;
  for (int i = 0; i < proto.conditions_size(); ++i) {
    const v1::ReportCondition &c = proto.conditions(i);
    std::optional<FilterOp> op = OpFromProto(c.op());
    if (!v.Require(op.has_value(), absl::StrCat(prefix, "conditions[", i, "].op"), "is required")) {
      continue;
    }
    definition.conditions.push_back({.field = c.field(), .op = *op, .value = c.value()});
  }
  if (absl::Status s = v.Finish(); !s.ok()) return s;
  return definition;
}

void ToProto(const ReportDefinition &definition, v1::ReportDefinition *out) {
  out->set_name(api::FormatName(kReportPattern, {definition.school_id, definition.id}));
  out->set_display_name(definition.display_name);
  out->set_entity(ToProto(definition.entity));
  for (const std::string &field : definition.fields) out->add_fields(field);
  for (const FilterCondition &c : definition.conditions) {
    v1::ReportCondition *condition = out->add_conditions();
    condition->set_field(c.field);
    condition->set_op(ToProto(c.op));
    condition->set_value(c.value);
  }
  out->set_filter(FormatFilter(definition.conditions));
  out->set_creator(definition.creator);
  *out->mutable_update_time() = api::ToProtoTime(definition.update_time);
}

}  // namespace

grpc::Status ReportHandler::RunReport(grpc::ServerContext *context,
                                      const v1::RunReportRequest *request,
                                      v1::RunReportResponse *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto parent = api::ParseName(request->parent(), kReportCalendarPattern, "parent");
    if (!parent.ok()) return parent.status();
    RunReportRequest run{.calendar_id = (*parent)[0], .csv = request->format() == v1::CSV};
    if (!request->report().empty()) {
      auto ids = api::ParseName(request->report(), kReportPattern, "report");
      if (!ids.ok()) return ids.status();
      run.saved = std::make_pair((*ids)[0], (*ids)[1]);
    }
    if (request->has_definition()) {
      absl::StatusOr<ReportDefinition> inline_definition =
          DefinitionFromProto(request->definition(), "definition.");
      if (!inline_definition.ok()) return inline_definition.status();
      run.definition = *std::move(inline_definition);
    }
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    run.page_size = page->size;
    run.after = std::move(page->after);

    absl::StatusOr<ReportResult> result = reports_.Run(caller, run);
    if (!result.ok()) return result.status();
    for (const std::string &column : result->columns) response->add_columns(column);
    for (const std::vector<std::string> &row : result->rows) {
      v1::ReportRow *out = response->add_rows();
      for (const std::string &value : row) out->add_values(value);
    }
    response->set_next_page_token(api::EncodePageToken(result->next_after));
    response->set_csv_data(std::move(result->csv));
    response->set_row_count(result->row_count);
    return absl::OkStatus();
  });
}

grpc::Status ReportHandler::SaveReportDefinition(grpc::ServerContext *context,
                                                 const v1::SaveReportDefinitionRequest *request,
                                                 v1::ReportDefinition *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto ids = api::ParseName(request->report_definition().name(), kReportPattern,
                              "report_definition.name");
    if (!ids.ok()) return ids.status();
    absl::StatusOr<ReportDefinition> definition =
        DefinitionFromProto(request->report_definition(), "report_definition.");
    if (!definition.ok()) return definition.status();
    definition->school_id = (*ids)[0];
    definition->id = (*ids)[1];
    absl::StatusOr<ReportDefinition> saved = reports_.Save(caller, *std::move(definition));
    if (!saved.ok()) return saved.status();
    ToProto(*saved, response);
    return absl::OkStatus();
  });
}

grpc::Status ReportHandler::GetReportDefinition(grpc::ServerContext *context,
                                                const v1::GetReportDefinitionRequest *request,
                                                v1::ReportDefinition *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto ids = api::ParseName(request->name(), kReportPattern);
    if (!ids.ok()) return ids.status();
    absl::StatusOr<ReportDefinition> definition = reports_.Get(caller, (*ids)[0], (*ids)[1]);
    if (!definition.ok()) return definition.status();
    ToProto(*definition, response);
    return absl::OkStatus();
  });
}

grpc::Status ReportHandler::ListReportDefinitions(grpc::ServerContext *context,
                                                  const v1::ListReportDefinitionsRequest *request,
                                                  v1::ListReportDefinitionsResponse *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto parent = api::ParseName(request->parent(), kSchoolParentPattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<api::PageRequest> paging =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!paging.ok()) return paging.status();
    absl::StatusOr<api::Page<ReportDefinition>> page =
        reports_.List(caller, (*parent)[0], {.after = paging->after, .limit = paging->size});
    if (!page.ok()) return page.status();
    for (const ReportDefinition &d : page->items) ToProto(d, response->add_report_definitions());
    response->set_next_page_token(api::EncodePageToken(page->next_after));
    return absl::OkStatus();
  });
}

grpc::Status ReportHandler::DeleteReportDefinition(grpc::ServerContext *context,
                                                   const v1::DeleteReportDefinitionRequest *request,
                                                   google::protobuf::Empty * /*response*/) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto ids = api::ParseName(request->name(), kReportPattern);
    if (!ids.ok()) return ids.status();
    return reports_.Delete(caller, (*ids)[0], (*ids)[1]);
  });
}

}  // namespace secsched::catalog
