#include "services/catalog/storage/pg_report_repository.h"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "common/api/paging.h"
#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"
#include "common/status/strings.h"

namespace secsched::catalog {
namespace {

// Where each whitelisted report field lives. `column` is a fixed SQL expression over the entity's
// table; nothing a caller sends is ever placed into the SQL text.
struct ReportColumn {
  std::string_view field;
  std::string_view column;
};

struct EntityTable {
  std::string_view table;
  std::vector<ReportColumn> columns;
};

const EntityTable &TableOf(ReportEntity entity) {
  static const EntityTable courses{"catalog.courses",
                                   {{"id", "id"},
                                    {"number", "number"},
                                    {"display_name", "display_name"},
                                    {"department", "department"},
                                    {"credits", "credits"},
                                    {"min_grade", "min_grade"},
                                    {"max_grade", "max_grade"},
                                    {"term_length", "term_length"},
                                    {"periods_per_meeting", "periods_per_meeting"},
                                    {"sections_to_build", "sections_to_build"},
                                    {"max_students", "max_students"},
                                    {"load_priority", "load_priority"},
                                    {"room_type", "room_type"},
                                    {"required", "required"},
                                    {"active", "active"},
                                    {"tags", "tags"},
                                    {"course_master", "coalesce(course_master_id, '')"},
                                    {"locked_fields", "locked_fields"}}};
  static const EntityTable teachers{"catalog.teachers",
                                    {{"id", "id"},
                                     {"staff_id", "staff_id"},
                                     {"display_name", "display_name"},
                                     {"departments", "departments"},
                                     {"can_teach_courses", "can_teach_courses"},
                                     {"max_sections", "max_sections"},
                                     {"max_sections_per_term", "max_sections_per_term"},
                                     {"unavailable", "unavailable"},
                                     {"active", "active"}}};
  static const EntityTable rooms{"catalog.rooms",
                                 {{"id", "id"},
                                  {"number", "number"},
                                  {"capacity", "capacity"},
                                  {"room_type", "room_type"},
                                  {"unavailable", "unavailable"},
                                  {"active", "active"}}};
  static const EntityTable terms{"catalog.terms",
                                 {{"id", "id"},
                                  {"sequence", "sequence"},
                                  {"display_name", "display_name"},
                                  {"start_date", "start_date"},
                                  {"end_date", "end_date"}}};
  switch (entity) {
    case ReportEntity::kCourses:
      return courses;
    case ReportEntity::kTeachers:
      return teachers;
    case ReportEntity::kRooms:
      return rooms;
    case ReportEntity::kTerms:
      return terms;
  }
  return courses;
}

absl::StatusOr<std::pair<std::string, FieldType>> ColumnOf(ReportEntity entity,
                                                           std::string_view field) {
  std::optional<ReportField> spec = FindReportField(entity, field);
  for (const ReportColumn &column : TableOf(entity).columns) {
    if (column.field == field && spec.has_value()) {
      return std::make_pair(std::string(column.column), spec->type);
    }
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "\"", ToAbsl(field), "\" is not a report field of ", ToAbsl(EntityName(entity))));
}

// The column as report text: lists joined with ";", booleans true/false, decimals without trailing
// zeros, dates ISO.
std::string OutputOf(const std::string &column, FieldType type) {
  switch (type) {
    case FieldType::kText:
      return column;
    case FieldType::kInteger:
      return column + "::text";
    case FieldType::kNumber:
      return "trim_scale(" + column + ")::text";
    case FieldType::kBool:
      return "CASE WHEN " + column + " THEN 'true' ELSE 'false' END";
    case FieldType::kDate:
      return "to_char(" + column + ", 'YYYY-MM-DD')";
    case FieldType::kList:
      return "array_to_string(" + column + ", ';')";
  }
  return column;
}

std::string CastOf(FieldType type) {
  switch (type) {
    case FieldType::kInteger:
      return "::bigint";
    case FieldType::kNumber:
      return "::numeric";
    case FieldType::kBool:
      return "::boolean";
    case FieldType::kDate:
      return "::date";
    case FieldType::kText:
    case FieldType::kList:
      return "::text";
  }
  return "::text";
}

// `column op $n`, for an operator the domain allowed for this type.
std::string ConditionSql(const std::string &column, FieldType type, FilterOp op,
                         const std::string &param) {
  const std::string value = param + CastOf(type);
  switch (op) {
    case FilterOp::kEqual:
      return column + " = " + value;
    case FilterOp::kNotEqual:
      return column + " <> " + value;
    case FilterOp::kLess:
      return column + " < " + value;
    case FilterOp::kLessOrEqual:
      return column + " <= " + value;
    case FilterOp::kGreater:
      return column + " > " + value;
    case FilterOp::kGreaterOrEqual:
      return column + " >= " + value;
    case FilterOp::kContains:
      if (type == FieldType::kList) return value + " = ANY(" + column + ")";
      return "strpos(lower(" + column + "), lower(" + value + ")) > 0";
    case FilterOp::kPrefix:
      return "starts_with(" + column + ", " + value + ")";
  }
  return "false";
}

std::string EntityText(ReportEntity entity) {
  switch (entity) {
    case ReportEntity::kCourses:
      return "COURSES";
    case ReportEntity::kTeachers:
      return "TEACHERS";
    case ReportEntity::kRooms:
      return "ROOMS";
    case ReportEntity::kTerms:
      return "TERMS";
  }
  return "COURSES";
}

ReportEntity EntityOf(std::string_view text) {
  if (text == "TEACHERS") return ReportEntity::kTeachers;
  if (text == "ROOMS") return ReportEntity::kRooms;
  if (text == "TERMS") return ReportEntity::kTerms;
  return ReportEntity::kCourses;
}

FilterOp OpOf(std::string_view text) {
  for (FilterOp op :
       {FilterOp::kEqual, FilterOp::kNotEqual, FilterOp::kLess, FilterOp::kLessOrEqual,
        FilterOp::kGreater, FilterOp::kGreaterOrEqual, FilterOp::kContains, FilterOp::kPrefix}) {
    if (OpText(op) == text) return op;
  }
  return FilterOp::kEqual;
}

const std::string kDefinitionColumns =
    "school_id, id, display_name, entity, fields::text AS fields, "
    "conditions::text AS "
    "conditions, creator, " +
    pg::MicrosOf("update_time") + " AS update_us";

ReportDefinition DefinitionOf(const pqxx::row &row) {
  ReportDefinition definition{
      .school_id = row["school_id"].as<std::string>(),
      .id = row["id"].as<std::string>(),
      .display_name = row["display_name"].as<std::string>(),
      .entity = EntityOf(row["entity"].as<std::string>()),
      .fields = nlohmann::json::parse(row["fields"].c_str()).get<std::vector<std::string>>(),
      .creator = row["creator"].as<std::string>(),
      .update_time = pg::TimeOf(row["update_us"]),
  };
  for (const nlohmann::json &c : nlohmann::json::parse(row["conditions"].c_str())) {
    definition.conditions.push_back({.field = c.at("field").get<std::string>(),
                                     .op = OpOf(c.at("op").get<std::string>()),
                                     .value = c.at("value").get<std::string>()});
  }
  return definition;
}

absl::Status DefinitionNotFound(std::string_view school_id, std::string_view id) {
  return absl::NotFoundError(
      absl::StrCat("Report schools/", ToAbsl(school_id), "/reports/", ToAbsl(id), " not found."));
}

}  // namespace

absl::StatusOr<ReportSql> BuildReportSql(const ReportQuery &query) {
  ReportSql out;
  out.params = {query.calendar_id, query.after, std::to_string(query.limit + 1)};
  std::string select = "SELECT id AS row_key";
  for (const std::string &field : query.fields) {
    absl::StatusOr<std::pair<std::string, FieldType>> column = ColumnOf(query.entity, field);
    if (!column.ok()) return column.status();
    select += ", " + OutputOf(column->first, column->second);
  }
  std::string where = " WHERE calendar_id = $1 AND id > $2";
  for (const FilterCondition &condition : query.conditions) {
    absl::StatusOr<std::pair<std::string, FieldType>> column =
        ColumnOf(query.entity, condition.field);
    if (!column.ok()) return column.status();
    out.params.push_back(condition.value);
    where += " AND " + ConditionSql(column->first, column->second, condition.op,
                                    "$" + std::to_string(out.params.size()));
  }
  out.sql = select + " FROM " + std::string(TableOf(query.entity).table) + where +
            " ORDER BY id LIMIT $3::bigint";
  return out;
}

absl::StatusOr<api::Page<std::vector<std::string>>> PgReportRepository::Run(
    const ReportQuery &query) {
  absl::StatusOr<ReportSql> sql = BuildReportSql(query);
  if (!sql.ok()) return sql.status();
  return pg::WithTransaction(
      pool_,
      [&](pqxx::work &tx) -> absl::StatusOr<api::Page<std::vector<std::string>>> {
        pqxx::result rows =
            tx.exec_params(sql->sql, pqxx::prepare::make_dynamic_params(sql->params));
        api::Page<std::vector<std::string>> page;
        std::string last_key;
        for (const pqxx::row &row : rows) {
          if (static_cast<int>(page.items.size()) == query.limit) {
            page.next_after = last_key;
            break;
          }
          last_key = row[0].as<std::string>();
          std::vector<std::string> values;
          for (std::size_t i = 1; i < row.size(); ++i) {
            values.push_back(row[static_cast<int>(i)].is_null()
                                 ? ""
                                 : row[static_cast<int>(i)].as<std::string>());
          }
          page.items.push_back(std::move(values));
        }
        return page;
      },
      {.isolation = pg::Isolation::kRepeatableRead});
}

absl::StatusOr<ReportDefinition> PgReportRepository::Save(const ReportDefinition &definition) {
  nlohmann::json conditions = nlohmann::json::array();
  for (const FilterCondition &c : definition.conditions) {
    conditions.push_back(
        {{"field", c.field}, {"op", std::string(OpText(c.op))}, {"value", c.value}});
  }
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) -> absl::StatusOr<ReportDefinition> {
    pqxx::result saved = tx.exec_params(
        "INSERT INTO catalog.report_definitions (school_id, id, "
        "display_name, entity, fields, "
        "conditions, creator) VALUES ($1, $2, $3, $4, $5::jsonb, "
        "$6::jsonb, $7) "
        "ON CONFLICT (school_id, id) DO UPDATE SET display_name = "
        "EXCLUDED.display_name, "
        "entity = EXCLUDED.entity, fields = EXCLUDED.fields, conditions = "
        "EXCLUDED.conditions, "
        "update_time = now() RETURNING " +
            kDefinitionColumns,
        definition.school_id, definition.id, definition.display_name, EntityText(definition.entity),
        nlohmann::json(definition.fields).dump(), conditions.dump(), definition.creator);
    return DefinitionOf(saved[0]);
  });
}

absl::StatusOr<ReportDefinition> PgReportRepository::Get(std::string_view school_id,
                                                         std::string_view id) {
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) -> absl::StatusOr<ReportDefinition> {
    pqxx::result rows = tx.exec_params("SELECT " + kDefinitionColumns +
                                           " FROM catalog.report_definitions WHERE school_id = "
                                           "$1 AND id = $2",
                                       std::string(school_id), std::string(id));
    if (rows.empty()) return DefinitionNotFound(school_id, id);
    return DefinitionOf(rows[0]);
  });
}

absl::StatusOr<api::Page<ReportDefinition>> PgReportRepository::List(std::string_view school_id,
                                                                     const ListOptions &options) {
  return pg::WithTransaction(
      pool_, [&](pqxx::work &tx) -> absl::StatusOr<api::Page<ReportDefinition>> {
        pqxx::result rows =
            tx.exec_params("SELECT " + kDefinitionColumns +
                               " FROM catalog.report_definitions WHERE school_id = "
                               "$1 AND id > $2 ORDER BY id LIMIT $3",
                           std::string(school_id), options.after, options.limit + 1);
        api::Page<ReportDefinition> page;
        for (const pqxx::row &row : rows) page.items.push_back(DefinitionOf(row));
        page.next_after = api::TrimToPage(page.items, options.limit,
                                          [](const ReportDefinition &item) { return item.id; });
        return page;
      });
}

absl::Status PgReportRepository::Delete(std::string_view school_id, std::string_view id) {
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) -> absl::Status {
    pqxx::result deleted = tx.exec_params(
        "DELETE FROM catalog.report_definitions WHERE school_id "
        "= $1 AND id = $2",
        std::string(school_id), std::string(id));
    if (deleted.affected_rows() == 0) return DefinitionNotFound(school_id, id);
    return absl::OkStatus();
  });
}

}  // namespace secsched::catalog
